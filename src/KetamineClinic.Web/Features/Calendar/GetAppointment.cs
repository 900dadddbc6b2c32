using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Calendar;

/// <summary>One entry of a booking's history, in clinic time, with the place it left (for a move) and the place it went.</summary>
public sealed record AppointmentHistoryRow(
    DateTime AtLocal, string ByName, AppointmentAction Action, AppointmentStatus Status, string Where, string? From, string? Reason, string? Detail);

/// <summary>A booking as its page shows it. Times are clinic-local; <see cref="Version"/> goes back with every change.</summary>
public sealed record AppointmentDetails(
    Guid Id,
    Guid PatientId,
    string PatientName,
    string Mrn,
    AppointmentType Type,
    AppointmentStatus Status,
    DateTime StartUtc,
    DateTime LocalStart,
    DateTime LocalEnd,
    Guid? ChairId,
    string? ChairName,
    string? NurseId,
    string? NurseName,
    string? ClinicianId,
    string? ClinicianName,
    SessionNumber? Session,
    string? Note,
    CancellationReason? CancellationReason,
    string? CancellationNote,
    bool LateCancellation,
    AppointmentStatus? PreviousStatus,
    string CreatedByName,
    DateTime CreatedLocal,
    Guid Version,
    IReadOnlyList<AppointmentHistoryRow> History,
    DateTime NowLocal,
    bool MayBook,
    bool MayUndo)
{
    public int Minutes => (int)(LocalEnd - LocalStart).TotalMinutes;

    public bool IsInfusion => Type is AppointmentType.InfusionSession or AppointmentType.Booster;

    /// <summary>Cancelling now would be a late cancellation (within 24 h of the start).</summary>
    public bool CancellingIsLate(DateTime nowUtc) => StartUtc - nowUtc < Appointment.LateCancellationWindow;
}

/// <summary>Opens one booking with its history. Opening it is a read of patient data, so it is audited.</summary>
public sealed class GetAppointmentHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public async Task<Result<AppointmentDetails>> HandleAsync(ClaimsPrincipal user, Guid appointmentId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewCalendar)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(Appointment), appointmentId.ToString(), what: "open booking", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var appointment = await db.Appointments.AsNoTracking().Include(a => a.History).SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return AppointmentErrors.NotFound;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == appointment.PatientId)
            .Select(p => new { Name = p.FamilyName + ", " + p.GivenName, p.Mrn }).SingleAsync(cancellationToken);
        var history = appointment.History.OrderBy(e => e.AtUtc).ThenBy(e => e.Action).ToList();
        var chairIds = history.Select(e => e.ChairId).Append(appointment.ChairId).OfType<Guid>().Distinct().ToList();
        var chairs = await db.Chairs.AsNoTracking().Where(c => chairIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Name, cancellationToken);
        var names = await StaffDirectory.NamesAsync(
            db, history.SelectMany(e => new[] { e.NurseId, e.ClinicianId }).Append(appointment.NurseId).Append(appointment.ClinicianId), cancellationToken);
        var sessions = appointment.CourseId is { } courseId ? await SessionNumbering.ForCoursesAsync(db, [courseId], cancellationToken) : new Dictionary<Guid, SessionNumber>();
        var snapshot = await clinic.GetAsync(cancellationToken);

        string Place(DateTime startUtc, DateTime endUtc, Guid? chairId, string? nurseId, string? clinicianId)
        {
            var parts = new List<string> { $"{CalendarText.When(snapshot.ToClinicTime(startUtc))}–{snapshot.ToClinicTime(endUtc):HH:mm}" };
            if (chairId is { } chair)
            {
                parts.Add(chairs.GetValueOrDefault(chair, "a chair no longer listed"));
            }

            parts.AddRange(new[] { nurseId, clinicianId }.OfType<string>().Select(id => names.GetValueOrDefault(id, "former staff")));
            return string.Join(", ", parts);
        }

        var rows = new List<AppointmentHistoryRow>();
        string? previousPlace = null;
        foreach (var e in history)
        {
            var where = Place(e.StartUtc, e.EndUtc, e.ChairId, e.NurseId, e.ClinicianId);
            // A move's own detail names the old time in UTC; the page shows the old place in clinic time instead.
            rows.Add(new AppointmentHistoryRow(
                snapshot.ToClinicTime(e.AtUtc), e.ByName, e.Action, e.Status, where,
                e.Action == AppointmentAction.Moved ? previousPlace : null,
                e.Reason,
                e.Action == AppointmentAction.Moved ? null : e.Detail));
            previousPlace = where;
        }

        rows.Reverse();
        await audit.RecordPatientReadAsync(appointment.PatientId.ToString(), nameof(Appointment), appointment.Id.ToString(), "open booking", cancellationToken);
        var staff = StaffIdentity.From(user);
        var mayBook = (await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded;
        var mayUndo = appointment.PreviousStatus is not null && (appointment.StatusSetBy == staff.Id || user.IsInRole(StaffRoles.Administrator));
        return new AppointmentDetails(
            appointment.Id,
            appointment.PatientId,
            patient.Name,
            patient.Mrn,
            appointment.Type,
            appointment.Status,
            appointment.StartUtc,
            snapshot.ToClinicTime(appointment.StartUtc),
            snapshot.ToClinicTime(appointment.EndUtc),
            appointment.ChairId,
            appointment.ChairId is { } c ? chairs.GetValueOrDefault(c) : null,
            appointment.NurseId,
            appointment.NurseId is { } n ? names.GetValueOrDefault(n) : null,
            appointment.ClinicianId,
            appointment.ClinicianId is { } cl ? names.GetValueOrDefault(cl) : null,
            sessions.TryGetValue(appointment.Id, out var session) ? session : null,
            appointment.Note,
            appointment.CancellationReason,
            appointment.CancellationNote,
            appointment.LateCancellation,
            appointment.PreviousStatus,
            appointment.CreatedByName,
            snapshot.ToClinicTime(appointment.CreatedUtc),
            appointment.Version,
            rows,
            snapshot.ToClinicTime(clock.GetUtcNow().UtcDateTime),
            mayBook,
            mayUndo);
    }
}
