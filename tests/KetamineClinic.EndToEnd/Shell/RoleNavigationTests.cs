using KetamineClinic.EndToEnd.Infrastructure;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Shell;

/// <summary>A newcomer signs in as each demo account and sees that role's own navigation.</summary>
public sealed class RoleNavigationTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    public static TheoryData<string, string[]> DemoRoles() => new()
    {
        { "intake@demo.clinic", ["Home", "Patients", "Calendar", "Follow-ups"] },
        { "nurse@demo.clinic", ["Home", "Today's floor", "Calendar"] },
        { "clinician@demo.clinic", ["Home", "Today's floor", "Patients", "Calendar", "Follow-ups", "Reviews", "Reports"] },
        { "admin@demo.clinic", ["Home", "Reports", "Staff", "API clients", "Chairs and hours", "Staff availability", "Settings", "Protocols", "Consent text", "Audit"] },
    };

    [Theory]
    [MemberData(nameof(DemoRoles))]
    public async Task Demo_account_signs_in_and_sees_its_own_navigation(string email, string[] expectedMenu)
    {
        var page = await browser.NewPageAsync();

        await page.SignInAsync(email);

        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).Locator(".mud-nav-link-text");
        Assert.Equal(expectedMenu, (await menu.AllInnerTextsAsync()).Select(t => t.Trim()));
        await page.ScreenshotAsync("home-" + email.Split('@')[0]);

        // Every menu entry opens a page with its heading, never an error.
        foreach (var title in expectedMenu.Skip(1))
        {
            var link = page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = title, Exact = true });
            var href = await link.GetAttributeAsync("href");
            await link.ClickAsync();
            await Assertions.Expect(page).ToHaveURLAsync(new Regex(Regex.Escape(href!.TrimStart('/')) + "$"));
            await Assertions.Expect(page.Locator("h1").First).ToBeVisibleAsync();
            var heading = await page.Locator("h1").First.InnerTextAsync();
            Assert.DoesNotContain("not found", heading, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("Not allowed", heading, StringComparison.Ordinal);
            await Assertions.Expect(page.GetByText("Something went wrong")).ToHaveCountAsync(0);
        }

        await page.Context.CloseAsync();
    }
}
