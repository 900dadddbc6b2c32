using KetamineClinic.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Scheduling;

public sealed class ChairsAndHoursFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_adds_a_chair_from_the_keyboard()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");

        await page.GotoAsync("/admin/chairs-and-hours");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("chair-row")).ToHaveCountAsync(3);
        var name = page.Locator("input[data-testid=new-chair], [data-testid=new-chair] input").First;
        await name.FillAsync("Recliner by the window");
        await name.PressAsync("Enter");

        await Assertions.Expect(page.GetByTestId("chair-row")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("chair-row").Nth(3)).ToContainTextAsync("Recliner by the window");
        await page.ScreenshotAsync("admin-chairs-and-hours");
        await page.Context.CloseAsync();
    }
}
