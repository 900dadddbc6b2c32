using System.Security.Claims;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Calendar;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Floor;

/// <summary>An infusion or booster booked today in a chair, with its session once opened (null until check-in).
/// The session carries its orders, infusion events, vitals and alerts; side effects and amendments are not loaded.</summary>
public sealed record FloorBooking(
    Guid AppointmentId, Guid PatientId, string PatientName, AppointmentType Type, AppointmentStatus Status,
    DateTime StartUtc, DateTime EndUtc, Guid ChairId, string? NurseName, string? ClinicianName, InfusionSession? Session)
{
    /// <summary>The patient's open chart alerts (e.g. a positive PHQ-9 item 9 from the kiosk), oldest first: they stay
    /// on the chair card, in red, until a nurse or clinician acknowledges them.</summary>
    public IReadOnlyList<FloorChartAlert> ChartAlerts { get; init; } = [];

    /// <summary>Where the booking stands at <paramref name="nowUtc"/>: computed from the loaded data alone, so a
    /// screen re-renders its countdowns every second without asking the database.</summary>
    public FloorState At(DateTime nowUtc) => FloorState.Of(this, nowUtc);
}

/// <summary>An open alert on a patient's chart, as the floor shows it.</summary>
public sealed record FloorChartAlert(Guid Id, string Code, string Message, DateTime RaisedUtc);

/// <summary>A chair with today's bookings in time order.</summary>
public sealed record FloorChair(Guid Id, string Name, bool IsActive, IReadOnlyList<FloorBooking> Bookings)
{
    /// <summary>The booking the chair's card shows: the patient in the chair (checked in to observing), else the
    /// next one still to come, else the last one of the day.</summary>
    public FloorBooking? Featured(DateTime nowUtc)
    {
        var states = Bookings.Select(b => (Booking: b, State: b.At(nowUtc))).ToList();
        return states.FirstOrDefault(s => s.State.InChair).Booking
            ?? states.FirstOrDefault(s => s.State.Phase == FloorPhase.Booked).Booking
            ?? Bookings.LastOrDefault();
    }

    /// <summary>The chair's bookings after the featured one.</summary>
    public IEnumerable<FloorBooking> Later(DateTime nowUtc) =>
        Featured(nowUtc) is { } featured ? Bookings.Where(b => b.AppointmentId != featured.AppointmentId && b.StartUtc >= featured.StartUtc) : [];
}

/// <summary>The floor today: every active chair (plus any chair out of use that still holds a booking today, so no
/// booking is hidden) with its infusions.</summary>
public sealed record FloorBoard(DateOnly Date, TimeZoneInfo Zone, IReadOnlyList<FloorChair> Chairs)
{
    public int BookingCount => Chairs.Sum(c => c.Bookings.Count);

    public DateTime ToLocal(DateTime utc) => ClinicTime.ToLocal(utc, Zone);
}

/// <summary>
/// Loads today's infusion floor in a fixed number of queries, whatever the number of chairs and sessions: the chairs,
/// today's infusion and booster bookings that count (through <see cref="CalendarQuery.Query"/>, one bounded range of
/// the start-time index), the patients' names, the staff's names, the sessions of those bookings with the parts
/// the board needs (split into one query per part), and the patients' open chart alerts. There is no input to validate: the floor is always today's, in
/// the clinic's time zone.
/// </summary>
/// <remarks>
/// Audit: the board shows each patient's name with clinical state (phase, alerts, readings), a read of the record.
/// <see cref="PatientRecordAudit"/> records reads per patient, so one read is recorded per patient on the board — once
/// per screen: the caller passes the set of patients its screen has already recorded, and the reloads that every
/// change on the floor triggers add a read only for a patient newly on the board. Recording every patient again on
/// every push would write a row per patient per open screen for each vitals reading anywhere in the clinic.
/// </remarks>
public sealed class FloorQueryHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public const string AuditWhat = "infusion floor";

    /// <param name="user">The signed-in user; needs <see cref="Policies.ViewFloor"/>.</param>
    /// <param name="recordedReads">The patients this screen has already recorded a read of; the handler adds the
    /// patients it records now.</param>
    public async Task<Result<FloorBoard>> LoadAsync(ClaimsPrincipal user, ISet<Guid> recordedReads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(recordedReads);
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewFloor)).Succeeded)
        {
            await audit.RecordDeniedAsync("InfusionFloor", what: "open the infusion floor", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone));
        var (fromUtc, toUtc) = CalendarQuery.Bounds(today, 1, zone);

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var bookings = await CalendarQuery.Query(db, fromUtc, toUtc, new CalendarFilter())
            .Where(a => (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster) && a.ChairId != null)
            .Select(a => new { a.Id, a.PatientId, a.Type, a.Status, a.StartUtc, a.EndUtc, ChairId = a.ChairId!.Value, a.NurseId, a.ClinicianId })
            .ToListAsync(cancellationToken);
        var chairIds = bookings.Select(b => b.ChairId).Distinct().ToList();
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.IsActive || chairIds.Contains(c.Id))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new { c.Id, c.Name, c.IsActive }).ToListAsync(cancellationToken);
        if (bookings.Count == 0)
        {
            return new FloorBoard(today, zone, [.. chairs.Select(c => new FloorChair(c.Id, c.Name, c.IsActive, []))]);
        }

        var patientIds = bookings.Select(b => b.PatientId).Distinct().ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = p.FamilyName + ", " + p.GivenName }).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var names = await StaffDirectory.NamesAsync(db, bookings.SelectMany(b => new[] { b.NurseId, b.ClinicianId }), cancellationToken);
        var appointmentIds = bookings.Select(b => b.Id).ToList();
        var sessions = await db.InfusionSessions.AsNoTracking()
            .Include(s => s.Orders)
            .Include(s => s.Events)
            .Include(s => s.Vitals)
            .Include(s => s.Alerts)
            .AsSplitQuery()
            .Where(s => appointmentIds.Contains(s.AppointmentId))
            .ToDictionaryAsync(s => s.AppointmentId, cancellationToken);
        var chartAlerts = (await db.PatientAlerts.AsNoTracking()
                .Where(a => patientIds.Contains(a.PatientId) && a.AcknowledgedUtc == null)
                .OrderBy(a => a.RaisedUtc)
                .Select(a => new { a.PatientId, Alert = new FloorChartAlert(a.Id, a.Code, a.Message, a.RaisedUtc) })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.PatientId, a => a.Alert with { RaisedUtc = DateTime.SpecifyKind(a.Alert.RaisedUtc, DateTimeKind.Utc) });

        foreach (var patientId in patientIds.Where(recordedReads.Add))
        {
            await audit.RecordPatientReadAsync(patientId.ToString(), nameof(InfusionSession), null, AuditWhat, cancellationToken);
        }

        var byChair = bookings
            .Select(b => new FloorBooking(
                b.Id, b.PatientId, patients.GetValueOrDefault(b.PatientId) ?? "", b.Type, b.Status, b.StartUtc, b.EndUtc, b.ChairId,
                b.NurseId is { } nurse ? names.GetValueOrDefault(nurse) : null,
                b.ClinicianId is { } clinician ? names.GetValueOrDefault(clinician) : null,
                sessions.GetValueOrDefault(b.Id))
            {
                ChartAlerts = [.. chartAlerts[b.PatientId]],
            })
            .ToLookup(b => b.ChairId);
        return new FloorBoard(today, zone, [.. chairs.Select(c => new FloorChair(c.Id, c.Name, c.IsActive, [.. byChair[c.Id].OrderBy(b => b.StartUtc)]))]);
    }
}
