using System.Globalization;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Reports;

/// <summary>A clinic-local week (Monday first), as far as it lies inside the report's range: the first and last week of a
/// range that does not start on a Monday or end on a Sunday are partial.</summary>
public sealed record ReportWeek(DateOnly Monday, DateOnly FirstDay, DateOnly LastDay)
{
    /// <summary>The week's Monday, as the tables and CSV files print it.</summary>
    public string Label => Monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public bool IsPartial => FirstDay != Monday || LastDay != Monday.AddDays(6);
}

/// <summary>
/// The dates a report covers, <see cref="From"/> to <see cref="To"/> inclusive, in the clinic's time zone. The UTC bounds
/// are local midnights converted with the zone's rules, so a week with a daylight-saving change is 167 or 169 hours
/// long and every instant falls in the week of its clinic-local date.
/// </summary>
public sealed class ReportRange
{
    /// <summary>The longest range a report covers (two years): every query is bounded by it.</summary>
    public const int MaxDays = 731;

    /// <summary>The default range: the last twelve complete weeks.</summary>
    public const int DefaultWeeks = 12;

    private readonly Dictionary<DateOnly, ReportWeek> _byMonday;

    private ReportRange(DateOnly from, DateOnly to, TimeZoneInfo zone)
    {
        From = from;
        To = to;
        Zone = zone;
        FromUtc = SeriesRule.ToUtc(from.ToDateTime(TimeOnly.MinValue), zone);
        ToUtc = SeriesRule.ToUtc(to.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
        var weeks = new List<ReportWeek>();
        for (var monday = MondayOf(from); monday <= to; monday = monday.AddDays(7))
        {
            var sunday = monday.AddDays(6);
            weeks.Add(new ReportWeek(monday, monday < from ? from : monday, sunday > to ? to : sunday));
        }

        Weeks = weeks;
        _byMonday = weeks.ToDictionary(w => w.Monday);
    }

    public DateOnly From { get; }

    /// <summary>The last date covered (inclusive).</summary>
    public DateOnly To { get; }

    public TimeZoneInfo Zone { get; }

    /// <summary>Local midnight at the start of <see cref="From"/>, in UTC.</summary>
    public DateTime FromUtc { get; }

    /// <summary>Local midnight at the end of <see cref="To"/>, in UTC (exclusive).</summary>
    public DateTime ToUtc { get; }

    public IReadOnlyList<ReportWeek> Weeks { get; }

    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>A range chosen by the user: from on or before to, ending today at the latest, at most two years.</summary>
    public static Result<ReportRange> Create(DateOnly from, DateOnly to, TimeZoneInfo zone, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (from > to)
        {
            return ReportErrors.FromAfterTo;
        }

        if (to > today)
        {
            return ReportErrors.EndsInFuture(today);
        }

        if (to.DayNumber - from.DayNumber + 1 > MaxDays)
        {
            return ReportErrors.TooLong;
        }

        return new ReportRange(from, to, zone);
    }

    /// <summary>The last <paramref name="weeks"/> complete weeks before the week of <paramref name="today"/>:
    /// Monday twelve weeks ago to last Sunday.</summary>
    public static ReportRange LastCompleteWeeks(DateOnly today, TimeZoneInfo zone, int weeks = DefaultWeeks)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var thisMonday = MondayOf(today);
        return new ReportRange(thisMonday.AddDays(-7 * weeks), thisMonday.AddDays(-1), zone);
    }

    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    public bool Contains(DateTime utc) => utc >= FromUtc && utc < ToUtc;

    /// <summary>The clinic-local date of an instant.</summary>
    public DateOnly LocalDate(DateTime utc) =>
        DateOnly.FromDateTime(ClinicTime.ToLocal(utc, Zone));

    /// <summary>The week an instant falls in by its clinic-local date, or null outside the range.</summary>
    public ReportWeek? WeekOf(DateTime utc) => Contains(utc) ? _byMonday.GetValueOrDefault(MondayOf(LocalDate(utc))) : null;

    public ReportWeek? WeekOf(DateOnly localDate) =>
        localDate >= From && localDate <= To ? _byMonday.GetValueOrDefault(MondayOf(localDate)) : null;

    /// <summary>Every date of the range, in order.</summary>
    public IEnumerable<DateOnly> Dates()
    {
        for (var date = From; date <= To; date = date.AddDays(1))
        {
            yield return date;
        }
    }

    /// <summary>A clinic-local wall-clock time on <paramref name="date"/>, in UTC (a time skipped by a spring-forward
    /// change moves forward; an autumn time that happens twice takes the first).</summary>
    public DateTime ToUtcAt(DateOnly date, TimeOnly time) => SeriesRule.ToUtc(date.ToDateTime(time), Zone);

    public string Describe() =>
        $"{From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";
}

public static class ReportErrors
{
    public static readonly DomainError FromAfterTo = new("report.from_after_to", "The start date must be on or before the end date.");
    public static readonly DomainError TooLong = new("report.too_long", $"A report covers at most {ReportRange.MaxDays} days (two years); choose a shorter range.");
    public static readonly DomainError BadDate = new("report.bad_date", "Write dates as yyyy-mm-dd, e.g. 2026-01-05.");
    public static readonly DomainError UnknownTable = new("report.unknown_table", "There is no such report table.");

    public static DomainError EndsInFuture(DateOnly today) =>
        new("report.future", $"A report covers what has happened: choose an end date up to today ({today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}).");
}
