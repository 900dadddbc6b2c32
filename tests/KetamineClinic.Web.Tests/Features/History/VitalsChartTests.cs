using System.Globalization;
using AngleSharp.Dom;
using Bunit;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Features.History.Charts;
using static KetamineClinic.Web.Features.History.Charts.VitalsChart;

namespace KetamineClinic.Web.Tests.Features.History;

/// <summary>
/// A session's vitals curve: each reading at its minute from the infusion's start, the protocol's alert thresholds as
/// lines at their values, the infusion shaded and a pause hatched. The axes of this session: minutes −20 to 70 across,
/// 40 to 200 (mmHg and beats/min) in the upper panel, SpO2 85 to 100 % in the lower one.
/// </summary>
public sealed class VitalsChartTests : IAsyncDisposable
{
    private static readonly DateTime Start = new(2026, 3, 10, 14, 10, 0, DateTimeKind.Utc);
    private readonly BunitContext _ctx = new();

    private static VitalsPoint Reading(double minute, int sys, int dia, int hr, int spo2, bool alert = false, VitalsKind kind = VitalsKind.Infusion) =>
        new(Guid.NewGuid(), minute, Start.AddMinutes(minute), kind, sys, dia, hr, spo2, 14, alert);

    private static VitalsChartModel Session() => new("Vitals, 10 Mar 2026", new VitalsCurve(
        Start, true, new MinuteSpan(0, 40), [new MinuteSpan(15, 18)],
        [Reading(-10, 128, 82, 72, 98, kind: VitalsKind.Baseline), Reading(10, 140, 88, 80, 97), Reading(20, 146, 90, 84, 96),
            Reading(30, 150, 92, 88, 96), Reading(40, 182, 96, 90, 95, alert: true), Reading(60, 132, 84, 76, 98, kind: VitalsKind.Observation)],
        new VitalsAlertLines(180, 100, 110, 92)), 40);

    private static double X(double minute) => PlotLeft + ((minute + 20) / 90 * (PlotRight - PlotLeft));

    private static double Left(double value) => PlotBottom - ((value - 40) / 160 * (PlotBottom - PlotTop));

    private static double SpO2(double spo2) => SpO2Bottom - ((spo2 - 85) / 15 * (SpO2Bottom - SpO2Top));

    private static double Attr(IElement element, string name) => double.Parse(element.GetAttribute(name)!, CultureInfo.InvariantCulture);

    [Fact]
    public void The_protocols_alert_thresholds_are_lines_at_their_values()
    {
        var cut = _ctx.Render<VitalsChart>(p => p.Add(c => c.Model, Session()));

        var lines = cut.FindAll("[data-testid='threshold']").ToDictionary(l => l.GetAttribute("data-kind")!);
        Assert.Equal(["systolic", "diastolic", "hr", "spo2"], lines.Keys);
        Assert.Equal(Left(180), Attr(lines["systolic"], "y1"), 0.1);
        Assert.Equal(Left(100), Attr(lines["diastolic"], "y1"), 0.1);
        Assert.Equal(Left(110), Attr(lines["hr"], "y1"), 0.1);
        Assert.Equal(SpO2(92), Attr(lines["spo2"], "y1"), 0.1);
        Assert.Contains("Systolic alert ≥ 180", cut.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_reading_is_plotted_at_its_minute_for_every_series()
    {
        var cut = _ctx.Render<VitalsChart>(p => p.Add(c => c.Model, Session()));

        var systolic = cut.FindAll("[data-series='systolic']");
        Assert.Equal(6, systolic.Count);
        Assert.Equal(X(-10), Attr(systolic[0], "cx"), 0.1);
        Assert.Equal(X(30), Attr(systolic[3], "cx"), 0.1);
        Assert.Equal(Left(150), Attr(systolic[3], "cy"), 0.1);
        Assert.Equal(Left(92), Attr(cut.FindAll("[data-series='diastolic']")[3], "cy"), 0.1);
        Assert.Equal(Left(88), Attr(cut.FindAll("[data-series='hr']")[3], "data-cy"), 0.1);
        Assert.Equal(SpO2(96), Attr(cut.FindAll("[data-series='spo2']")[3], "data-cy"), 0.1);
        var ring = Assert.Single(cut.FindAll("[data-testid='alert-ring']"));
        Assert.Equal(X(40), Attr(ring, "cx"), 0.1);
    }

    [Fact]
    public void The_infusion_is_shaded_and_its_pause_hatched()
    {
        var cut = _ctx.Render<VitalsChart>(p => p.Add(c => c.Model, Session()));

        var infusion = cut.Find("[data-testid='infusion-span']");
        Assert.Equal(X(0), Attr(infusion, "x"), 0.1);
        Assert.Equal(X(40) - X(0), Attr(infusion, "width"), 0.1);
        var pause = cut.Find("[data-testid='pause-span']");
        Assert.Equal(X(15), Attr(pause, "x"), 0.1);
        Assert.StartsWith("url(#", pause.GetAttribute("fill"), StringComparison.Ordinal);
        Assert.Equal("Minutes from the start of the infusion", cut.FindAll("text.axis-title")[0].TextContent);
    }

    [Fact]
    public void The_figures_table_lists_every_reading_and_the_thresholds()
    {
        var cut = _ctx.Render<VitalsChart>(p => p.Add(c => c.Model, Session()));

        var rows = cut.FindAll("[data-testid='vitals-figures'] tbody tr");
        Assert.Equal(["10 min before", "min 10", "min 20", "min 30", "min 40", "min 60"], rows.Select(r => r.Children[0].TextContent));
        Assert.Equal("182/96", rows[4].Children[2].TextContent);
        Assert.Equal("Yes", rows[4].Children[6].TextContent);
        Assert.Contains("SpO2 alert < 92 %", cut.Find("[data-testid='vitals-figures']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Highest blood pressure 182/96 at min 40", cut.Find("svg desc").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void A_session_without_readings_says_so_instead_of_an_empty_chart()
    {
        var empty = Session() with { Curve = Session().Curve with { Points = [] } };

        var cut = _ctx.Render<VitalsChart>(p => p.Add(c => c.Model, empty));

        Assert.Empty(cut.FindAll("svg"));
        Assert.Equal("No vital signs were recorded.", cut.Find("[data-testid='vitals-empty']").TextContent);
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
