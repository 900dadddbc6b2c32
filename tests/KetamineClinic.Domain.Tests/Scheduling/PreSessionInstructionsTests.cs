using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class PreSessionInstructionsTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static DateTime Utc(int year, int month, int day, int hour, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), NewYork);

    [Fact]
    public void A_nine_oclock_infusion_means_no_food_after_three_and_clear_liquids_until_seven()
    {
        var instructions = PreSessionInstructions.For(Utc(2026, 12, 2, 9), NewYork, 6, 2, []);

        Assert.Equal("No solid food after 03:00; clear liquids only until 07:00.", instructions.Lines[0]);
    }

    [Fact]
    public void An_early_infusion_puts_the_food_limit_on_the_evening_before()
    {
        var instructions = PreSessionInstructions.For(Utc(2026, 12, 2, 4), NewYork, 6, 2, []);

        Assert.Equal("No solid food after 22:00 on Tue 1 Dec; clear liquids only until 02:00.", instructions.Lines[0]);
    }

    [Fact]
    public void Fasting_counts_real_hours_across_the_spring_clock_change()
    {
        // 08:00 EDT on 8 March 2026; six real hours earlier is 01:00 EST (the clocks skipped 02:00–03:00).
        var instructions = PreSessionInstructions.For(Utc(2026, 3, 8, 8), NewYork, 6, 2, []);

        Assert.Equal(new DateTime(2026, 3, 8, 1, 0, 0), instructions.NoSolidFoodAfterLocal);
    }

    [Fact]
    public void Medicines_to_hold_escort_and_no_driving_are_listed()
    {
        var instructions = PreSessionInstructions.For(Utc(2026, 12, 2, 9), NewYork, 6, 2, ["Lorazepam", ""]);

        Assert.Contains(instructions.Lines, l => l.Contains("Lorazepam", StringComparison.Ordinal));
        Assert.Contains(instructions.Lines, l => l.Contains("escort", StringComparison.Ordinal));
        Assert.Contains(instructions.Lines, l => l.Contains("Do not drive", StringComparison.Ordinal));
    }
}
