using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Kiosk;

/// <summary>Staff open a one-time kiosk link for a patient and one patient questionnaire, before an infusion (with the
/// infusion booking) or at a follow-up (with the follow-up appointment), or from the chart without a visit.</summary>
public sealed record OpenKioskLink(Guid PatientId, InstrumentCode Instrument, MeasureContext Context, Guid? CourseId = null, Guid? AppointmentId = null);

/// <summary>The link as staff see it once: the code (never stored, only its hash) and when it stops working.</summary>
public sealed record OpenedKioskLink(Guid LinkId, string Code, InstrumentCode Instrument, DateTime ExpiresUtc)
{
    /// <summary>The code as staff read it out: "K7MQ-2XPA".</summary>
    public string DisplayCode => KioskCode.Display(Code);

    /// <summary>The page that opens the questionnaire directly, relative to the app's base address.</summary>
    public string RelativeLink => $"kiosk/{Code}";
}

public sealed class OpenKioskLinkValidator : AbstractValidator<OpenKioskLink>
{
    public OpenKioskLinkValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty().WithMessage("Choose the patient.");
        RuleFor(c => c.Instrument).IsInEnum().WithMessage(KioskErrors.UnknownInstrument.Message)
            .Must(i => !OutcomeInstrument.Get(i).ClinicianRated).When(c => Enum.IsDefined(c.Instrument)).WithMessage(KioskErrors.ClinicianRated.Message);
        RuleFor(c => c.Context).IsInEnum().WithMessage("Say when the measure is taken (before an infusion, follow-up).")
            .NotEqual(MeasureContext.Baseline).WithMessage(KioskErrors.NotForBaseline.Message);
    }
}

/// <summary>
/// Anyone who may see the patient (<see cref="KioskLinks.Policy"/>: intake staff, nurses, clinicians) opens a link;
/// the answers go to the clinician's record, never back to the person who opened it. The code is drawn from
/// <see cref="KioskCode"/> and only its SHA-256 is saved; the creation is audited (the interceptor) under the patient.
/// </summary>
public sealed class OpenKioskLinkHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    IValidator<OpenKioskLink> validator,
    FloorEvents floor,
    TimeProvider time)
{
    public async Task<Result<OpenedKioskLink>> HandleAsync(ClaimsPrincipal user, OpenKioskLink command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, KioskLinks.Policy, nameof(KioskLink), null, command.PatientId, "open a kiosk link", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == command.PatientId).Select(p => new { p.IsArchived }).SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return PatientErrors.NotFound;
        }

        if (patient.IsArchived)
        {
            return KioskLinks.PatientArchived;
        }

        var visit = await MeasureVisit.ResolveAsync(db, command.PatientId, command.Context, command.CourseId, command.AppointmentId, cancellationToken);
        if (!visit.IsSuccess)
        {
            return visit.Error!;
        }

        // 31^8 codes: a clash with a stored hash is all but impossible, but it would break the unique index, so draw again.
        string code, hash;
        do
        {
            code = KioskCode.New();
            hash = KioskCode.Hash(code)!;
        }
        while (await db.KioskLinks.AnyAsync(k => k.CodeHash == hash, cancellationToken));

        var staff = StaffIdentity.From(user);
        var now = time.GetUtcNow().UtcDateTime;
        var opened = KioskLink.Open(command.PatientId, command.Instrument, command.Context, hash, staff.Id, staff.Name, now,
            visit.Value.CourseId, visit.Value.AppointmentId);
        if (!opened.IsSuccess)
        {
            return opened.Error!;
        }

        db.KioskLinks.Add(opened.Value);
        await db.SaveChangesAsync(cancellationToken);
        floor.PublishPatient(command.PatientId);
        return new OpenedKioskLink(opened.Value.Id, code, command.Instrument, opened.Value.ExpiresUtc);
    }
}
