using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Intake staff or a clinician registers a patient. A patient whose name and date of birth match one already
/// registered is refused until the user confirms it is another person (<see cref="ConfirmedNotDuplicate"/>).</summary>
public sealed record RegisterPatient(PatientForm Form, bool ConfirmedNotDuplicate = false);

public sealed record RegisteredPatient(Guid Id, string Mrn);

/// <summary>An existing patient with the same normalised name and date of birth.</summary>
public sealed record PossibleDuplicate(Guid Id, string FamilyName, string GivenName, string Mrn, DateOnly DateOfBirth, bool IsArchived);

public static class RegistrationErrors
{
    public const string PossibleDuplicateCode = "patient.possible_duplicate";

    public static readonly DomainError NoMrnCounter = new("patient.mrn_counter", "The record-number counter is missing; ask an administrator to restart the clinic's server.");
    public static readonly DomainError MrnBusy = new("patient.mrn_busy", "Many patients are being registered at once; nothing was saved. Try again.");

    public static DomainError PossibleDuplicate(IReadOnlyList<PossibleDuplicate> matches) => new(
        PossibleDuplicateCode,
        $"A patient with the same name and date of birth is already registered ({string.Join(", ", matches.Select(m => m.Mrn))}). Check it is not the same person, then choose 'Register anyway'.");
}

public sealed class RegisterPatientValidator : AbstractValidator<RegisterPatient>
{
    public RegisterPatientValidator(IValidator<PatientForm> form)
    {
        RuleFor(c => c.Form).NotNull().SetValidator(form);
    }
}

public sealed class RegisterPatientHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    PatientAccess access,
    ClinicSettingsProvider settings,
    IValidator<RegisterPatient> validator,
    TimeProvider clock)
{
    private const int MaxAttempts = 25;

    /// <summary>Patients already registered with the same normalised name and date of birth (the page shows them
    /// before saving; <see cref="HandleAsync"/> checks again).</summary>
    public async Task<Result<IReadOnlyList<PossibleDuplicate>>> FindPossibleDuplicatesAsync(ClaimsPrincipal user, PatientForm form, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(form);
        if (await access.DemandAsync(user, Policies.EditPatients, "register patient", cancellationToken: cancellationToken) is { } refused)
        {
            return refused;
        }

        if (form.DateOfBirth is null || string.IsNullOrWhiteSpace(form.FamilyName) || string.IsNullOrWhiteSpace(form.GivenName))
        {
            return Result<IReadOnlyList<PossibleDuplicate>>.Success([]);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return Result<IReadOnlyList<PossibleDuplicate>>.Success(await DuplicatesAsync(db, form, cancellationToken));
    }

    public async Task<Result<RegisteredPatient>> HandleAsync(ClaimsPrincipal user, RegisterPatient command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(command);
        if (await access.DemandAsync(user, Policies.EditPatients, "register patient", cancellationToken: cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var staff = StaffIdentity.From(user);
        var clinic = await settings.GetAsync(cancellationToken);
        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (!command.ConfirmedNotDuplicate)
            {
                var matches = await DuplicatesAsync(db, command.Form, cancellationToken);
                if (matches.Count > 0)
                {
                    return RegistrationErrors.PossibleDuplicate(matches);
                }
            }

            var counter = await db.SequenceCounters.SingleOrDefaultAsync(c => c.Name == SequenceCounter.MedicalRecordNumber, cancellationToken);
            if (counter is null)
            {
                return RegistrationErrors.NoMrnCounter;
            }

            var format = await db.ClinicSettings.AsNoTracking().SingleAsync(cancellationToken);
            var now = clock.GetUtcNow().UtcDateTime;
            var registered = Patient.Register(command.Form.ToDetails(), format.FormatMrn(counter.Next()), now);
            if (!registered.IsSuccess)
            {
                return registered.Error!;
            }

            var patient = registered.Value;
            if (command.Form.FirstWeightKg is { } kg && command.Form.FirstWeightMeasuredOn is { } day)
            {
                var weight = patient.RecordWeight(kg, ClinicDays.MeasuredUtc(DateOnly.FromDateTime(day), clinic, now), staff.Name, now);
                if (!weight.IsSuccess)
                {
                    return weight.Error!;
                }
            }

            db.Patients.Add(patient);
            try
            {
                // The counter's version is a concurrency token: of two registrations taking the same number, one
                // commits and the other takes the next number on its retry.
                await db.SaveChangesAsync(cancellationToken);
                return new RegisteredPatient(patient.Id, patient.Mrn);
            }
            catch (DbUpdateException) when (attempt < MaxAttempts)
            {
                // A concurrency conflict on the counter, or a number already issued under an earlier format.
                await Task.Delay(Random.Shared.Next(5, 20 * attempt), cancellationToken);
            }
            catch (DbUpdateException)
            {
                return RegistrationErrors.MrnBusy;
            }
        }
    }

    private static async Task<IReadOnlyList<PossibleDuplicate>> DuplicatesAsync(ClinicDbContext db, PatientForm form, CancellationToken cancellationToken)
    {
        if (form.DateOfBirth is not { } birth)
        {
            return [];
        }

        var searchName = PatientSearch.NormalizeName($"{form.FamilyName} {form.GivenName}");
        var dateOfBirth = DateOnly.FromDateTime(birth);
        return await db.Patients.AsNoTracking()
            .Where(p => p.SearchName == searchName && p.DateOfBirth == dateOfBirth)
            .OrderBy(p => p.Mrn)
            .Take(10)
            .Select(p => new PossibleDuplicate(p.Id, p.FamilyName, p.GivenName, p.Mrn, p.DateOfBirth, p.IsArchived))
            .ToListAsync(cancellationToken);
    }
}

/// <summary>Staff enter days in the clinic's calendar; the record keeps UTC instants.</summary>
public static class ClinicDays
{
    /// <summary>Today means now; an earlier (or later, which the domain refuses) day means midday of that day in the
    /// clinic.</summary>
    public static DateTime MeasuredUtc(DateOnly day, ClinicSettingsSnapshot clinic, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return day == Today(clinic, nowUtc)
            ? nowUtc
            : TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(12, 0)), clinic.TimeZone);
    }

    public static DateOnly Today(ClinicSettingsSnapshot clinic, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(clinic);
        return DateOnly.FromDateTime(clinic.ToClinicTime(nowUtc));
    }
}
