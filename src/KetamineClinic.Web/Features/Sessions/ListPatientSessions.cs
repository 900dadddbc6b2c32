using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>One infusion booking of a patient and where its session stands, for the chart's Sessions tab.</summary>
public sealed record PatientSessionRow(Guid AppointmentId, DateTime LocalStart, AppointmentType Type, AppointmentStatus Status, SessionPhase? Phase, SessionNumber? Number);

/// <summary>
/// The patient's infusion and booster bookings, newest first, with each session's phase and "session n of N": three
/// queries (bookings by the (PatientId, StartUtc) index, their sessions, the session numbers of their courses), however
/// many there are. Policy ViewPatients; the read is audited.
/// </summary>
public sealed class ListPatientSessionsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic)
{
    public async Task<Result<IReadOnlyList<PatientSessionRow>>> HandleAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewPatients)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(InfusionSession), patientId: patientId.ToString(), what: "list infusion sessions", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bookings = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster))
            .OrderByDescending(a => a.StartUtc)
            .Select(a => new { a.Id, a.StartUtc, a.Type, a.Status, a.CourseId })
            .ToListAsync(cancellationToken);
        var ids = bookings.Select(b => b.Id).ToList();
        var phases = await db.InfusionSessions.AsNoTracking().Where(s => ids.Contains(s.AppointmentId))
            .ToDictionaryAsync(s => s.AppointmentId, s => s.Phase, cancellationToken);
        var numbers = await SessionNumbering.ForCoursesAsync(db, bookings.Select(b => b.CourseId).OfType<Guid>(), cancellationToken);
        var snapshot = await clinic.GetAsync(cancellationToken);
        await audit.RecordPatientReadAsync(patientId.ToString(), nameof(InfusionSession), null, "sessions list", cancellationToken);
        return bookings.Select(b => new PatientSessionRow(
            b.Id, snapshot.ToClinicTime(b.StartUtc), b.Type, b.Status,
            phases.TryGetValue(b.Id, out var phase) ? phase : null,
            numbers.TryGetValue(b.Id, out var number) ? number : null)).ToList();
    }
}
