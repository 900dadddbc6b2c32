using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Infrastructure;

public static class PageExtensions
{
    public const string DemoPassword = "Demo-Clinic-2026";

    /// <summary>Signs in through the real form and waits until the Blazor circuit is attached (a click before that
    /// would be lost).</summary>
    public static async Task SignInAsync(this IPage page, string email, string password = DemoPassword)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync("/Account/Login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForInteractiveAsync();
    }

    public static Task WaitForInteractiveAsync(this IPage page) =>
        page.Locator(".mud-layout[data-interactive='true']").WaitForAsync();

    public static async Task ScreenshotAsync(this IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.ScreenshotAsync(new()
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, name + ".png"),
            FullPage = true,
            Animations = ScreenshotAnimations.Disabled,
        });
    }
}
