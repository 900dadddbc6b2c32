using System.Globalization;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>An infusion booking of a treatment course, as session numbering needs it.</summary>
public sealed record CourseBooking(Guid Id, Guid CourseId, DateTime StartUtc, AppointmentStatus Status);

/// <summary>"Session <see cref="N"/> of <see cref="Of"/>": the booking's place in its course and the course's planned
/// sessions. <see cref="N"/> may exceed <see cref="Of"/> when more sessions were booked than planned.</summary>
public readonly record struct SessionNumber(int N, int Of)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"session {N} of {Of}");
}

/// <summary>
/// Numbers a course's infusions in time order, so "session n of N" stays right whichever occurrence is moved or
/// cancelled: n is one more than the course's infusions that use a session and start earlier. A cancelled, entered-in-
/// error or missed (no-show) booking uses no session: it gets no number and the later ones move up; the session is
/// still to be given.
/// </summary>
public static class SessionNumbers
{
    public static bool UsesASession(AppointmentStatus status) =>
        status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError or AppointmentStatus.NoShow);

    /// <summary>The number of every booking that uses a session, by booking id. Ties in start time (which the conflict
    /// rules forbid for one patient) are broken by id, so the answer never depends on the order given.</summary>
    public static IReadOnlyDictionary<Guid, SessionNumber> Assign(IEnumerable<CourseBooking> bookings, IReadOnlyDictionary<Guid, int> plannedSessions)
    {
        ArgumentNullException.ThrowIfNull(bookings);
        ArgumentNullException.ThrowIfNull(plannedSessions);
        var numbers = new Dictionary<Guid, SessionNumber>();
        foreach (var course in bookings.Where(b => UsesASession(b.Status)).GroupBy(b => b.CourseId))
        {
            var planned = plannedSessions.GetValueOrDefault(course.Key);
            var n = 0;
            foreach (var booking in course.OrderBy(b => b.StartUtc).ThenBy(b => b.Id))
            {
                numbers[booking.Id] = new SessionNumber(++n, planned);
            }
        }

        return numbers;
    }
}
