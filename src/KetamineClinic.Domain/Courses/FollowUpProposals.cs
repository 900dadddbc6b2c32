using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Courses;

/// <summary>Where a proposed follow-up stands.</summary>
public enum FollowUpState
{
    /// <summary>Still to be booked.</summary>
    Open = 1,

    /// <summary>Answered by a live follow-up booking of the course.</summary>
    Booked = 2,

    /// <summary>Staff recorded that it is not needed (e.g. the patient declined), with the reason.</summary>
    NotNeeded = 3,
}

/// <summary>A follow-up booking of a course (type follow-up, linked to the course), in any status.</summary>
public sealed record FollowUpBooking(Guid AppointmentId, DateTime StartUtc, AppointmentStatus Status)
{
    /// <summary>Cancelled and entered-in-error bookings answer nothing: their proposal comes back.</summary>
    public bool IsLive => Status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError);
}

/// <summary>What the proposal rule needs to know of one course: its status and plan, how many of its infusions were
/// fulfilled and when the latest started, its follow-up bookings, and the follow-ups recorded as not needed (by their
/// number of days).</summary>
public sealed record CourseFollowUpFacts(
    Guid CourseId,
    CourseStatus Status,
    int PlannedSessions,
    int FulfilledSessions,
    DateTime? LastFulfilledStartUtc,
    IReadOnlyList<FollowUpBooking> FollowUps,
    IReadOnlyCollection<int> NotNeededDays);

/// <summary>One proposed follow-up: <see cref="DaysAfter"/> days after the course's last session, due on
/// <see cref="DueLocal"/> (clinic time, the same time of day as that session) = <see cref="DueUtc"/>.</summary>
public sealed record FollowUpProposal(
    Guid CourseId,
    int DaysAfter,
    DateTime LastSessionUtc,
    DateTime LastSessionLocal,
    DateTime DueLocal,
    DateTime DueUtc,
    FollowUpState State,
    FollowUpBooking? AnsweredBy)
{
    public DateOnly DueDate => DateOnly.FromDateTime(DueLocal);

    public DateOnly LastSessionDate => DateOnly.FromDateTime(LastSessionLocal);

    /// <summary>Still open and due before <paramref name="today"/> (clinic date).</summary>
    public bool IsOverdue(DateOnly today) => State == FollowUpState.Open && DueDate < today;
}

/// <summary>
/// Follow-up proposals (issue 6, item 1). Once a course's last planned session is fulfilled — as many of its infusions
/// fulfilled as it plans — a follow-up is proposed at each of the clinic's follow-up days (default 7 and 28) after that
/// session, counted in clinic dates so a daylight-saving change never moves a due date, and at the same clinic time of
/// day. A proposal is answered by a booking: the k-th proposal still wanted by the k-th live follow-up booking of the
/// course in time order, so a cancelled follow-up brings its proposal back. A follow-up recorded as not needed is no
/// longer proposed. Nothing is proposed for a planned or discontinued course, or for an active one while sessions
/// remain; a course a clinician completed early (e.g. in remission after 4 of 6) is finished at its last fulfilled
/// session. Proposals are
/// computed when read, never stored: a changed setting changes every proposal not yet answered.
/// </summary>
public static class FollowUpProposals
{
    /// <summary>The course's last session, when all its planned sessions are fulfilled or a clinician completed it
    /// early; otherwise null.</summary>
    public static DateTime? LastSession(CourseFollowUpFacts course)
    {
        ArgumentNullException.ThrowIfNull(course);
        var finished = course.Status == CourseStatus.Completed
            || (course.Status == CourseStatus.Active && course.PlannedSessions >= 1 && course.FulfilledSessions >= course.PlannedSessions);
        if (!finished || course.LastFulfilledStartUtc is null)
        {
            return null;
        }

        return DateTime.SpecifyKind(course.LastFulfilledStartUtc.Value, DateTimeKind.Utc);
    }

    /// <summary>Every follow-up of the course with its state, in order of days; empty while none is due.</summary>
    public static IReadOnlyList<FollowUpProposal> For(CourseFollowUpFacts course, IReadOnlyList<int> followUpDays, TimeZoneInfo clinicZone)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(followUpDays);
        ArgumentNullException.ThrowIfNull(clinicZone);
        if (LastSession(course) is not { } lastUtc)
        {
            return [];
        }

        var lastLocal = TimeZoneInfo.ConvertTimeFromUtc(lastUtc, clinicZone);
        var bookings = new Queue<FollowUpBooking>(course.FollowUps.Where(b => b.IsLive).OrderBy(b => b.StartUtc).ThenBy(b => b.AppointmentId));
        var proposals = new List<FollowUpProposal>();
        foreach (var days in followUpDays.Where(d => d > 0).Distinct().Order())
        {
            var dueLocal = lastLocal.Date.AddDays(days) + lastLocal.TimeOfDay;
            var dueUtc = SeriesRule.ToUtc(dueLocal, clinicZone);
            var answeredBy = course.NotNeededDays.Contains(days) ? null : bookings.TryDequeue(out var booking) ? booking : null;
            var state = course.NotNeededDays.Contains(days) ? FollowUpState.NotNeeded
                : answeredBy is not null ? FollowUpState.Booked
                : FollowUpState.Open;
            proposals.Add(new FollowUpProposal(course.CourseId, days, lastUtc, lastLocal, DateTime.SpecifyKind(dueLocal, DateTimeKind.Unspecified), dueUtc, state, answeredBy));
        }

        return proposals;
    }

    /// <summary>The follow-ups still to book.</summary>
    public static IReadOnlyList<FollowUpProposal> Open(CourseFollowUpFacts course, IReadOnlyList<int> followUpDays, TimeZoneInfo clinicZone) =>
        [.. For(course, followUpDays, clinicZone).Where(p => p.State == FollowUpState.Open)];
}
