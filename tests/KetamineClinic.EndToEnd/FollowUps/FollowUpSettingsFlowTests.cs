using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Web.Hosting;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.FollowUps;

/// <summary>The administrator changes the follow-ups proposed after a course (its own server: the change would move
/// the other flows' proposals).</summary>
public sealed class FollowUpSettingsFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_changes_the_follow_up_days_and_a_bad_entry_says_what_is_wrong()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");
        await page.GotoAsync("/admin/availability");
        await page.WaitForInteractiveAsync();
        var settings = page.GetByTestId("scheduling-settings");
        var days = settings.GetByLabel("Follow-ups proposed (days after a course's last session)");
        await Assertions.Expect(days).ToHaveValueAsync("7, 28");

        await days.FillAsync("28, 7");
        await days.BlurAsync();
        await Assertions.Expect(settings.GetByText("List the follow-up days from the earliest to the latest, each once (e.g. 7, 28).")).ToBeVisibleAsync();
        await days.FillAsync("7, two weeks");
        await days.BlurAsync();
        await Assertions.Expect(settings.GetByText("\u201ctwo\u201d is not a whole number of days.", new() { Exact = false })).ToBeVisibleAsync();
        await page.GetByTestId("save-scheduling-settings").ClickAsync();
        await Assertions.Expect(days).ToHaveValueAsync("7, two weeks");

        await days.FillAsync("7, 14, 42");
        await days.BlurAsync();
        await page.GetByTestId("save-scheduling-settings").ClickAsync();
        await Assertions.Expect(page.GetByText("Scheduling settings saved.")).ToBeVisibleAsync();

        await page.Context.CloseAsync();
        var intake = await browser.NewPageAsync();
        await intake.SignInAsync("intake@demo.clinic");
        await intake.GotoAsync("/follow-ups");
        await intake.WaitForInteractiveAsync();
        await Assertions.Expect(intake.GetByText("Proposed 7, 14 and 42 days after each course's last session", new() { Exact = false })).ToBeVisibleAsync();
        // Nwosu's finished course (the report history's past courses have proposals of their own).
        var nwosu = intake.GetByTestId("follow-ups").Locator("tbody tr").Filter(new() { HasText = $"{DemoFollowUpSeeder.FamilyName}, {DemoFollowUpSeeder.GivenName}" });
        await Assertions.Expect(nwosu.GetByTestId("follow-up-interval")).ToHaveTextAsync(["1-week", "2-week", "6-week"]);
        await intake.Context.CloseAsync();
    }
}
