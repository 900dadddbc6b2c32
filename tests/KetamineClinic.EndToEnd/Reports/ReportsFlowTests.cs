using System.Globalization;
using System.Text.RegularExpressions;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Reports;
using KetamineClinic.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Reports;

/// <summary>A clinician opens the clinic reports on the demo data (twelve past weeks of activity), changes the range,
/// reads the charts and tables, and downloads one table as a CSV file.</summary>
public sealed class ReportsFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById(ClinicSettings.DefaultTimeZoneId);

    private static DateOnly ThisMonday => ReportRange.MondayOf(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone)));

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Clinician_changes_the_range_reads_the_charts_and_tables_and_downloads_a_csv()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("clinician@demo.clinic");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Reports", Exact = true }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reports$"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clinic reports", Level = 1 })).ToBeVisibleAsync();

        // The default range: the last twelve complete weeks, a row per week and the total.
        var from = ThisMonday.AddDays(-84);
        var to = ThisMonday.AddDays(-1);
        await Assertions.Expect(page.GetByTestId("report-range")).ToContainTextAsync($"Showing {Iso(from)} to {Iso(to)}");
        var infusions = page.GetByTestId("table-infusions-per-week");
        await Assertions.Expect(infusions.Locator("tbody tr")).ToHaveCountAsync(13);
        await Assertions.Expect(infusions.Locator("tbody tr").Last).Not.ToContainTextAsync(new Regex("Total\\s+0$"));
        await Assertions.Expect(page.GetByTestId("chart-infusions-per-week").Locator("rect.bar").First).ToBeVisibleAsync();
        foreach (var key in ReportTables.Keys)
        {
            await Assertions.Expect(page.GetByTestId($"report-{key}").Locator("figure svg, figure .report-chart-none")).ToHaveCountAsync(1);
            await Assertions.Expect(page.GetByTestId($"table-{key}")).ToBeVisibleAsync();
        }

        await Assertions.Expect(page.GetByTestId("notes-no-shows-and-late-cancellations"))
            .ToContainTextAsync("No-show rate = no-shows ÷ bookings due that were not cancelled or entered in error.");
        await Assertions.Expect(page.GetByTestId("reports-notes")).ToContainTextAsync("Cancelled and entered-in-error bookings never count");
        // The top of the page (range, notes, the first chart and table) and the outcomes table: the page itself is long.
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reports.png"), Animations = ScreenshotAnimations.Disabled });
        await page.GetByTestId("report-response-and-remission").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "reports-outcomes.png") });

        // Six weeks instead: the range goes into the address, so it can be bookmarked.
        var sixWeeksFrom = ThisMonday.AddDays(-42);
        await page.GetByLabel("From", new() { Exact = true }).FillAsync(Iso(sixWeeksFrom));
        await page.GetByLabel("From", new() { Exact = true }).PressAsync("Tab");
        await page.GetByTestId("report-apply").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/reports\\?from={Iso(sixWeeksFrom)}&to={Iso(to)}$"));
        await Assertions.Expect(page.GetByTestId("report-range")).ToContainTextAsync($"Showing {Iso(sixWeeksFrom)} to {Iso(to)}");
        await Assertions.Expect(infusions.Locator("tbody tr")).ToHaveCountAsync(7);
        var firstRow = await infusions.Locator("tbody tr").First.Locator("th, td").AllInnerTextsAsync();

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("csv-infusions-per-week").ClickAsync());

        Assert.Equal($"infusions-per-week_{Iso(sixWeeksFrom)}_{Iso(to)}.csv", download.SuggestedFilename);
        var lines = (await File.ReadAllTextAsync(await download.PathAsync())).Split("\r\n");
        Assert.Equal("Week (Monday),Infusions given", lines[0]);
        Assert.Equal($"{Iso(sixWeeksFrom)},{firstRow[1].Trim()}", lines[1]);
        Assert.Equal(Iso(sixWeeksFrom), firstRow[0].Trim());
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_start_after_the_end_gets_a_clear_message_and_keeps_the_dates()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");

        await page.GotoAsync($"/reports?from={Iso(ThisMonday.AddDays(-1))}&to={Iso(ThisMonday.AddDays(-8))}");
        await page.WaitForInteractiveAsync();

        await Assertions.Expect(page.GetByTestId("reports-error")).ToHaveTextAsync("The start date must be on or before the end date.");
        await Assertions.Expect(page.GetByLabel("From", new() { Exact = true })).ToHaveValueAsync(Iso(ThisMonday.AddDays(-1)));
        await Assertions.Expect(page.GetByLabel("To", new() { Exact = true })).ToHaveValueAsync(Iso(ThisMonday.AddDays(-8)));
        await Assertions.Expect(page.GetByTestId("table-infusions-per-week")).ToHaveCountAsync(0);

        // A range before the clinic had any activity: an explanation rather than empty tables.
        await page.GotoAsync("/reports?from=2020-01-06&to=2020-01-12");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("reports-empty")).ToContainTextAsync("Nothing to report from 2020-01-06 to 2020-01-12");
        await page.Context.CloseAsync();
    }
}
