using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>
/// How a course's sessions repeat: on given weekdays, or every N days, at one local time, starting on a date, N times.
/// Occurrences are generated in the clinic's local time and converted to UTC, so "Mon 09:00" stays 09:00 across a
/// daylight-saving change.
/// </summary>
public sealed record SeriesRule(
    DateOnly FirstDate,
    TimeOnly LocalTime,
    int Count,
    IReadOnlyList<DayOfWeek>? DaysOfWeek = null,
    int? EveryNDays = null)
{
    public const int MaxOccurrences = 60;

    public Result<IReadOnlyList<DateTime>> OccurrencesUtc(TimeZoneInfo clinicTimeZone)
    {
        ArgumentNullException.ThrowIfNull(clinicTimeZone);
        if (Count is < 1 or > MaxOccurrences)
        {
            return new DomainError("series.count", $"A series has from 1 to {MaxOccurrences} sessions.");
        }

        var byDays = DaysOfWeek is { Count: > 0 };
        if (byDays == EveryNDays.HasValue)
        {
            return new DomainError("series.rule", "Choose either days of the week or every N days.");
        }

        if (EveryNDays is < 1 or > 28)
        {
            return new DomainError("series.interval", "Every N days must be from 1 to 28.");
        }

        var dates = new List<DateOnly>();
        var date = FirstDate;
        while (dates.Count < Count)
        {
            if (!byDays || DaysOfWeek!.Contains(date.DayOfWeek))
            {
                dates.Add(date);
                date = byDays ? date.AddDays(1) : date.AddDays(EveryNDays!.Value);
            }
            else
            {
                date = date.AddDays(1);
            }
        }

        return dates.Select(d => ToUtc(d.ToDateTime(LocalTime), clinicTimeZone)).ToList();
    }

    /// <summary>Local clinic time to UTC. A time skipped by a spring-forward change moves forward by the gap; a time
    /// that happens twice in autumn takes the first (daylight) occurrence.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            var adjustment = zone.GetAdjustmentRules().FirstOrDefault(r => r.DateStart <= local && local <= r.DateEnd);
            local = local.Add(adjustment?.DaylightDelta ?? TimeSpan.FromHours(1));
        }

        if (zone.IsAmbiguousTime(local))
        {
            var offset = zone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - offset, DateTimeKind.Utc);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
