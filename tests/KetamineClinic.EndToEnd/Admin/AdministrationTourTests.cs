using KetamineClinic.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Admin;

/// <summary>An administrator adds a staff member, registers an API client and checks the audit trail.</summary>
public sealed class AdministrationTourTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_adds_staff_registers_an_api_client_and_verifies_the_audit_chain()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");

        // Staff: the four demo accounts are listed; add a nurse and see the one-time password once.
        await page.GotoAsync("/admin/staff");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("nurse@demo.clinic")).ToBeVisibleAsync();
        await page.ScreenshotAsync("admin-staff");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add staff" }).ClickAsync();
        await page.Locator("input[data-testid=staff-name], [data-testid=staff-name] input").First.FillAsync("Nora Night-Nurse");
        await page.Locator("input[data-testid=staff-email], [data-testid=staff-email] input").First.FillAsync("nora@demo.clinic");
        await page.GetByTestId("staff-roles").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Nurse", new() { Exact = true }).ClickAsync();
        // Close the role list by clicking the field again, and make sure it is closed before going on.
        await page.GetByTestId("staff-roles").ClickAsync(new() { Force = true });
        await Assertions.Expect(page.Locator(".mud-popover-provider").GetByText("Clinician", new() { Exact = true })).ToBeHiddenAsync();
        await page.ScreenshotAsync("admin-staff-add");
        await page.GetByTestId("save-staff").ClickAsync();
        await Assertions.Expect(page.GetByTestId("one-time-password")).ToBeVisibleAsync();
        Assert.Equal("nora@demo.clinic", (await page.GetByTestId("one-time-email").InnerTextAsync()).Trim());
        await page.ScreenshotAsync("admin-staff-one-time-password");

        // API clients: the page opens with its register action.
        await page.GotoAsync("/admin/staff");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("nora@demo.clinic")).ToBeVisibleAsync();
        await page.GotoAsync("/admin/api-clients");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync("API clients");
        await page.ScreenshotAsync("admin-api-clients");

        // Audit: the new account shows, and the chain verifies intact.
        await page.GotoAsync("/admin/audit");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Table).First).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify chain" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Intact", new() { Exact = false }).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("admin-audit");
        await page.Context.CloseAsync();
    }
}
