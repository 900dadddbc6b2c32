using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class SeriesRuleTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTime ToLocal(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, NewYork);

    [Fact]
    public void Monday_wednesday_friday_gives_six_sessions_over_two_weeks()
    {
        var rule = new SeriesRule(new DateOnly(2026, 11, 30), new TimeOnly(9, 0), 6, [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday]);

        var dates = rule.OccurrencesUtc(NewYork).Value.Select(ToLocal).ToList();

        Assert.Equal([30, 2, 4, 7, 9, 11], dates.Select(d => d.Day));
        Assert.All(dates, d => Assert.Equal(new TimeOnly(9, 0), TimeOnly.FromDateTime(d)));
    }

    [Fact]
    public void A_first_date_that_is_not_one_of_the_days_starts_on_the_next_one()
    {
        var rule = new SeriesRule(new DateOnly(2026, 12, 1), new TimeOnly(9, 0), 2, [DayOfWeek.Thursday]);

        Assert.Equal([3, 10], rule.OccurrencesUtc(NewYork).Value.Select(d => ToLocal(d).Day));
    }

    [Fact]
    public void Every_three_days_counts_from_the_first_date()
    {
        var rule = new SeriesRule(new DateOnly(2026, 12, 1), new TimeOnly(14, 30), 3, EveryNDays: 3);

        Assert.Equal([1, 4, 7], rule.OccurrencesUtc(NewYork).Value.Select(d => ToLocal(d).Day));
    }

    [Fact]
    public void Local_time_stays_the_same_across_the_spring_daylight_saving_change()
    {
        // US clocks go forward on Sunday 8 March 2026.
        var rule = new SeriesRule(new DateOnly(2026, 3, 6), new TimeOnly(9, 0), 3, [DayOfWeek.Friday, DayOfWeek.Monday]);

        var utc = rule.OccurrencesUtc(NewYork).Value;

        Assert.Equal(14, utc[0].Hour); // 09:00 EST = 14:00 UTC
        Assert.Equal(13, utc[1].Hour); // 09:00 EDT = 13:00 UTC
        Assert.All(utc, u => Assert.Equal(9, ToLocal(u).Hour));
    }

    [Fact]
    public void A_time_skipped_by_spring_forward_moves_to_the_first_time_that_exists()
    {
        var utc = SeriesRule.ToUtc(new DateTime(2026, 3, 8, 2, 30, 0), NewYork);

        Assert.Equal(new DateTime(2026, 3, 8, 3, 30, 0), ToLocal(utc));
    }

    [Fact]
    public void A_time_that_happens_twice_in_autumn_takes_the_first()
    {
        var utc = SeriesRule.ToUtc(new DateTime(2026, 11, 1, 1, 30, 0), NewYork);

        Assert.Equal(new DateTime(2026, 11, 1, 5, 30, 0, DateTimeKind.Utc), utc); // 01:30 EDT
    }

    [Theory]
    [InlineData(0)]
    [InlineData(61)]
    public void A_series_has_from_one_to_sixty_sessions(int count)
    {
        Assert.Equal("series.count", new SeriesRule(new DateOnly(2026, 12, 1), new TimeOnly(9, 0), count, EveryNDays: 2).OccurrencesUtc(NewYork).Error!.Code);
    }

    [Fact]
    public void Days_of_week_and_every_n_days_cannot_both_be_given()
    {
        Assert.Equal("series.rule", new SeriesRule(new DateOnly(2026, 12, 1), new TimeOnly(9, 0), 3, [DayOfWeek.Monday], 2).OccurrencesUtc(NewYork).Error!.Code);
        Assert.Equal("series.rule", new SeriesRule(new DateOnly(2026, 12, 1), new TimeOnly(9, 0), 3).OccurrencesUtc(NewYork).Error!.Code);
    }
}
