using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>
/// "Session n of N" for the calendar and the booking views (rule: <see cref="SessionNumbers"/>). Numbers are computed
/// when read, never stored, so moving or cancelling one occurrence renumbers the others without a write. A batch costs
/// two queries whatever its size: the courses' planned sessions, and the courses' infusions through the
/// (CourseId, StartUtc) index; a course holds at most a few dozen bookings, so neither grows with the clinic's history.
/// </summary>
public static class SessionNumbering
{
    /// <summary>The number of every infusion of the given courses that uses a session, by appointment id. Cancelled,
    /// entered-in-error and no-show bookings are absent.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SessionNumber>> ForCoursesAsync(
        ClinicDbContext db, IEnumerable<Guid> courseIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(courseIds);
        var ids = courseIds.Distinct().ToList();
        if (ids.Count == 0)
        {
            return new Dictionary<Guid, SessionNumber>();
        }

        var planned = await PlannedSessionsAsync(db, ids, cancellationToken);
        var bookings = await BookingsAsync(db, ids, cancellationToken);
        return SessionNumbers.Assign(bookings, planned);
    }

    /// <summary>The numbers of the given appointments (those that are infusions of a course and use a session); one
    /// more query to find their courses.</summary>
    public static async Task<IReadOnlyDictionary<Guid, SessionNumber>> ForAppointmentsAsync(
        ClinicDbContext db, IEnumerable<Guid> appointmentIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(appointmentIds);
        var wanted = appointmentIds.ToHashSet();
        if (wanted.Count == 0)
        {
            return new Dictionary<Guid, SessionNumber>();
        }

        var ids = wanted.ToList();
        var courseIds = await db.Appointments.AsNoTracking()
            .Where(a => ids.Contains(a.Id) && a.CourseId != null)
            .Select(a => a.CourseId!.Value)
            .Distinct()
            .ToListAsync(cancellationToken);
        var all = await ForCoursesAsync(db, courseIds, cancellationToken);
        return all.Where(p => wanted.Contains(p.Key)).ToDictionary(p => p.Key, p => p.Value);
    }

    internal static async Task<Dictionary<Guid, int>> PlannedSessionsAsync(ClinicDbContext db, List<Guid> courseIds, CancellationToken cancellationToken) =>
        await db.TreatmentCourses.AsNoTracking()
            .Where(c => courseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.PlannedSessions })
            .ToDictionaryAsync(c => c.Id, c => c.PlannedSessions, cancellationToken);

    /// <summary>The courses' infusions (and boosters) in every status; the numbering rule decides which use a session.</summary>
    internal static async Task<List<CourseBooking>> BookingsAsync(ClinicDbContext db, List<Guid> courseIds, CancellationToken cancellationToken) =>
        await db.Appointments.AsNoTracking()
            .Where(a => a.CourseId != null && courseIds.Contains(a.CourseId.Value)
                && (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster))
            .Select(a => new CourseBooking(a.Id, a.CourseId!.Value, a.StartUtc, a.Status))
            .ToListAsync(cancellationToken);
}
