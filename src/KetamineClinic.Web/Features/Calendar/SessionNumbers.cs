using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Calendar;

/// <summary>"Session n of N" for an infusion: n counts the course's sessions up to and including this one.</summary>
public sealed record SessionNumber(int N, int Of)
{
    public override string ToString() => $"session {N} of {Of}";
}

/// <summary>
/// Numbers the infusion sessions on screen within their courses. A session's number is one more than the course's
/// infusion sessions that start earlier and still stand: cancelled, entered-in-error and no-show bookings were never
/// given, so they do not take a number (a patient who missed session 3 comes back for session 3). Bookings that do not
/// stand get no number. One query reads every course on screen, bounded by the latest start shown.
/// </summary>
public static class SessionNumbers
{
    public static async Task<IReadOnlyDictionary<Guid, SessionNumber>> ForAsync(
        ClinicDbContext db, IEnumerable<(Guid Id, Guid? CourseId, AppointmentType Type, AppointmentStatus Status, DateTime StartUtc)> bookings,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var numbered = bookings.Where(b => b.CourseId is not null && b.Type == AppointmentType.InfusionSession && Stands(b.Status)).ToList();
        if (numbered.Count == 0)
        {
            return new Dictionary<Guid, SessionNumber>();
        }

        var courseIds = numbered.Select(b => b.CourseId!.Value).Distinct().ToList();
        var latest = numbered.Max(b => b.StartUtc);
        var sessions = await (from a in db.Appointments.AsNoTracking()
                              join c in db.TreatmentCourses.AsNoTracking() on a.CourseId equals c.Id
                              where courseIds.Contains(c.Id)
                                  && a.Type == AppointmentType.InfusionSession
                                  && a.StartUtc <= latest
                                  && a.Status != AppointmentStatus.Cancelled
                                  && a.Status != AppointmentStatus.EnteredInError
                                  && a.Status != AppointmentStatus.NoShow
                              select new { CourseId = c.Id, c.PlannedSessions, a.Id, a.StartUtc })
            .ToListAsync(cancellationToken);

        var result = new Dictionary<Guid, SessionNumber>();
        foreach (var course in sessions.GroupBy(s => s.CourseId))
        {
            var ordered = course.OrderBy(s => s.StartUtc).ThenBy(s => s.Id).ToList();
            for (var i = 0; i < ordered.Count; i++)
            {
                result[ordered[i].Id] = new SessionNumber(i + 1, ordered[i].PlannedSessions);
            }
        }

        return numbered.Where(b => result.ContainsKey(b.Id)).ToDictionary(b => b.Id, b => result[b.Id]);
    }

    private static bool Stands(AppointmentStatus status) =>
        status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError or AppointmentStatus.NoShow);
}
