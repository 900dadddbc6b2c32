using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Calendar;

/// <summary>One booking as the calendar shows it. Times are UTC here; pages convert them to clinic time.</summary>
public sealed record CalendarEntry(
    Guid Id,
    Guid PatientId,
    string PatientName,
    string Mrn,
    AppointmentType Type,
    AppointmentStatus Status,
    DateTime StartUtc,
    DateTime EndUtc,
    Guid? ChairId,
    string? NurseId,
    string? ClinicianId,
    Guid? CourseId,
    bool LateCancellation,
    Guid Version);

/// <summary>Which bookings a calendar view asks for.</summary>
public sealed record CalendarFilter(string? ClinicianId = null, string? NurseId = null, bool IncludeCancelled = false);

/// <summary>
/// The calendar's read: every booking that overlaps [fromUtc, toUtc), then the patients' names and record numbers.
/// The start time is bounded on both sides (a booking lasts at most <see cref="Appointment.MaxLength"/>), so a day costs
/// a range scan of the (StartUtc) index whatever the size of the history.
/// </summary>
public static class CalendarQuery
{
    public static async Task<IReadOnlyList<CalendarEntry>> BookingsAsync(
        ClinicDbContext db, DateTime fromUtc, DateTime toUtc, CalendarFilter filter, CancellationToken cancellationToken)
    {
        var bookings = await Query(db, fromUtc, toUtc, filter).ToListAsync(cancellationToken);
        var patientIds = bookings.Select(a => a.PatientId).Distinct().ToList();
        // Names in a second query by primary key: joined in one statement, SQLite's planner (with statistics of a large
        // history) prefers scanning every patient and seeking each one's bookings, which grows with the registry.
        var patients = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = p.FamilyName + ", " + p.GivenName, p.Mrn })
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        return [.. bookings.Select(a => new CalendarEntry(
            a.Id, a.PatientId, patients.TryGetValue(a.PatientId, out var p) ? p.Name : "", p?.Mrn ?? "", a.Type, a.Status,
            a.StartUtc, a.EndUtc, a.ChairId, a.NurseId, a.ClinicianId, a.CourseId, a.LateCancellation, a.Version))];
    }

    /// <summary>The bookings of the range, in time order: one range of the (StartUtc) index.</summary>
    public static IQueryable<Appointment> Query(ClinicDbContext db, DateTime fromUtc, DateTime toUtc, CalendarFilter filter)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(filter);
        var lower = fromUtc - Appointment.MaxLength;
        var query = db.Appointments.AsNoTracking().Where(a => a.StartUtc >= lower && a.StartUtc < toUtc && a.EndUtc > fromUtc);
        if (!filter.IncludeCancelled)
        {
            query = query.Where(a => a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError);
        }

        if (filter.ClinicianId is { } clinician)
        {
            query = query.Where(a => a.ClinicianId == clinician);
        }

        if (filter.NurseId is { } nurse)
        {
            query = query.Where(a => a.NurseId == nurse);
        }

        return query.OrderBy(a => a.StartUtc).ThenBy(a => a.Id);
    }

    /// <summary>UTC bounds of clinic-local dates [first, first + days).</summary>
    public static (DateTime FromUtc, DateTime ToUtc) Bounds(DateOnly first, int days, TimeZoneInfo zone) =>
        (SeriesRule.ToUtc(first.ToDateTime(TimeOnly.MinValue), zone), SeriesRule.ToUtc(first.AddDays(days).ToDateTime(TimeOnly.MinValue), zone));
}
