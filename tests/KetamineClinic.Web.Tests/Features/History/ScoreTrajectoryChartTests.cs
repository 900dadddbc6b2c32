using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Web.Features.History.Charts;
using static KetamineClinic.Web.Features.History.Charts.ScoreTrajectoryChart;

namespace KetamineClinic.Web.Tests.Features.History;

/// <summary>
/// The score trajectory a clinician reads: PHQ-9 bands shaded where the totals fall, the baseline marked, each score and
/// infusion at its date, the response and remission lines at their totals. Positions are checked against the chart's
/// plot area: y runs from <see cref="PlotBottom"/> (total 0) up to <see cref="PlotTop"/> (total 27); x from midnight of
/// the first date to midnight after the last.
/// </summary>
public sealed class ScoreTrajectoryChartTests : IAsyncDisposable
{
    private static readonly DateTime Day1 = new(2026, 3, 2);
    private readonly BunitContext _ctx = new();

    private static ScoreChartModel Phq9Course() => new(
        "PHQ-9 over the course", "PHQ-9", 27, OutcomeInstrument.Phq9.Bands,
        new ChartScore(Day1.AddHours(9), 20, "Baseline"),
        [new ChartScore(Day1.AddDays(2).AddHours(9), 16, "Before infusion"), new ChartScore(Day1.AddDays(7).AddHours(9), 9, "Before infusion"),
            new ChartScore(Day1.AddDays(11).AddHours(9), 4, "Before infusion")],
        [Day1.AddDays(2).AddHours(10), Day1.AddDays(4).AddHours(10), Day1.AddDays(7).AddHours(10), Day1.AddDays(9).AddHours(10), Day1.AddDays(11).AddHours(10)],
        RemissionAtOrBelow: 4);

    /// <summary>Where a total sits on the y axis (0 at the bottom, 27 at the top).</summary>
    private static double Y(double total) => PlotBottom - (total / 27 * (PlotBottom - PlotTop));

    /// <summary>Where a clinic-local time sits on the x axis: 2 Mar 00:00 to 14 Mar 00:00 (the day after the last date).</summary>
    private static double X(DateTime local) => PlotLeft + ((local - Day1).TotalHours / (12 * 24) * (PlotRight - PlotLeft));

    private static double Attr(IElement element, string name) => double.Parse(element.GetAttribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void Each_severity_band_is_shaded_over_the_totals_it_covers()
    {
        var cut = _ctx.Render<ScoreTrajectoryChart>(p => p.Add(c => c.Model, Phq9Course()));

        var bands = cut.FindAll("[data-testid='band']");
        Assert.Equal(["Minimal", "Mild", "Moderate", "Moderately severe", "Severe"], bands.Select(b => b.GetAttribute("data-band")));
        var mild = bands[1];
        Assert.Equal(Y(9.5), Attr(mild, "y"), 0.1);
        Assert.Equal(Y(4.5) - Y(9.5), Attr(mild, "height"), 0.1);
        var minimal = bands[0];
        Assert.Equal(PlotBottom, Attr(minimal, "y") + Attr(minimal, "height"), 0.1);
        var severe = bands[4];
        Assert.Equal(PlotTop, Attr(severe, "y"), 0.1);
        Assert.Equal(Y(19.5) - PlotTop, Attr(severe, "height"), 0.1);
        Assert.Contains("band-sev-4", severe.ClassName, StringComparison.Ordinal);
    }

    [Fact]
    public void The_baseline_is_a_marked_point_and_a_line_across_at_its_total()
    {
        var cut = _ctx.Render<ScoreTrajectoryChart>(p => p.Add(c => c.Model, Phq9Course()));

        var line = cut.Find("[data-testid='baseline-line']");
        Assert.Equal(Y(20), Attr(line, "y1"), 0.1);
        Assert.Equal(Y(20), Attr(line, "y2"), 0.1);
        Assert.Equal((PlotLeft, PlotRight), (Attr(line, "x1"), Attr(line, "x2")));
        var point = cut.Find("[data-testid='baseline-point']");
        Assert.Equal(X(Day1.AddHours(9)), Attr(point, "data-x"), 0.1);
        Assert.Equal(Y(20), Attr(point, "data-y"), 0.1);
        Assert.Contains("Baseline 20", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Scores_and_infusions_sit_at_their_dates_and_the_thresholds_at_their_totals()
    {
        var cut = _ctx.Render<ScoreTrajectoryChart>(p => p.Add(c => c.Model, Phq9Course()));

        var scores = cut.FindAll("[data-testid='score-point']");
        Assert.Equal([Y(16), Y(9), Y(4)], scores.Select(s => Math.Round(Attr(s, "cy"), 1)), new Tolerance(0.1));
        Assert.Equal(X(Day1.AddDays(7).AddHours(9)), Attr(scores[1], "cx"), 0.1);
        var infusions = cut.FindAll("[data-testid='infusion-mark']");
        Assert.Equal(5, infusions.Count);
        Assert.Equal(X(Day1.AddDays(4).AddHours(10)), Attr(infusions[1], "data-x"), 0.1);
        Assert.Equal(Y(4), Attr(cut.Find("[data-testid='remission-line']"), "y1"), 0.1);
        Assert.Equal(Y(10), Attr(cut.Find("[data-testid='response-line']"), "y1"), 0.1);
    }

    [Fact]
    public void The_chart_has_a_title_axis_labels_a_legend_and_its_figures_as_a_table()
    {
        var cut = _ctx.Render<ScoreTrajectoryChart>(p => p.Add(c => c.Model, Phq9Course()));

        var svg = cut.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        var labelledBy = svg.GetAttribute("aria-labelledby")!.Split(' ');
        Assert.Equal("PHQ-9 over the course", cut.Find($"#{labelledBy[0]}").TextContent);
        Assert.Contains("Baseline 20 on 2 Mar.", cut.Find($"#{labelledBy[1]}").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Date", "PHQ-9 total (0–27)"], cut.FindAll("text.axis-title").Select(t => t.TextContent));
        Assert.Contains("Remission (≤ 4)", cut.Find("ul.kc-legend").TextContent, StringComparison.Ordinal);
        var rows = cut.FindAll("[data-testid='score-figures'] tbody tr");
        Assert.Equal(["20", "16", "9", "4"], rows.Select(r => r.Children[1].TextContent));
        Assert.Equal("Minimal", rows[3].Children[2].TextContent);
    }

    [Fact]
    public void A_baseline_of_zero_draws_no_response_line()
    {
        var model = Phq9Course() with { Baseline = new ChartScore(Day1, 0, "Baseline") };

        var cut = _ctx.Render<ScoreTrajectoryChart>(p => p.Add(c => c.Model, model));

        Assert.Empty(cut.FindAll("[data-testid='response-line']"));
        Assert.Single(cut.FindAll("[data-testid='baseline-point']"));
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();

    private sealed class Tolerance(double within) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= within;

        public int GetHashCode(double obj) => 0;
    }
}
