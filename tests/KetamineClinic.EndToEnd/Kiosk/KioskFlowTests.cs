using System.Text.RegularExpressions;
using KetamineClinic.EndToEnd.Infrastructure;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Kiosk;

/// <summary>
/// A patient fills a PHQ-9 on the clinic tablet: the nurse opens a kiosk link from the check-in panel of the patient
/// waiting in a chair on the demo floor, the tablet (a second browser with no staff sign-in, touch screen) types the code,
/// is stopped at an unanswered item without losing the answers, submits with item 9 above 0, sees only "thank you", and
/// stays locked on reload and back; the nurse's open floor shows the item-9 alert on that chair within a second, and
/// the session page shows it until it is acknowledged.
/// </summary>
public sealed class KioskFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static readonly LocatorAssertionsToBeVisibleOptions Live = new() { Timeout = 1500 };

    [Fact]
    public async Task A_patient_fills_a_phq9_on_the_tablet_and_the_item_9_alert_reaches_the_nurses_floor()
    {
        // The nurse lands on the floor and opens the session of the patient waiting for the order.
        var nurse = await browser.NewPageAsync();
        await nurse.SignInAsync("nurse@demo.clinic");
        await Assertions.Expect(nurse).ToHaveURLAsync(new Regex("/floor$"));
        var card = nurse.GetByTestId("floor-board").Locator("[data-phase='WaitingForOrder']");
        await Assertions.Expect(card.GetByTestId("floor-chart-alert")).ToHaveCountAsync(0);
        var floor = await nurse.Context.NewPageAsync();
        await floor.GotoAsync("/floor");
        await floor.WaitForInteractiveAsync();
        var floorCard = floor.GetByTestId("floor-board").Locator("[data-phase='WaitingForOrder']");
        await Assertions.Expect(floorCard).ToHaveCountAsync(1);

        await card.GetByTestId("floor-patient").ClickAsync();
        await Assertions.Expect(nurse).ToHaveURLAsync(new Regex("/sessions/[0-9a-f-]+$"));
        await nurse.WaitForInteractiveAsync();
        var phq9 = nurse.GetByTestId("panel-check-in").GetByTestId("visit-measure-PHQ-9");
        await Assertions.Expect(phq9).ToHaveAttributeAsync("data-taken", "false");
        await Assertions.Expect(phq9.GetByTestId("visit-measure-status")).ToContainTextAsync("not taken");

        // A kiosk link for the PHQ-9 before this infusion: the code is shown once.
        await phq9.GetByTestId("visit-kiosk-link").ClickAsync();
        var dialog = nurse.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("kiosk-link-open")).ToBeVisibleAsync();
        await dialog.GetByTestId("kiosk-link-open").ClickAsync();
        var code = (await dialog.GetByTestId("kiosk-link-code").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}$", code);
        await Assertions.Expect(dialog.GetByTestId("kiosk-link-url")).ToContainTextAsync("/kiosk/" + code.Replace("-", "", StringComparison.Ordinal));
        await Assertions.Expect(dialog.GetByTestId("kiosk-link-expires")).ToContainTextAsync("Valid until");
        await nurse.ScreenshotAsync("kiosk-link-staff");
        await dialog.GetByTestId("kiosk-link-done").ClickAsync();
        await Assertions.Expect(phq9.GetByTestId("visit-kiosk-open")).ToBeVisibleAsync();

        // The tablet: another browser, nobody signed in, a touch screen.
        var tabletContext = await browser.Browser.NewContextAsync(new()
        {
            BaseURL = browser.Server.BaseAddress.ToString(),
            ViewportSize = new() { Width = 820, Height = 1180 },
            HasTouch = true,
            TimezoneId = "America/New_York",
        });
        tabletContext.SetDefaultTimeout(20_000);
        var tablet = await tabletContext.NewPageAsync();
        await tablet.GotoAsync("/kiosk");
        await Assertions.Expect(tablet.GetByRole(AriaRole.Heading, new() { Name = "Enter the code the staff gave you" })).ToBeVisibleAsync();
        await Assertions.Expect(tablet.Locator("a[href]")).ToHaveCountAsync(0);
        await tablet.GetByLabel("Code").FillAsync(code.ToLowerInvariant());
        await tablet.GetByTestId("kiosk-open").ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("kiosk-instrument")).ToHaveTextAsync("Patient Health Questionnaire-9");
        await Assertions.Expect(tablet.GetByTestId("kiosk-patient")).ToContainTextAsync(new Regex(@"is for [A-Z][a-z]+ [A-Z]\."));
        await Assertions.Expect(tablet.Locator("a[href]")).ToHaveCountAsync(0);

        // Items 1–8 answered by touch, item 9 forgotten: the page says so at item 9 and keeps the answers.
        string[] answers = ["More than half the days", "More than half the days", "Several days", "Several days", "Not at all", "Several days", "Several days", "Not at all"];
        for (var item = 1; item <= answers.Length; item++)
        {
            await tablet.GetByTestId($"kiosk-item-{item}").GetByText(answers[item - 1], new() { Exact = true }).TapAsync();
        }

        await tablet.GetByTestId("kiosk-submit").ClickAsync();
        await Assertions.Expect(tablet.GetByTestId("kiosk-missing-summary")).ToHaveTextAsync("Please answer question 9: it is marked below.");
        var item9 = tablet.GetByTestId("kiosk-item-9");
        await Assertions.Expect(item9.GetByTestId("kiosk-item-error")).ToBeVisibleAsync();
        await Assertions.Expect(tablet.GetByTestId("kiosk-item-1").GetByLabel("More than half the days")).ToBeCheckedAsync();
        await Assertions.Expect(tablet.GetByTestId("kiosk-item-5").GetByLabel("Not at all")).ToBeCheckedAsync();
        // The first unanswered item has the focus: the keyboard chooses its answer.
        await Assertions.Expect(item9.Locator("input[value='0']")).ToBeFocusedAsync();
        await tablet.Keyboard.PressAsync("ArrowRight");
        await Assertions.Expect(item9.GetByLabel("Several days")).ToBeCheckedAsync();
        await tablet.ScreenshotAsync("kiosk-questionnaire");

        await tablet.GetByTestId("kiosk-submit").ClickAsync();
        await Assertions.Expect(tablet).ToHaveURLAsync(new Regex("/kiosk/done$"));
        await Assertions.Expect(tablet.GetByTestId("kiosk-done")).ToHaveTextAsync("Thank you — please hand the tablet back");
        await Assertions.Expect(tablet.GetByText("Mild")).ToHaveCountAsync(0);
        await tablet.ScreenshotAsync("kiosk-done");
        await tablet.ReloadAsync();
        await Assertions.Expect(tablet.GetByTestId("kiosk-done")).ToBeVisibleAsync();
        // Back leads to the page of the refused first try, a POST the browser will not show again without sending it
        // (Chrome: ERR_CACHE_MISS, "confirm form resubmission"); the questionnaire never comes back.
        try
        {
            await tablet.GoBackAsync();
        }
        catch (PlaywrightException e) when (e.Message.Contains("ERR_CACHE_MISS", StringComparison.Ordinal))
        {
        }

        await Assertions.Expect(tablet.GetByTestId("kiosk-form")).ToHaveCountAsync(0);
        await Assertions.Expect(tablet.GetByTestId("kiosk-patient")).ToHaveCountAsync(0);
        var reopened = await tablet.GotoAsync("/kiosk/" + code.Replace("-", "", StringComparison.Ordinal));
        Assert.Equal("no-store", reopened!.Headers["cache-control"]);
        await Assertions.Expect(tablet.GetByTestId("kiosk-neutral")).ToHaveTextAsync("This link is no longer valid. Please hand the tablet back to the staff.");
        await Assertions.Expect(tablet.GetByTestId("kiosk-form")).ToHaveCountAsync(0);
        await tablet.GotoAsync("/patients");
        await Assertions.Expect(tablet).ToHaveURLAsync(new Regex("/Account/Login"));

        // The nurse's open floor shows the alert on that chair by itself; the session page shows it and the measure.
        await Assertions.Expect(floorCard.GetByTestId("floor-chart-alert")).ToContainTextAsync("PHQ-9 item 9", new() { Timeout = 1500 });
        await Assertions.Expect(floorCard).ToHaveAttributeAsync("data-attention", "true");
        await floor.ScreenshotAsync("kiosk-floor-alert");
        await Assertions.Expect(nurse.GetByTestId("session-patient-alert")).ToBeVisibleAsync(Live);
        await Assertions.Expect(phq9).ToHaveAttributeAsync("data-taken", "true");
        await Assertions.Expect(phq9.GetByTestId("visit-measure-status")).ToContainTextAsync("on the kiosk");
        await Assertions.Expect(phq9.GetByTestId("visit-measure-status")).ToContainTextAsync("Item 9 positive");
        await nurse.ScreenshotAsync("session-measures-and-alert");

        // Acknowledged on the session page with the action taken: it leaves the floor.
        await nurse.GetByTestId("session-acknowledge-alert").ClickAsync();
        var reason = nurse.GetByRole(AriaRole.Dialog).GetByLabel("Reason");
        await Assertions.Expect(reason).ToBeFocusedAsync();
        await reason.FillAsync("Asked with the clinician: no plan or intent; safety plan reviewed");
        await nurse.GetByRole(AriaRole.Dialog).GetByTestId("confirm-reason").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("session-patient-alert")).ToHaveCountAsync(0);
        await Assertions.Expect(floorCard.GetByTestId("floor-chart-alert")).ToHaveCountAsync(0, new() { Timeout = 1500 });

        await tabletContext.CloseAsync();
        await nurse.Context.CloseAsync();
    }
}
