using System.Globalization;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Web.Hosting;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Patients;

/// <summary>Intake staff find the registry, are warned before registering someone already on it, register a new
/// patient and land on the chart.</summary>
public sealed class PatientRegistrationFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private static ILocator Field(IPage page, string testId) =>
        page.Locator($"input[data-testid={testId}], [data-testid={testId}] input").First;

    [Fact]
    public async Task Intake_staff_are_warned_of_a_duplicate_then_register_a_new_patient_and_see_the_chart()
    {
        var existing = DemoPatientSeeder.Patients[0];
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");

        // The registry: demo patients, searchable.
        await page.GotoAsync("/patients");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("patient-table")).ToContainTextAsync($"{existing.FamilyName}, {existing.GivenName}");
        await page.ScreenshotAsync("patients-registry");

        // Register someone with the same name and date of birth: the match is shown before anything is saved.
        await page.GetByTestId("register-patient").ClickAsync();
        await page.WaitForURLAsync("**/patients/new");
        await page.WaitForInteractiveAsync();
        await Field(page, "family-name").FillAsync(existing.FamilyName);
        await Field(page, "given-name").FillAsync(existing.GivenName);
        await Field(page, "date-of-birth").FillAsync(existing.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Field(page, "date-of-birth").PressAsync("Tab");
        await Field(page, "phone").FillAsync("(617) 555-0199");
        await Field(page, "first-weight").FillAsync("68.5");
        await Field(page, "first-weight-date").FillAsync(DateTime.Now.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await Field(page, "first-weight-date").PressAsync("Tab");
        await page.ScreenshotAsync("patients-register");
        await page.GetByTestId("save-patient").ClickAsync();
        var warning = page.GetByTestId("duplicate-warning");
        await Assertions.Expect(warning).ToBeVisibleAsync();
        await Assertions.Expect(warning).ToContainTextAsync("MRN KC000001");
        await page.EvaluateAsync("window.scrollTo(0, 0)"); // the app bar is fixed: a full-page capture starts at the top
        await page.ScreenshotAsync("patients-duplicate-warning");

        // It is a different person: another date of birth. Everything else typed is still there.
        await page.GetByRole(AriaRole.Button, new() { Name = "Go back and check" }).ClickAsync();
        await Assertions.Expect(warning).ToBeHiddenAsync();
        await Field(page, "date-of-birth").FillAsync("1979-04-21");
        await Field(page, "date-of-birth").PressAsync("Tab");
        await Assertions.Expect(Field(page, "date-of-birth")).ToHaveValueAsync("1979-04-21");
        await Assertions.Expect(Field(page, "phone")).ToHaveValueAsync("(617) 555-0199");
        await page.GetByTestId("save-patient").ClickAsync();

        // The chart: header with the new record number (after the demo patients, Nwosu and the history patients) and the first weight; no clinical tabs for intake staff.
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex("/patients/[0-9a-f-]{36}$"));
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync($"{existing.FamilyName}, {existing.GivenName}");
        await Assertions.Expect(page.GetByTestId("chart-mrn")).ToHaveTextAsync($"KC{DemoPatientSeeder.Patients.Count + 1 + DemoHistorySeeder.Names.Count + 1:D6}");
        await Assertions.Expect(page.GetByTestId("latest-weight")).ToContainTextAsync("68.5 kg");
        await Assertions.Expect(page.GetByRole(AriaRole.Tab, new() { Name = "Intake" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("patients-chart");
        await page.Context.CloseAsync();
    }
}
