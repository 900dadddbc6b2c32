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
/// The calendar's one read: every booking that overlaps [fromUtc, toUtc), with the patient's name and record number.
/// The start time is bounded on both sides (a booking lasts at most <see cref="Appointment.MaxLength"/>), so a day costs
/// a range scan of the (StartUtc) index whatever the size of the history.
/// </summary>
public static class CalendarQuery
{
    public static async Task<IReadOnlyList<CalendarEntry>> BookingsAsync(
        ClinicDbContext db, DateTime fromUtc, DateTime toUtc, CalendarFilter filter, CancellationToken cancellationToken) =>
        await Query(db, fromUtc, toUtc, filter).ToListAsync(cancellationToken);

    public static IQueryable<CalendarEntry> Query(ClinicDbContext db, DateTime fromUtc, DateTime toUtc, CalendarFilter filter)
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

        return from a in query
                      join p in db.Patients on a.PatientId equals p.Id
                      orderby a.StartUtc, a.Id
                      select new CalendarEntry(
                          a.Id, a.PatientId, p.FamilyName + ", " + p.GivenName, p.Mrn, a.Type, a.Status, a.StartUtc, a.EndUtc,
                          a.ChairId, a.NurseId, a.ClinicianId, a.CourseId, a.LateCancellation, a.Version);
    }

    /// <summary>UTC bounds of clinic-local dates [first, first + days).</summary>
    public static (DateTime FromUtc, DateTime ToUtc) Bounds(DateOnly first, int days, TimeZoneInfo zone) =>
        (SeriesRule.ToUtc(first.ToDateTime(TimeOnly.MinValue), zone), SeriesRule.ToUtc(first.AddDays(days).ToDateTime(TimeOnly.MinValue), zone));
}
