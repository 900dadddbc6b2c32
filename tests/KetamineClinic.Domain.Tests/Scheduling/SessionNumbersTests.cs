using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class SessionNumbersTests
{
    private static readonly Guid Course = Guid.NewGuid();
    private static readonly DateTime Monday = new(2026, 12, 7, 14, 0, 0, DateTimeKind.Utc);

    private static readonly Dictionary<Guid, int> SixPlanned = new() { [Course] = 6 };

    private static CourseBooking Session(int day, AppointmentStatus status = AppointmentStatus.Booked, Guid? course = null) =>
        new(Guid.NewGuid(), course ?? Course, Monday.AddDays(day), status);

    [Fact]
    public void Sessions_are_numbered_in_time_order_whatever_order_they_come_in()
    {
        var sessions = new[] { Session(7), Session(0), Session(10), Session(3) };

        var numbers = SessionNumbers.Assign(sessions, SixPlanned);

        Assert.Equal([3, 1, 4, 2], sessions.Select(s => numbers[s.Id].N));
        Assert.All(sessions, s => Assert.Equal(6, numbers[s.Id].Of));
    }

    [Theory]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.EnteredInError)]
    [InlineData(AppointmentStatus.NoShow)]
    public void A_booking_that_gives_no_session_has_no_number_and_the_later_ones_move_up(AppointmentStatus status)
    {
        var first = Session(0, AppointmentStatus.Fulfilled);
        var second = Session(3, status);
        var third = Session(7);

        var numbers = SessionNumbers.Assign([first, second, third], SixPlanned);

        Assert.False(numbers.ContainsKey(second.Id));
        Assert.Equal(new SessionNumber(2, 6), numbers[third.Id]);
    }

    [Fact]
    public void Each_course_is_numbered_on_its_own_against_its_own_plan()
    {
        var booster = Guid.NewGuid();
        var induction = Session(0);
        var boosterSession = Session(30, course: booster);

        var numbers = SessionNumbers.Assign([induction, boosterSession], new Dictionary<Guid, int> { [Course] = 6, [booster] = 2 });

        Assert.Equal(new SessionNumber(1, 6), numbers[induction.Id]);
        Assert.Equal(new SessionNumber(1, 2), numbers[boosterSession.Id]);
    }

    [Fact]
    public void Sessions_beyond_the_plan_keep_counting_so_the_excess_shows()
    {
        var sessions = Enumerable.Range(0, 3).Select(i => Session(i * 3)).ToList();

        var numbers = SessionNumbers.Assign(sessions, new Dictionary<Guid, int> { [Course] = 2 });

        Assert.Equal("session 3 of 2", numbers[sessions[2].Id].ToString());
    }
}
