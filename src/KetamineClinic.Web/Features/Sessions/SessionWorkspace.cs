using FluentValidation;
using System.Security.Claims;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>"Now" for a session change: UTC, the clinic's date, and its time zone.</summary>
public sealed record SessionClock(DateTime NowUtc, DateOnly TodayInClinic, TimeZoneInfo Zone)
{
    public DateTime ToLocal(DateTime utc) => ClinicTime.ToLocal(utc, Zone);

    public DateTime ToUtc(DateTime local) => SeriesRule.ToUtc(local, Zone);
}

/// <summary>The booking a session belongs to, as the session page shows it.</summary>
public sealed record SessionBooking(
    Guid AppointmentId, Guid PatientId, string PatientName, string Mrn, DateOnly DateOfBirth, AppointmentType Type, AppointmentStatus Status,
    DateTime StartUtc, DateTime EndUtc, Guid? ChairId, string? ChairName, string? NurseName, string? ClinicianName, Guid? CourseId,
    decimal? LatestWeightKg, DateTime? LatestWeightUtc);

/// <summary>What the session page loads: the booking, and its session once opened (null until check-in).</summary>
public sealed record SessionSnapshot(SessionBooking Booking, InfusionSession? Session, SessionClock Clock);

/// <summary>
/// The one way session data is read and changed. A read checks the policy and is audited. A change loads the session
/// with every part, refuses it when the caller saw an older <see cref="InfusionSession.Version"/> (the page then shows
/// what changed), applies the domain operation, saves with the version as a concurrency token, moves the booking's
/// status along (checked in → in progress → fulfilled), and tells every open floor screen.
/// </summary>
public sealed class SessionWorkspace(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    FloorEvents floor,
    TimeProvider clock)
{
    public async Task<Result<SessionSnapshot>> LoadAsync(ClaimsPrincipal user, Guid appointmentId, string policy, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var booking = await BookingAsync(db, appointmentId, cancellationToken);
        if (booking is null)
        {
            return AppointmentErrors.NotFound;
        }

        if (await DenyAsync(user, policy, booking.PatientId, "open an infusion session", cancellationToken) is { } denied)
        {
            return denied;
        }

        var session = await WithParts(db.InfusionSessions.AsNoTracking()).SingleOrDefaultAsync(s => s.AppointmentId == appointmentId, cancellationToken);
        await audit.RecordPatientReadAsync(booking.PatientId.ToString(), nameof(InfusionSession), session?.Id.ToString() ?? appointmentId.ToString(), "infusion session", cancellationToken);
        return new SessionSnapshot(booking, session, await ClockAsync(cancellationToken));
    }

    /// <summary>
    /// Applies <paramref name="change"/> to the session of booking <paramref name="appointmentId"/>. With
    /// <paramref name="openIfMissing"/> (check-in, not started) a booking without a session gets one under its course's
    /// protocol version. <paramref name="expectedVersion"/> is the session version the user saw (null when there was no
    /// session yet). <paramref name="alongside"/>, when given, changes other records in the same save (check-in records a
    /// newly measured weight on the patient), so both are saved or neither.
    /// </summary>
    public async Task<Result<T>> ChangeAsync<T>(
        ClaimsPrincipal user, Guid appointmentId, Guid? expectedVersion, string policy, string what,
        Func<InfusionSession, SessionActor, SessionClock, Result<T>> change, CancellationToken cancellationToken = default, bool openIfMissing = false,
        Func<ClinicDbContext, SessionActor, SessionClock, CancellationToken, Task<DomainError?>>? alongside = null)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var appointment = await db.Appointments.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return AppointmentErrors.NotFound;
        }

        if (await DenyAsync(user, policy, appointment.PatientId, what, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (!appointment.IsInfusion || appointment.CourseId is not { } courseId)
        {
            return SessionErrors.NotAnInfusion;
        }

        using var actorScope = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        var session = await WithParts(db.InfusionSessions).SingleOrDefaultAsync(s => s.AppointmentId == appointmentId, cancellationToken);
        if (session is null)
        {
            if (!openIfMissing || expectedVersion is not null)
            {
                return expectedVersion is null ? SessionErrors.NotFound : SessionErrors.Changed;
            }

            var protocolId = await db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.ProtocolId).SingleAsync(cancellationToken);
            var protocol = await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == protocolId, cancellationToken);
            session = InfusionSession.Open(appointmentId, appointment.PatientId, courseId, protocol, Now);
            db.InfusionSessions.Add(session);
        }
        else if (session.Version != expectedVersion)
        {
            return SessionErrors.Changed;
        }

        var sessionClock = await ClockAsync(cancellationToken);
        var actor = ActorOf(user);
        var result = change(session, actor, sessionClock);
        if (!result.IsSuccess)
        {
            return result;
        }

        if (alongside is not null && await alongside(db, actor, sessionClock, cancellationToken) is { } alongsideRefused)
        {
            return alongsideRefused;
        }

        if (FollowWithBooking(appointment, session, actor, sessionClock.NowUtc) is { } bookingRefused)
        {
            return bookingRefused;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return SessionErrors.Changed;
        }
        catch (DbUpdateException) when (expectedVersion is null)
        {
            // Two people opened the same booking's session at once: the unique index lets one win.
            return SessionErrors.Changed;
        }

        floor.Publish(appointmentId);
        return result;
    }

    /// <summary>
    /// The change above for a validated command: the policy is checked (and a refusal audited) first, then the command's validation,
    /// then the change; nothing is saved when the command is invalid.
    /// </summary>
    public Task<Result<T>> ChangeAsync<TCommand, T>(
        ClaimsPrincipal user, IValidator<TCommand> validator, TCommand command, Guid appointmentId, Guid? expectedVersion, string policy, string what,
        Func<InfusionSession, SessionActor, SessionClock, Result<T>> change, CancellationToken cancellationToken = default, bool openIfMissing = false)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(change);
        return ChangeAsync(user, appointmentId, expectedVersion, policy, what,
            (session, actor, clock) => validator.Validate(command) is { IsValid: false } invalid
                ? new DomainError(ValidationResults.ValidationCode, invalid.Errors[0].ErrorMessage)
                : change(session, actor, clock),
            cancellationToken, openIfMissing);
    }

    public static SessionActor ActorOf(ClaimsPrincipal user)
    {
        var staff = StaffIdentity.From(user);
        return new SessionActor(staff.Id, staff.Name, user.IsInRole(StaffRoles.Clinician));
    }

    /// <summary>The session with every part, for reads and changes.</summary>
    public static IQueryable<InfusionSession> WithParts(IQueryable<InfusionSession> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions
            .Include(s => s.Orders)
            .Include(s => s.Events)
            .Include(s => s.Vitals)
            .Include(s => s.Alerts)
            .Include(s => s.SideEffects)
            .Include(s => s.Amendments)
            .AsSplitQuery();
    }

    public async Task<SessionClock> ClockAsync(CancellationToken cancellationToken = default)
    {
        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        var now = Now;
        return new SessionClock(now, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)), zone);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The booking's status follows the session: checked in on check-in, in progress once the infusion
    /// starts, fulfilled at discharge.</summary>
    private static DomainError? FollowWithBooking(Appointment appointment, InfusionSession session, SessionActor actor, DateTime nowUtc)
    {
        var target = session.Phase switch
        {
            SessionPhase.CheckedIn or SessionPhase.Ordered => AppointmentStatus.Arrived,
            SessionPhase.Infusing or SessionPhase.Observing => AppointmentStatus.InProgress,
            SessionPhase.Discharged or SessionPhase.Signed => AppointmentStatus.Fulfilled,
            _ => appointment.Status,
        };
        var by = new Actor(actor.Id, actor.Name);
        while (appointment.Status != target && Next(appointment.Status, target) is { } next)
        {
            if (appointment.ChangeStatus(next, null, by, nowUtc).Error is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private static AppointmentStatus? Next(AppointmentStatus from, AppointmentStatus target) => (from, target) switch
    {
        (AppointmentStatus.Booked, _) when target != AppointmentStatus.Booked => AppointmentStatus.Arrived,
        (AppointmentStatus.Arrived, AppointmentStatus.InProgress or AppointmentStatus.Fulfilled) => AppointmentStatus.InProgress,
        (AppointmentStatus.InProgress, AppointmentStatus.Fulfilled) => AppointmentStatus.Fulfilled,
        _ => null,
    };

    private async Task<DomainError?> DenyAsync(ClaimsPrincipal user, string policy, Guid patientId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return null;
        }

        await audit.RecordDeniedAsync(nameof(InfusionSession), patientId: patientId.ToString(), what: what, cancellationToken: cancellationToken);
        return AccessErrors.NotAllowed;
    }

    private static async Task<SessionBooking?> BookingAsync(ClinicDbContext db, Guid appointmentId, CancellationToken cancellationToken)
    {
        var row = await (from a in db.Appointments.AsNoTracking()
                         join p in db.Patients.AsNoTracking() on a.PatientId equals p.Id
                         where a.Id == appointmentId
                         select new { a, p.FamilyName, p.GivenName, p.Mrn, p.DateOfBirth }).SingleOrDefaultAsync(cancellationToken);
        if (row is null)
        {
            return null;
        }

        var booked = row.a;
        var chair = booked.ChairId is { } chairId ? await db.Chairs.AsNoTracking().Where(c => c.Id == chairId).Select(c => c.Name).SingleOrDefaultAsync(cancellationToken) : null;
        var names = await Scheduling.StaffDirectory.NamesAsync(db, [booked.NurseId, booked.ClinicianId], cancellationToken);
        var weight = await db.WeightMeasurements.AsNoTracking().Where(w => w.PatientId == booked.PatientId)
            .OrderByDescending(w => w.MeasuredUtc).ThenByDescending(w => w.RecordedUtc)
            .Select(w => new { w.WeightKg, w.MeasuredUtc }).FirstOrDefaultAsync(cancellationToken);
        return new SessionBooking(booked.Id, booked.PatientId, $"{row.FamilyName}, {row.GivenName}", row.Mrn, row.DateOfBirth, booked.Type, booked.Status,
            booked.StartUtc, booked.EndUtc, booked.ChairId, chair, booked.NurseId is { } n ? names.GetValueOrDefault(n) : null,
            booked.ClinicianId is { } c ? names.GetValueOrDefault(c) : null, booked.CourseId, weight?.WeightKg, weight?.MeasuredUtc);
    }
}
