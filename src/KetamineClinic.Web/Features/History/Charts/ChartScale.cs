using System.Globalization;

namespace KetamineClinic.Web.Features.History.Charts;

/// <summary>A linear map from data values to SVG coordinates (either direction: a y axis maps upwards).</summary>
public readonly record struct LinearScale(double DomainMin, double DomainMax, double RangeMin, double RangeMax)
{
    public double Map(double value) =>
        DomainMax == DomainMin ? (RangeMin + RangeMax) / 2 : RangeMin + ((value - DomainMin) / (DomainMax - DomainMin) * (RangeMax - RangeMin));

    /// <summary>Clamps a value into the domain before mapping, so a line past the axis stops at its edge.</summary>
    public double MapClamped(double value) => Map(Math.Clamp(value, Math.Min(DomainMin, DomainMax), Math.Max(DomainMin, DomainMax)));
}

/// <summary>Axis arithmetic shared by the SVG charts: tick values and number formatting for SVG attributes.</summary>
public static class ChartAxis
{
    /// <summary>Round tick values (1, 2 or 5 × a power of ten apart) covering <paramref name="min"/>..<paramref name="max"/>
    /// in about <paramref name="count"/> intervals, all inside the range.</summary>
    public static IReadOnlyList<double> Ticks(double min, double max, int count = 5)
    {
        if (max <= min || count < 1)
        {
            return [min];
        }

        var rough = (max - min) / count;
        var power = Math.Pow(10, Math.Floor(Math.Log10(rough)));
        // The round step whose number of intervals comes nearest the count asked for (the larger one on a tie).
        var step = new[] { 10, 5, 2, 1 }.Select(m => m * power).MinBy(s => Math.Abs(((max - min) / s) - count));
        var first = Math.Ceiling(min / step) * step;
        var ticks = new List<double>();
        for (var v = first; v <= max + (step / 1e6); v += step)
        {
            ticks.Add(Math.Round(v, 6));
        }

        return ticks;
    }

    /// <summary>Day ticks for a date axis: every day, 2, 7, 14 or 28 days, whichever gives at most <paramref name="maxTicks"/>.</summary>
    public static IReadOnlyList<DateTime> DayTicks(DateTime from, DateTime to, int maxTicks = 8)
    {
        var first = from.Date == from ? from : from.Date.AddDays(1);
        var days = Math.Max(0, (to.Date - first).TotalDays);
        var step = new[] { 1, 2, 7, 14, 28, 56, 91 }.FirstOrDefault(s => (days / s) + 1 <= maxTicks, 182);
        var ticks = new List<DateTime>();
        for (var d = first; d <= to; d = d.AddDays(step))
        {
            ticks.Add(d);
        }

        return ticks;
    }

    /// <summary>A coordinate for an SVG attribute: invariant culture, one decimal.</summary>
    public static string F(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
