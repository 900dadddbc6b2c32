using System.Globalization;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Times as nurses type them at the chair: "HH:mm" on the clinic's clock, meaning the moment nearest to now
/// (a reading typed at 00:05 for 23:58 is yesterday's). Empty means now.</summary>
public static class SessionTimes
{
    /// <summary>The UTC instant of a clinic local time, or now when none was given.</summary>
    public static DateTime UtcOrNow(this SessionClock clock, DateTime? local)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return local is { } l ? clock.ToUtc(l) : clock.NowUtc;
    }

    /// <summary>Reads "HH:mm" (or "H:mm", "HHmm") as the clinic local date-time nearest to <paramref name="nowLocal"/>.</summary>
    public static bool TryParseTimeOfDay(string? text, DateTime nowLocal, out DateTime local)
    {
        local = default;
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 4 && trimmed.All(char.IsAsciiDigit))
        {
            trimmed = trimmed[..2] + ":" + trimmed[2..];
        }

        if (!TimeOnly.TryParseExact(trimmed, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return false;
        }

        var candidate = DateOnly.FromDateTime(nowLocal).ToDateTime(time);
        if (candidate - nowLocal > TimeSpan.FromHours(12))
        {
            candidate = candidate.AddDays(-1);
        }
        else if (nowLocal - candidate > TimeSpan.FromHours(12))
        {
            candidate = candidate.AddDays(1);
        }

        local = candidate;
        return true;
    }

    public static string TimeOfDay(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The clinic's local "now" for a zone.</summary>
    public static DateTime NowLocal(TimeProvider clock, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, zone);
    }

    public const string TimeFormatMessage = "Enter the time as HH:mm, e.g. 09:40.";
}
