using Bunit;
using KetamineClinic.Domain.Reports;
using KetamineClinic.Web.Features.Reports;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Features.Reports;

/// <summary>A report table on the page: its chart draws a missing rate as a gap (never a bar or point at 0), the table
/// shows every cell as the model has it, and its CSV button downloads the same table.</summary>
public sealed class ReportTableViewTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    public ReportTableViewTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
    }

    private static ReportTable Table(ReportChartKind kind, params double?[] values) => new(
        "test-table",
        "Test table",
        ["Week (Monday)", "Rate (%)"],
        [["2026-03-02", "10.0"], ["2026-03-09", "—"], ["Total", "10.0"]],
        ["A note with the definition."],
        new ReportChart("Rate per week (%)", kind, "%", [.. values.Select((_, i) => $"w{i}")], [new ReportSeries("Rate", values)], 100));

    private IRenderedComponent<ReportTableView> Render(ReportTable table) =>
        _ctx.Render<ReportTableView>(p => p.Add(t => t.Table, table).Add(t => t.Href, "reports/test-table.csv?from=2026-03-02&to=2026-03-15"));

    [Fact]
    public void A_missing_value_breaks_the_line_and_has_no_point()
    {
        var cut = Render(Table(ReportChartKind.Lines, 10, 20, null, 30, null));

        Assert.Equal(3, cut.FindAll("circle").Count);
        var line = Assert.Single(cut.FindAll("polyline")); // 10–20; 30 stands alone
        Assert.Equal(2, line.GetAttribute("points")!.Split(' ').Length);
    }

    [Fact]
    public void A_missing_value_has_no_bar_while_zero_is_drawn_at_the_axis()
    {
        var cut = Render(Table(ReportChartKind.Bars, 0, null, 50));

        var bars = cut.FindAll("rect.bar");
        Assert.Equal(2, bars.Count);
        Assert.Equal(["Rate, w0: 0 %", "Rate, w2: 50 %"], bars.Select(b => b.QuerySelector("title")!.TextContent));
    }

    [Fact]
    public void The_table_shows_the_model_s_cells_with_the_total_last_and_the_notes_below()
    {
        var cut = Render(Table(ReportChartKind.Lines, 10, null));

        Assert.Equal(["Week (Monday)", "Rate (%)"], cut.FindAll("thead th").Select(h => h.TextContent));
        Assert.Equal(["2026-03-02", "10.0", "2026-03-09", "—", "Total", "10.0"], cut.FindAll("tbody tr").SelectMany(r => r.Children.Select(c => c.TextContent)));
        Assert.Contains("total", cut.FindAll("tbody tr")[^1].ClassList);
        Assert.Equal("A note with the definition.", cut.Find("[data-testid='notes-test-table'] li").TextContent);
        var download = cut.Find("[data-testid='csv-test-table']");
        Assert.Equal("reports/test-table.csv?from=2026-03-02&to=2026-03-15", download.GetAttribute("href"));
        Assert.True(download.HasAttribute("download"));
    }

    public async ValueTask DisposeAsync()
    {
        await _ctx.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
