using KetamineClinic.Domain.Clinic;

namespace KetamineClinic.EndToEnd.Infrastructure;

/// <summary>
/// The browser and a live server whose clock the test moves: the day starts at 09:00 clinic time on a weekday (today's
/// date, or the next Monday at a weekend), so the demo floor is seeded around that morning and a whole session fits
/// in the clinic's day whenever the test runs.
/// </summary>
public sealed class ClinicDayFixture : BrowserFixture
{
    public ClinicDayFixture()
        : this(new AdjustableClock(MorningUtc()))
    {
    }

    private ClinicDayFixture(AdjustableClock clock)
        : base(new LiveClinicServer(clock)) => Clock = clock;

    public static TimeZoneInfo ClinicZone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ClinicSettings.DefaultTimeZoneId);

    public AdjustableClock Clock { get; }

    /// <summary>The clinic's local time now, on the server's clock.</summary>
    public DateTime NowLocal => TimeZoneInfo.ConvertTimeFromUtc(Clock.GetUtcNow().UtcDateTime, ClinicZone);

    /// <summary>Moves the server's clock to <paramref name="local"/> clinic time.</summary>
    public void MoveTo(DateTime local) =>
        Clock.MoveTo(new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), ClinicZone)));

    private static DateTimeOffset MorningUtc()
    {
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, ClinicZone));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            day = day.AddDays(1);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(9, 0)), ClinicZone));
    }
}
