using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling.Instructions;

/// <summary>A message about the booking as recorded by the reminder service, for staff.</summary>
public sealed record AppointmentMessage(ReminderKind Kind, DateTime ForLocalStart, DateTime? SentLocal, int Attempts, string? Problem, bool GaveUp);

/// <summary>
/// What a patient is told about one booking: when and where, with whom, and (for infusions and boosters) the
/// pre-session instructions computed from the start time and the course's protocol. Times are in the clinic's zone.
/// </summary>
public sealed record AppointmentInstructionsView(
    Guid AppointmentId,
    Guid PatientId,
    string PatientName,
    string? PatientEmail,
    AppointmentType Type,
    AppointmentStatus Status,
    DateTime StartUtc,
    DateTime EndUtc,
    DateTime LocalStart,
    DateTime LocalEnd,
    string? ChairName,
    string? ClinicianName,
    string ClinicName,
    string TimeZoneId,
    IReadOnlyList<string> Lines,
    IReadOnlyList<string> MedicinesToHold,
    IReadOnlyList<AppointmentMessage> Messages)
{
    public string TypeText => AppointmentInstructionsText.TypeName(Type);

    public bool IsInfusion => Type is AppointmentType.InfusionSession or AppointmentType.Booster;

    /// <summary>Patient-facing title without diagnosis or treatment detail beyond the visit type.</summary>
    public string Title => $"{TypeText} at {ClinicName}";
}

public static class AppointmentInstructionsText
{
    public static string TypeName(AppointmentType type) => type switch
    {
        AppointmentType.IntakeConsultation => "Intake consultation",
        AppointmentType.InfusionSession => "Infusion appointment",
        AppointmentType.FollowUp => "Follow-up appointment",
        AppointmentType.Booster => "Booster infusion appointment",
        _ => "Appointment",
    };

    public static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.Confirmation => "Confirmation with instructions",
        ReminderKind.FirstReminder => "First reminder",
        ReminderKind.SecondReminder => "Second reminder",
        _ => kind.ToString(),
    };
}

/// <summary>The instructions for one booking, for staff with the calendar (read recorded in the audit trail).</summary>
public sealed class GetAppointmentInstructionsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic)
{
    public async Task<Result<AppointmentInstructionsView>> HandleAsync(ClaimsPrincipal user, Guid appointmentId, string what = "appointment instructions", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewCalendar)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(Appointment), appointmentId.ToString(), what: what, cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var snapshot = await clinic.GetAsync(cancellationToken);
        var view = await AppointmentInstructionsQuery.LoadAsync(db, appointmentId, snapshot, cancellationToken);
        if (!view.IsSuccess)
        {
            return view;
        }

        await audit.RecordPatientReadAsync(view.Value.PatientId.ToString(), nameof(Appointment), appointmentId.ToString(), what, cancellationToken);
        return view;
    }
}

/// <summary>Builds the instructions without an access check: for the handler above and the reminder service.</summary>
public static class AppointmentInstructionsQuery
{
    public static async Task<Result<AppointmentInstructionsView>> LoadAsync(ClinicDbContext db, Guid appointmentId, ClinicSettingsSnapshot clinic, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(clinic);
        var a = await db.Appointments.AsNoTracking().Where(x => x.Id == appointmentId)
            .Select(x => new { x.Id, x.PatientId, x.Type, x.Status, x.StartUtc, x.EndUtc, x.ChairId, x.ClinicianId, x.CourseId })
            .SingleOrDefaultAsync(cancellationToken);
        if (a is null)
        {
            return AppointmentErrors.NotFound;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == a.PatientId)
            .Select(p => new { p.GivenName, p.FamilyName, p.Email }).SingleAsync(cancellationToken);
        var chair = a.ChairId is { } chairId
            ? await db.Chairs.AsNoTracking().Where(c => c.Id == chairId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken)
            : null;
        var clinician = a.ClinicianId is { } clinicianId
            ? (await StaffDirectory.NamesAsync(db, [clinicianId], cancellationToken)).GetValueOrDefault(clinicianId)
            : null;
        var zone = clinic.TimeZone;
        var startUtc = DateTime.SpecifyKind(a.StartUtc, DateTimeKind.Utc);
        var endUtc = DateTime.SpecifyKind(a.EndUtc, DateTimeKind.Utc);

        IReadOnlyList<string> lines = [];
        IReadOnlyList<string> hold = [];
        if (a.Type is AppointmentType.InfusionSession or AppointmentType.Booster)
        {
            var terms = await SchedulingChecks.InfusionTermsAsync(db, a.PatientId, a.CourseId, cancellationToken);
            if (!terms.IsSuccess)
            {
                return terms.Error!;
            }

            var medicines = await db.Patients.AsNoTracking().Where(p => p.Id == a.PatientId)
                .SelectMany(p => p.Medications).Where(m => m.EndedUtc == null).Select(m => m.Name)
                .ToListAsync(cancellationToken);
            hold = MedicinesToHold.From(medicines);
            lines = PreSessionInstructions.For(startUtc, zone, terms.Value.FastingSolidHours, terms.Value.FastingClearLiquidHours, hold).Lines;
        }

        var dispatches = await db.ReminderDispatches.AsNoTracking().Where(d => d.AppointmentId == a.Id)
            .OrderBy(d => d.ClaimedUtc).ToListAsync(cancellationToken);
        var messages = dispatches.Select(d => new AppointmentMessage(
            d.Kind, clinic.ToClinicTime(d.ForStartUtc), d.SentUtc is { } sent ? clinic.ToClinicTime(sent) : null, d.Attempts, d.LastError, d.GaveUp)).ToList();

        return new AppointmentInstructionsView(
            a.Id, a.PatientId, $"{patient.GivenName} {patient.FamilyName}", patient.Email, a.Type, a.Status, startUtc, endUtc,
            clinic.ToClinicTime(startUtc), clinic.ToClinicTime(endUtc), chair, clinician, clinic.Name, clinic.TimeZoneId, lines, hold, messages);
    }
}
