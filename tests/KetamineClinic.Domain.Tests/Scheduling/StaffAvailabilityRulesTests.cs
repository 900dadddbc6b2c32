using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class StaffAvailabilityRulesTests
{
    private static readonly DateOnly Monday = new(2026, 12, 7);

    [Fact]
    public void Working_hours_must_end_after_they_start_and_name_the_day()
    {
        var backwards = StaffWorkingHours.Create("n1", DayOfWeek.Tuesday, new TimeOnly(17, 0), new TimeOnly(9, 0));
        var empty = StaffWorkingHours.Create("n1", DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(9, 0));
        var fine = StaffWorkingHours.Create("n1", DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(13, 0));

        Assert.Equal(StaffAvailabilityErrors.HoursOrder(DayOfWeek.Tuesday), backwards.Error);
        Assert.Contains("Tuesday", backwards.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(StaffAvailabilityErrors.HoursOrder(DayOfWeek.Tuesday), empty.Error);
        Assert.Equal(new DayHours(DayOfWeek.Tuesday, new TimeOnly(9, 0), new TimeOnly(13, 0)), fine.Value.ToDayHours());
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Hours_and_time_off_need_the_staff_member(string staffId)
    {
        Assert.Equal(StaffAvailabilityErrors.StaffRequired, StaffWorkingHours.Create(staffId, DayOfWeek.Monday, new TimeOnly(9, 0), new TimeOnly(17, 0)).Error);
        Assert.Equal(StaffAvailabilityErrors.StaffRequired, StaffTimeOff.Create(staffId, Monday, Monday, "Leave").Error);
    }

    [Fact]
    public void Time_off_is_inclusive_and_may_be_a_single_day()
    {
        var day = StaffTimeOff.Create("n1", Monday, Monday, "  Training ").Value;
        var week = StaffTimeOff.Create("n1", Monday, Monday.AddDays(4), "Annual leave").Value;

        Assert.Equal("Training", day.Reason);
        Assert.True(day.ToRange().Contains(Monday));
        Assert.False(day.ToRange().Contains(Monday.AddDays(1)));
        Assert.True(week.ToRange().Contains(Monday.AddDays(4)));
        Assert.False(week.ToRange().Contains(Monday.AddDays(-1)));
    }

    [Fact]
    public void Time_off_ending_before_it_starts_longer_than_a_year_or_without_a_reason_is_refused()
    {
        Assert.Equal(StaffAvailabilityErrors.TimeOffOrder, StaffTimeOff.Create("n1", Monday, Monday.AddDays(-1), "Leave").Error);
        Assert.Equal(StaffAvailabilityErrors.TimeOffTooLong, StaffTimeOff.Create("n1", Monday, Monday.AddDays(367), "Leave").Error);
        Assert.True(StaffTimeOff.Create("n1", Monday, Monday.AddDays(366), "Parental leave").IsSuccess);
        Assert.Equal(StaffAvailabilityErrors.TimeOffReason, StaffTimeOff.Create("n1", Monday, Monday, " ").Error);
        Assert.Equal(StaffAvailabilityErrors.TimeOffReason, StaffTimeOff.Create("n1", Monday, Monday, null).Error);
        Assert.Equal(StaffAvailabilityErrors.TimeOffReason, StaffTimeOff.Create("n1", Monday, Monday, new string('x', StaffTimeOff.MaxReasonLength + 1)).Error);
    }

    [Fact]
    public void Scheduling_settings_start_with_the_clinics_defaults()
    {
        var settings = SchedulingSettings.Default();

        Assert.Equal((2, 60, 30, 15, 48, 24), (settings.NurseCapacity, settings.ConsultationMinutes, settings.FollowUpMinutes, settings.SlotMinutes, settings.FirstReminderHours, settings.SecondReminderHours));
        Assert.Equal(60, settings.DefaultMinutes(AppointmentType.IntakeConsultation));
        Assert.Equal(30, settings.DefaultMinutes(AppointmentType.FollowUp));
        Assert.Null(settings.DefaultMinutes(AppointmentType.InfusionSession));
        Assert.Null(settings.DefaultMinutes(AppointmentType.Booster));
    }

    [Fact]
    public void A_valid_change_is_kept_and_gets_a_new_version()
    {
        var settings = SchedulingSettings.Default();
        var version = settings.Version;

        var changed = settings.Change(1, 45, 20, 10, 72, 12);

        Assert.True(changed.IsSuccess, changed.Error?.Message);
        Assert.Equal((1, 45, 20, 10, 72, 12), (settings.NurseCapacity, settings.ConsultationMinutes, settings.FollowUpMinutes, settings.SlotMinutes, settings.FirstReminderHours, settings.SecondReminderHours));
        Assert.NotEqual(version, settings.Version);
    }

    [Theory]
    [InlineData(0, 60, 30, 15, 48, 24, "settings.nurse_capacity")]
    [InlineData(7, 60, 30, 15, 48, 24, "settings.nurse_capacity")]
    [InlineData(2, 9, 30, 15, 48, 24, "settings.lengths")]
    [InlineData(2, 60, 241, 15, 48, 24, "settings.lengths")]
    [InlineData(2, 60, 30, 0, 48, 24, "settings.slot")]
    [InlineData(2, 60, 30, 25, 48, 24, "settings.slot")]
    [InlineData(2, 60, 30, 15, 0, 24, "settings.reminders")]
    [InlineData(2, 60, 30, 15, 169, 24, "settings.reminders")]
    [InlineData(2, 60, 30, 15, 48, 48, "settings.reminders")]
    [InlineData(2, 60, 30, 15, 24, 48, "settings.reminders")]
    [InlineData(2, 60, 30, 15, 48, 0, "settings.reminders")]
    public void An_invalid_change_is_refused_and_nothing_changes(int capacity, int consultation, int followUp, int slot, int first, int second, string code)
    {
        var settings = SchedulingSettings.Default();
        var version = settings.Version;

        var changed = settings.Change(capacity, consultation, followUp, slot, first, second);

        Assert.Equal(code, changed.Error!.Code);
        Assert.Equal((2, 60, 30, 15, 48, 24), (settings.NurseCapacity, settings.ConsultationMinutes, settings.FollowUpMinutes, settings.SlotMinutes, settings.FirstReminderHours, settings.SecondReminderHours));
        Assert.Equal(version, settings.Version);
    }

    [Fact]
    public void Follow_ups_are_proposed_1_and_4_weeks_after_the_last_session_by_default()
    {
        Assert.Equal([7, 28], SchedulingSettings.Default().FollowUpDays);
    }

    [Theory]
    [InlineData(new[] { 14 }, true)]
    [InlineData(new int[0], true)]
    [InlineData(new[] { 7, 28, 90, 180 }, true)]
    [InlineData(new[] { 7, 28, 90, 180, 365 }, false)]
    [InlineData(new[] { 28, 7 }, false)]
    [InlineData(new[] { 7, 7 }, false)]
    [InlineData(new[] { 0 }, false)]
    [InlineData(new[] { 366 }, false)]
    public void Follow_up_days_are_up_to_four_increasing_days_within_a_year(int[] days, bool valid)
    {
        var settings = SchedulingSettings.Default();

        var changed = settings.ChangeFollowUps(days);

        Assert.Equal(valid, changed.IsSuccess);
        Assert.Equal(valid ? days : [7, 28], settings.FollowUpDays);
    }

    [Theory]
    [InlineData(new[] { 7, 14, 28, 90, 180 }, "settings.follow_ups_count")]
    [InlineData(new[] { 7, 400 }, "settings.follow_ups_range")]
    [InlineData(new[] { 0, 7 }, "settings.follow_ups_range")]
    [InlineData(new[] { 28, 7 }, "settings.follow_ups_order")]
    [InlineData(new[] { 7, 7 }, "settings.follow_ups_order")]
    public void A_refused_follow_up_setting_says_what_is_wrong(int[] days, string code)
    {
        Assert.Equal(code, FollowUpRules.Validate(days).Error!.Code);
    }
}
