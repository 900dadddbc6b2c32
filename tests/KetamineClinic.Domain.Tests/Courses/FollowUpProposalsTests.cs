using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Courses;

public sealed class FollowUpProposalsTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly IReadOnlyList<int> Defaults = [7, 28];
    private static readonly Guid Course = Guid.NewGuid();

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), NewYork);

    /// <summary>Wednesday 2 December 2026, 09:00 in New York (14:00 UTC): a course's sixth session.</summary>
    private static readonly DateTime LastSession = Utc(2026, 12, 2, 9);

    private static CourseFollowUpFacts Facts(
        int fulfilled = 6, int planned = 6, CourseStatus status = CourseStatus.Active, DateTime? last = null,
        IReadOnlyList<FollowUpBooking>? followUps = null, IReadOnlyCollection<int>? notNeeded = null) =>
        new(Course, status, planned, fulfilled, last ?? LastSession, followUps ?? [], notNeeded ?? []);

    private static FollowUpBooking FollowUp(int daysAfterLast, AppointmentStatus status = AppointmentStatus.Booked) =>
        new(Guid.NewGuid(), LastSession.AddDays(daysAfterLast), status);

    [Fact]
    public void Once_the_last_planned_session_is_fulfilled_a_follow_up_is_due_one_and_four_weeks_later_at_the_same_clinic_time()
    {
        var proposals = FollowUpProposals.For(Facts(), Defaults, NewYork);

        Assert.Equal([7, 28], proposals.Select(p => p.DaysAfter));
        Assert.Equal([new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 30)], proposals.Select(p => p.DueDate));
        Assert.All(proposals, p => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(p.DueLocal)));
        Assert.Equal(Utc(2026, 12, 9, 9), proposals[0].DueUtc);
        Assert.All(proposals, p => Assert.Equal(FollowUpState.Open, p.State));
        Assert.All(proposals, p => Assert.Equal(new DateOnly(2026, 12, 2), p.LastSessionDate));
    }

    [Fact]
    public void A_due_date_is_counted_in_clinic_dates_so_the_spring_clock_change_keeps_it_on_the_same_local_time()
    {
        // Friday 6 March 2026, 09:00 EST; clocks go forward on Sunday 8 March, so a week later 09:00 is EDT.
        var last = Utc(2026, 3, 6, 9);

        var week = FollowUpProposals.For(Facts(last: last), [7], NewYork).Single();

        Assert.Equal(new DateTime(2026, 3, 13, 9, 0, 0), week.DueLocal);
        Assert.Equal(new DateTime(2026, 3, 13, 13, 0, 0, DateTimeKind.Utc), week.DueUtc);
        Assert.Equal(TimeSpan.FromDays(7) - TimeSpan.FromHours(1), week.DueUtc - last);
    }

    [Fact]
    public void A_due_date_across_the_autumn_clock_change_keeps_the_local_time_too()
    {
        // Friday 30 October 2026, 09:00 EDT; clocks go back on Sunday 1 November.
        var last = Utc(2026, 10, 30, 9);

        var week = FollowUpProposals.For(Facts(last: last), [7], NewYork).Single();

        Assert.Equal(new DateTime(2026, 11, 6, 9, 0, 0), week.DueLocal);
        Assert.Equal(TimeSpan.FromDays(7) + TimeSpan.FromHours(1), week.DueUtc - last);
    }

    [Fact]
    public void The_date_is_the_clinic_date_of_the_last_session_not_its_UTC_date()
    {
        // 19:30 in New York on 2 December is already 3 December in UTC.
        var evening = Utc(2026, 12, 2, 19, 30);
        Assert.Equal(3, evening.Day);

        var week = FollowUpProposals.For(Facts(last: evening), [7], NewYork).Single();

        Assert.Equal(new DateOnly(2026, 12, 9), week.DueDate);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(3)]
    [InlineData(5)]
    public void A_course_with_fewer_fulfilled_sessions_than_planned_has_no_follow_up_yet(int fulfilled)
    {
        Assert.Empty(FollowUpProposals.For(Facts(fulfilled: fulfilled, last: fulfilled == 0 ? null : LastSession), Defaults, NewYork));
        Assert.Null(FollowUpProposals.LastSession(Facts(fulfilled: fulfilled)));
    }

    [Fact]
    public void A_discontinued_course_gets_no_follow_up_proposal()
    {
        Assert.Empty(FollowUpProposals.For(Facts(status: CourseStatus.Discontinued), Defaults, NewYork));
    }

    [Fact]
    public void A_completed_course_keeps_its_follow_ups()
    {
        Assert.Equal(2, FollowUpProposals.Open(Facts(status: CourseStatus.Completed), Defaults, NewYork).Count);
    }

    [Fact]
    public void A_course_a_clinician_completed_early_gets_its_follow_ups_after_its_last_fulfilled_session()
    {
        var proposals = FollowUpProposals.Open(Facts(status: CourseStatus.Completed, fulfilled: 4), Defaults, NewYork);

        Assert.Equal([new DateOnly(2026, 12, 9), new DateOnly(2026, 12, 30)], proposals.Select(p => p.DueDate));
    }

    [Fact]
    public void More_sessions_given_than_planned_count_from_the_latest_one()
    {
        var later = LastSession.AddDays(3);

        var week = FollowUpProposals.For(Facts(fulfilled: 7, last: later), [7], NewYork).Single();

        Assert.Equal(new DateOnly(2026, 12, 12), week.DueDate);
    }

    [Fact]
    public void The_first_follow_up_booked_answers_the_first_proposal_and_the_second_remains()
    {
        var booked = FollowUp(8);

        var proposals = FollowUpProposals.For(Facts(followUps: [booked]), Defaults, NewYork);

        Assert.Equal(FollowUpState.Booked, proposals[0].State);
        Assert.Equal(booked, proposals[0].AnsweredBy);
        Assert.Equal(FollowUpState.Open, proposals[1].State);
        Assert.Equal([28], FollowUpProposals.Open(Facts(followUps: [booked]), Defaults, NewYork).Select(p => p.DaysAfter));
    }

    [Fact]
    public void Bookings_answer_proposals_in_time_order_whatever_order_they_come_in()
    {
        var early = FollowUp(6);
        var late = FollowUp(30);

        var proposals = FollowUpProposals.For(Facts(followUps: [late, early]), Defaults, NewYork);

        Assert.Equal([early, late], proposals.Select(p => p.AnsweredBy));
        Assert.Empty(FollowUpProposals.Open(Facts(followUps: [late, early]), Defaults, NewYork));
    }

    [Theory]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.EnteredInError)]
    public void A_cancelled_follow_up_brings_its_proposal_back(AppointmentStatus status)
    {
        var proposals = FollowUpProposals.Open(Facts(followUps: [FollowUp(7, status)]), Defaults, NewYork);

        Assert.Equal([7, 28], proposals.Select(p => p.DaysAfter));
    }

    [Theory]
    [InlineData(AppointmentStatus.Arrived)]
    [InlineData(AppointmentStatus.Fulfilled)]
    [InlineData(AppointmentStatus.NoShow)]
    public void A_follow_up_that_was_kept_or_missed_still_answers_its_proposal(AppointmentStatus status)
    {
        Assert.Equal([28], FollowUpProposals.Open(Facts(followUps: [FollowUp(7, status)]), Defaults, NewYork).Select(p => p.DaysAfter));
    }

    [Fact]
    public void A_follow_up_marked_not_needed_is_no_longer_proposed_and_a_booking_answers_the_next_one()
    {
        var booked = FollowUp(27);

        var proposals = FollowUpProposals.For(Facts(followUps: [booked], notNeeded: [7]), Defaults, NewYork);

        Assert.Equal(FollowUpState.NotNeeded, proposals[0].State);
        Assert.Null(proposals[0].AnsweredBy);
        Assert.Equal(FollowUpState.Booked, proposals[1].State);
        Assert.Equal(booked, proposals[1].AnsweredBy);
    }

    [Fact]
    public void Proposals_follow_the_clinic_setting_as_it_is_now()
    {
        var proposals = FollowUpProposals.For(Facts(followUps: [FollowUp(7)]), [7, 14, 42], NewYork);

        Assert.Equal([FollowUpState.Booked, FollowUpState.Open, FollowUpState.Open], proposals.Select(p => p.State));
        Assert.Equal([new DateOnly(2026, 12, 16), new DateOnly(2027, 1, 13)], proposals.Skip(1).Select(p => p.DueDate));
        Assert.Empty(FollowUpProposals.For(Facts(), [], NewYork));
    }

    [Fact]
    public void An_open_proposal_due_before_today_is_overdue_and_a_booked_one_never_is()
    {
        var proposals = FollowUpProposals.For(Facts(followUps: [FollowUp(7)]), Defaults, NewYork);

        Assert.False(proposals[0].IsOverdue(new DateOnly(2027, 2, 1)));
        Assert.False(proposals[1].IsOverdue(new DateOnly(2026, 12, 30)));
        Assert.True(proposals[1].IsOverdue(new DateOnly(2026, 12, 31)));
    }
}
