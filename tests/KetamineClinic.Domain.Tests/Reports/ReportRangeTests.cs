using KetamineClinic.Domain.Reports;

namespace KetamineClinic.Domain.Tests.Reports;

public sealed class ReportRangeTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void The_default_range_is_the_last_twelve_complete_weeks()
    {
        var range = ReportRange.LastCompleteWeeks(new DateOnly(2026, 4, 15), NewYork); // a Wednesday

        Assert.Equal(new DateOnly(2026, 1, 19), range.From);
        Assert.Equal(DayOfWeek.Monday, range.From.DayOfWeek);
        Assert.Equal(new DateOnly(2026, 4, 12), range.To);
        Assert.Equal(DayOfWeek.Sunday, range.To.DayOfWeek);
        Assert.Equal(12, range.Weeks.Count);
        Assert.DoesNotContain(range.Weeks, w => w.IsPartial);
    }

    [Fact]
    public void On_a_Monday_the_default_range_ends_yesterday()
    {
        var range = ReportRange.LastCompleteWeeks(new DateOnly(2026, 4, 13), NewYork);

        Assert.Equal(new DateOnly(2026, 4, 12), range.To);
    }

    [Fact]
    public void A_start_after_the_end_is_refused_with_a_clear_message()
    {
        var result = ReportRange.Create(new DateOnly(2026, 3, 10), new DateOnly(2026, 3, 9), NewYork, new DateOnly(2026, 4, 1));

        Assert.Equal(ReportErrors.FromAfterTo, result.Error);
        Assert.Equal("The start date must be on or before the end date.", result.Error!.Message);
    }

    [Fact]
    public void A_range_ending_after_today_is_refused()
    {
        var result = ReportRange.Create(new DateOnly(2026, 3, 1), new DateOnly(2026, 4, 2), NewYork, new DateOnly(2026, 4, 1));

        Assert.Equal("report.future", result.Error!.Code);
        Assert.Contains("2026-04-01", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_range_longer_than_two_years_is_refused_and_two_years_is_allowed()
    {
        var today = new DateOnly(2026, 4, 1);
        var longest = ReportRange.Create(today.AddDays(-(ReportRange.MaxDays - 1)), today, NewYork, today);
        var tooLong = ReportRange.Create(today.AddDays(-ReportRange.MaxDays), today, NewYork, today);

        Assert.True(longest.IsSuccess);
        Assert.Equal(ReportRange.MaxDays, longest.Value.Days);
        Assert.Equal(ReportErrors.TooLong, tooLong.Error);
    }

    [Fact]
    public void A_single_day_is_a_range_of_one_partial_week()
    {
        var range = ReportRange.Create(new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4), NewYork, new DateOnly(2026, 4, 1)).Value;

        var week = Assert.Single(range.Weeks);
        Assert.Equal(new DateOnly(2026, 3, 2), week.Monday);
        Assert.Equal((new DateOnly(2026, 3, 4), new DateOnly(2026, 3, 4)), (week.FirstDay, week.LastDay));
        Assert.True(week.IsPartial);
    }

    [Fact]
    public void The_bounds_are_clinic_midnights_and_a_spring_forward_week_is_one_hour_short()
    {
        // 8 March 2026: New York moves from EST (UTC-5) to EDT (UTC-4) at 02:00.
        var range = ReportRange.Create(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), NewYork, new DateOnly(2026, 4, 1)).Value;

        Assert.Equal(Utc(2026, 3, 2, 5), range.FromUtc);
        Assert.Equal(Utc(2026, 3, 16, 4), range.ToUtc);
        Assert.Equal(TimeSpan.FromHours(167), range.ToUtcAt(new DateOnly(2026, 3, 9), TimeOnly.MinValue) - range.FromUtc);
    }

    [Fact]
    public void An_instant_falls_in_the_week_of_its_clinic_date_across_spring_forward()
    {
        var range = ReportRange.Create(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), NewYork, new DateOnly(2026, 4, 1)).Value;

        // Sunday 8 March 23:30 EDT and Monday 9 March 00:15 EDT: a fixed winter offset would put both on Sunday.
        Assert.Equal(new DateOnly(2026, 3, 2), range.WeekOf(Utc(2026, 3, 9, 3, 30))!.Monday);
        Assert.Equal(new DateOnly(2026, 3, 9), range.WeekOf(Utc(2026, 3, 9, 4, 15))!.Monday);
    }

    [Fact]
    public void An_instant_falls_in_the_week_of_its_clinic_date_across_fall_back()
    {
        // 1 November 2026: New York moves from EDT (UTC-4) back to EST (UTC-5) at 02:00.
        var range = ReportRange.Create(new DateOnly(2026, 10, 26), new DateOnly(2026, 11, 8), NewYork, new DateOnly(2026, 12, 1)).Value;

        // Sunday 1 November 23:30 EST and Monday 2 November 00:30 EST: a fixed summer offset would put both on Monday.
        Assert.Equal(new DateOnly(2026, 10, 26), range.WeekOf(Utc(2026, 11, 2, 4, 30))!.Monday);
        Assert.Equal(new DateOnly(2026, 11, 2), range.WeekOf(Utc(2026, 11, 2, 5, 30))!.Monday);
        Assert.Equal(TimeSpan.FromHours(169), range.ToUtcAt(new DateOnly(2026, 11, 2), TimeOnly.MinValue) - range.FromUtc);
    }

    [Fact]
    public void Instants_outside_the_range_belong_to_no_week()
    {
        var range = ReportRange.Create(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 8), NewYork, new DateOnly(2026, 4, 1)).Value;

        Assert.Null(range.WeekOf(range.FromUtc.AddTicks(-1)));
        Assert.NotNull(range.WeekOf(range.FromUtc));
        Assert.Null(range.WeekOf(range.ToUtc));
    }
}
