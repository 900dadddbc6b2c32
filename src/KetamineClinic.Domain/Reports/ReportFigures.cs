using System.Globalization;

namespace KetamineClinic.Domain.Reports;

/// <summary>
/// <see cref="Count"/> out of <see cref="Of"/>. With nothing to count against (<see cref="Of"/> = 0) there is no rate:
/// it is shown as "—", never as 0 %, which would claim something was measured.
/// </summary>
public readonly record struct Rate(int Count, int Of)
{
    /// <summary>The rate in percent, rounded half away from zero to one decimal; null without a denominator.</summary>
    public decimal? Percent => Of == 0 ? null : Math.Round(100m * Count / Of, 1, MidpointRounding.AwayFromZero);

    public string PercentText => ReportFormat.Percent(Percent);
}

/// <summary>The mean of a number of durations; no mean without any (shown as "—").</summary>
public readonly record struct Average(int Count, double TotalMinutes)
{
    /// <summary>The mean in whole minutes, rounded half away from zero; null when nothing was measured.</summary>
    public decimal? Minutes => Count == 0 ? null : Math.Round((decimal)TotalMinutes / Count, 0, MidpointRounding.AwayFromZero);

    public static Average Of(IEnumerable<TimeSpan> durations)
    {
        ArgumentNullException.ThrowIfNull(durations);
        var list = durations.ToList();
        return new Average(list.Count, list.Sum(d => d.TotalMinutes));
    }
}

/// <summary>How report figures are written, the same on the page and in the CSV files: invariant culture (a dot
/// for decimals, no thousands separator), dates as yyyy-MM-dd, "—" for a figure that cannot be computed.</summary>
public static class ReportFormat
{
    /// <summary>Shown for a rate without a denominator or a mean of nothing.</summary>
    public const string None = "—";

    public static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Percent(decimal? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) : None;

    public static string Minutes(decimal? value) => value is { } v ? v.ToString("0", CultureInfo.InvariantCulture) : None;

    /// <summary>Minutes as hours with one decimal.</summary>
    public static string Hours(int minutes) =>
        Math.Round(minutes / 60m, 1, MidpointRounding.AwayFromZero).ToString("0.0", CultureInfo.InvariantCulture);

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
