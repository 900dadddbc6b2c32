using KetamineClinic.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Admin;

public sealed class ClinicSettingsFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_renames_the_clinic_and_sets_its_time_zone()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");

        await page.GotoAsync("/admin/settings");
        await page.WaitForInteractiveAsync();
        var name = page.GetByLabel("Clinic name");
        await name.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Enter the clinic's name.").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("settings-name-required");

        await name.FillAsync("Riverside Ketamine Clinic");
        var zone = page.GetByLabel("Time zone");
        await zone.FillAsync("Europe/Lond");
        await page.GetByText("Europe/London", new() { Exact = true }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Settings saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".mud-appbar")).ToContainTextAsync("Riverside Ketamine Clinic");
        await page.ScreenshotAsync("settings-saved");
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator(".mud-appbar")).ToContainTextAsync("Riverside Ketamine Clinic");
        await Assertions.Expect(page.GetByLabel("Time zone")).ToHaveValueAsync("Europe/London");
        await page.Context.CloseAsync();
    }
}
