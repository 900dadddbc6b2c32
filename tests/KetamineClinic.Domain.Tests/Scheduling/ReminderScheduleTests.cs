using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class ReminderScheduleTests
{
    private static readonly DateTime Start = new(2026, 12, 10, 14, 0, 0, DateTimeKind.Utc);

    private static IReadOnlyList<ReminderKind> Due(DateTime now, params RecordedMessage[] recorded) =>
        ReminderSchedule.Due(Start, now, 48, 24, recorded);

    private static RecordedMessage Confirmed(DateTime at) => new(ReminderKind.Confirmation, at, at);

    [Fact]
    public void A_new_booking_is_confirmed_first()
    {
        Assert.Equal([ReminderKind.Confirmation], Due(Start.AddDays(-10)));
    }

    [Fact]
    public void Nothing_is_due_between_the_confirmation_and_the_first_window()
    {
        Assert.Empty(Due(Start.AddHours(-49), Confirmed(Start.AddDays(-10))));
    }

    [Fact]
    public void The_first_reminder_is_due_when_its_window_opens()
    {
        Assert.Equal([ReminderKind.FirstReminder], Due(Start.AddHours(-48), Confirmed(Start.AddDays(-10))));
    }

    [Fact]
    public void The_second_reminder_is_due_24_hours_before_after_the_first_was_sent()
    {
        var now = Start.AddHours(-23);
        Assert.Equal([ReminderKind.SecondReminder], Due(now, Confirmed(Start.AddDays(-10)), new(ReminderKind.FirstReminder, Start.AddHours(-47), Start.AddHours(-47))));
    }

    [Fact]
    public void A_reminder_already_recorded_is_not_due_again()
    {
        Assert.Empty(Due(Start.AddHours(-40), Confirmed(Start.AddDays(-10)), new(ReminderKind.FirstReminder, Start.AddHours(-47), null)));
    }

    [Fact]
    public void Once_the_second_window_is_open_the_missed_first_reminder_is_not_sent()
    {
        Assert.Equal([ReminderKind.SecondReminder], Due(Start.AddHours(-20), Confirmed(Start.AddDays(-10))));
    }

    [Fact]
    public void A_booking_made_inside_the_first_window_gets_no_first_reminder_but_does_get_the_second()
    {
        var confirmed = Confirmed(Start.AddHours(-30));

        Assert.Empty(Due(Start.AddHours(-29), confirmed));
        Assert.Equal([ReminderKind.SecondReminder], Due(Start.AddHours(-24), confirmed));
    }

    [Fact]
    public void A_booking_made_the_day_before_gets_only_its_confirmation()
    {
        Assert.Equal([ReminderKind.Confirmation], Due(Start.AddHours(-10)));
        Assert.Empty(Due(Start.AddHours(-9), Confirmed(Start.AddHours(-10))));
    }

    [Fact]
    public void Nothing_is_sent_once_the_appointment_has_started()
    {
        Assert.Empty(Due(Start));
        Assert.Empty(Due(Start.AddMinutes(5), Confirmed(Start.AddDays(-3))));
    }

    [Fact]
    public void A_failed_message_waits_longer_after_each_attempt()
    {
        Assert.Equal(TimeSpan.FromMinutes(5), ReminderSchedule.RetryDelay(1));
        Assert.Equal(TimeSpan.FromMinutes(10), ReminderSchedule.RetryDelay(2));
        Assert.Equal(TimeSpan.FromMinutes(40), ReminderSchedule.RetryDelay(4));
    }

    [Fact]
    public void A_message_given_up_is_never_retried()
    {
        var dispatch = ReminderDispatch.Claim(Guid.NewGuid(), Guid.NewGuid(), ReminderKind.Confirmation, Start, Start.AddDays(-3));

        dispatch.GiveUp("No e-mail address on file.");

        Assert.False(dispatch.ShouldRetry);
        Assert.True(dispatch.GaveUp);
        Assert.Equal("No e-mail address on file.", dispatch.LastError);
    }
}
