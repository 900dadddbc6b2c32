using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Patients;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Intake;

public sealed class IntakeFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string History = "Major depression since 2015; two SSRIs and venlafaxine without response.";

    private async Task<Guid> CreatePatientAsync()
    {
        // Registered directly: the registry's pages are another feature's to test.
        var patient = Patient.Register(
            new PatientDetails("Okafor", "Grace", new DateOnly(1984, 6, 12), Sex.Female, Phone: "555-0142"),
            "E2E" + Guid.NewGuid().ToString("N")[..8],
            DateTime.UtcNow).Value;
        patient.AddMedication("Lorazepam", "1 mg", "at night");
        patient.AddMedication("Sertraline", "100 mg", "daily");
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    [Fact]
    public async Task Clinician_completes_an_intake_with_a_phq9_baseline_and_consent_and_decides_eligible()
    {
        var patientId = await CreatePatientAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("clinician@demo.clinic");

        await page.GotoAsync($"/patients/{patientId}/intake");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Start intake assessment" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex($"/patients/{patientId}/intake/[0-9a-f-]{{36}}$"));
        await Assertions.Expect(page.GetByText("Contraindication checklist")).ToBeVisibleAsync();

        // Screening: indication, history, every contraindication No, the medication screen with its flag.
        await page.GetByTestId("indication").ClickAsync();
        await page.GetByText("Treatment-resistant depression", new() { Exact = true }).ClickAsync();
        await page.GetByLabel("Medical history").FillAsync(History);
        foreach (var contraindication in Screening.Contraindications)
        {
            await page.GetByTestId($"contra-{contraindication.Code}").GetByText("No", new() { Exact = true }).ClickAsync();
        }

        var benzodiazepines = page.GetByTestId("med-benzodiazepine");
        await Assertions.Expect(benzodiazepines.GetByTestId("medication-flag")).ToContainTextAsync("Lorazepam");
        await Assertions.Expect(benzodiazepines.GetByTestId("medication-flag")).ToContainTextAsync("Sedation; may blunt the response to ketamine.");
        await benzodiazepines.GetByText("Yes", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("med-alcohol").GetByText("No", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("save-state")).ToContainTextAsync("Saved");
        await page.ScreenshotAsync("intake-screening");

        // A reload (a closed tab, a dropped circuit) resumes exactly what was saved on the server.
        await page.ReloadAsync();
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByLabel("Medical history")).ToHaveValueAsync(History);
        await Assertions.Expect(page.GetByTestId("contra-pregnancy").GetByRole(AriaRole.Radio, new() { Name = "No", Exact = true })).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByTestId("med-benzodiazepine").GetByRole(AriaRole.Radio, new() { Name = "Yes", Exact = true })).ToBeCheckedAsync();

        // Baseline PHQ-9 typed on the keyboard: each digit answers the item and moves on.
        await page.GetByTestId("add-baseline").ClickAsync();
        var form = page.GetByTestId("instrument-form");
        var digits = "221112101";
        // The opening dialog may still move focus to its first field: put focus on item 1 until it stays there.
        var firstItem = form.Locator("[data-testid='item-1'] input[value='0']");
        for (var attempt = 0; attempt < 10 && !await firstItem.EvaluateAsync<bool>("e => e === document.activeElement"); attempt++)
        {
            await firstItem.FocusAsync();
            await page.WaitForTimeoutAsync(100);
        }

        await Assertions.Expect(firstItem).ToBeFocusedAsync();
        for (var i = 0; i < digits.Length; i++)
        {
            await page.Keyboard.PressAsync(digits[i].ToString());
            await Assertions.Expect(form.Locator($"[data-testid='item-{i + 1}'] input[value='{digits[i]}']")).ToBeCheckedAsync();
            if (i + 1 < digits.Length)
            {
                await Assertions.Expect(form.Locator($"[data-testid='item-{i + 2}'] input[value='0']")).ToBeFocusedAsync();
            }
        }

        await Assertions.Expect(form.GetByTestId("instrument-total")).ToContainTextAsync("Total 11 of 27");
        await Assertions.Expect(form.GetByTestId("instrument-band")).ToHaveTextAsync("Moderate");
        await Assertions.Expect(form.GetByTestId("item9-alert")).ToContainTextAsync("assess suicide risk");
        await page.ScreenshotAsync("intake-phq9");
        // The last answer moves focus to Save, so the whole measure is entered without the mouse.
        await Assertions.Expect(form.GetByTestId("save-measure")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("baseline-row")).ToContainTextAsync("PHQ-9");
        await Assertions.Expect(page.GetByTestId("baseline-row")).ToContainTextAsync("Item 9 positive");

        // Consent: the patient ticks "I agree"; the clinician is the witness.
        await Assertions.Expect(page.GetByTestId("consent-text")).ToContainTextAsync("I agree to receive ketamine");
        await page.GetByLabel("I have read and understood the above, and I agree").CheckAsync();
        await page.GetByTestId("record-consent").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Record consent" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("consent-recorded")).ToContainTextAsync("witnessed by Dr Clara Clinician");
        await page.ScreenshotAsync("intake-consent");

        // Decision.
        var decision = page.GetByTestId("decision");
        await decision.GetByText("Eligible", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decision-blocked")).ToContainTextAsync("Give the reasons for the decision.");
        await page.GetByLabel("Reasons").FillAsync("Treatment-resistant depression, no contraindication; lorazepam to be held 24 h before each infusion.");
        await Assertions.Expect(page.GetByTestId("decision-blocked")).ToHaveCountAsync(0);
        await page.GetByTestId("record-decision").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Record decision" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("decided-banner")).ToContainTextAsync("Decided: Eligible");
        await Assertions.Expect(page.GetByTestId("decided-banner")).ToContainTextAsync("Dr Clara Clinician");
        await Assertions.Expect(page.GetByLabel("Medical history")).ToBeDisabledAsync();
        await page.ScreenshotAsync("intake-decided");

        // From the chart, the now-eligible patient gets a treatment plan on the Course tab.
        await page.GotoAsync($"/patients/{patientId}");
        await page.WaitForInteractiveAsync();
        await page.GetByRole(AriaRole.Tab, new() { Name = "Course" }).ClickAsync();
        await page.GetByTestId("create-plan").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Sessions")).ToHaveValueAsync("6");
        var start = DateTime.Today.AddDays(3).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var startField = dialog.GetByLabel("Planned start");
        await startField.FillAsync(start);
        await startField.PressAsync("Tab");
        await dialog.GetByLabel("Goals and expected outcomes").FillAsync("Remission of depressive symptoms.");
        await dialog.GetByTestId("save-plan").ClickAsync();
        await Assertions.Expect(page.GetByText("Treatment plan saved.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("course").GetByTestId("course-status")).ToHaveTextAsync("Planned");
        await page.ScreenshotAsync("intake-course-planned");
        await page.Context.CloseAsync();
    }
}
