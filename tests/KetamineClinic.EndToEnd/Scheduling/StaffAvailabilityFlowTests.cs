using System.Globalization;
using KetamineClinic.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Scheduling;

public sealed class StaffAvailabilityFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_sets_a_nurses_hours_and_adds_time_off()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");

        await page.GotoAsync("/admin/availability");
        await page.WaitForInteractiveAsync();
        await ChooseNurseAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Follows clinic hours" })).ToBeCheckedAsync();

        await page.GetByRole(AriaRole.Radio, new() { Name = "Own working hours" }).CheckAsync();
        foreach (var day in new[] { "Monday", "Tuesday", "Wednesday", "Thursday" })
        {
            await page.GetByTestId($"staff-hours-{day}").GetByRole(AriaRole.Checkbox).CheckAsync();
        }

        var mondayEnds = page.GetByTestId("staff-hours-Monday").GetByLabel("Ends");
        await mondayEnds.FillAsync("14:00");
        await mondayEnds.PressAsync("Tab");
        await page.GetByTestId("save-staff-hours").ClickAsync();
        await Assertions.Expect(page.GetByText("Working hours saved.")).ToBeVisibleAsync();

        var first = DateTime.Today.AddDays(14);
        await FillDateAsync(page, "First day", first);
        await FillDateAsync(page, "Last day", first.AddDays(4));
        await page.GetByTestId("add-time-off").ClickAsync();
        await Assertions.Expect(page.GetByText("Say why (up to 200 characters), e.g. annual leave.")).ToBeVisibleAsync();
        await page.GetByLabel("Reason").FillAsync("Annual leave");
        await page.GetByTestId("add-time-off").ClickAsync();
        var row = page.GetByTestId("time-off-row");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("Annual leave");
        await Assertions.Expect(row).ToContainTextAsync(first.ToString("ddd d MMM", CultureInfo.InvariantCulture));

        // Removing asks first; keeping it changes nothing.
        await row.GetByRole(AriaRole.Button, new() { Name = "Remove this time off" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Keep" }).ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await page.ScreenshotAsync("admin-availability");

        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await ChooseNurseAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Radio, new() { Name = "Own working hours" })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("staff-hours-Monday").GetByLabel("Ends")).ToHaveValueAsync("14:00");
        await Assertions.Expect(page.GetByTestId("staff-hours-Thursday").GetByRole(AriaRole.Checkbox)).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("staff-hours-Friday").GetByRole(AriaRole.Checkbox)).Not.ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("time-off-row")).ToContainTextAsync("Annual leave");
        await page.Context.CloseAsync();
    }

    private static async Task ChooseNurseAsync(IPage page)
    {
        await page.GetByLabel("Nurse or clinician").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "Noah Nurse (Nurse)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-staff-hours")).ToBeVisibleAsync();
    }

    private static async Task FillDateAsync(IPage page, string label, DateTime date)
    {
        var field = page.GetByLabel(label);
        await field.FillAsync(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
    }
}
