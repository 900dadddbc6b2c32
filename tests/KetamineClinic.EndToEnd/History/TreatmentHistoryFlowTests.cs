using System.Text.RegularExpressions;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.History;

/// <summary>
/// A clinician on the demo clinic (the Development seed gives three patients a past treatment history): opens a
/// patient's treatment history from the chart, reads the trajectory and the response label, opens a session's vitals
/// curve and the printable course summary; then the reviews queue.
/// </summary>
public sealed class TreatmentHistoryFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_clinician_reads_a_course_that_reached_remission_and_prints_its_summary()
    {
        var patientId = await PatientIdAsync(DemoHistorySeeder.Remission);
        var page = await browser.NewPageAsync();
        await page.SignInAsync("clinician@demo.clinic");

        await page.GotoAsync($"/patients/{patientId}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("treatment-history").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}/treatment$"));
        var course = page.GetByTestId("history-course");
        await Assertions.Expect(course).ToHaveCountAsync(1);
        await Assertions.Expect(course.GetByTestId("response-label").First).ToHaveTextAsync(new Regex("^PHQ-9: Remission \\(85\\.0% reduction\\)"));
        var chart = course.Locator("[data-testid='score-chart'][data-instrument='PHQ-9']");
        await Assertions.Expect(chart.GetByTestId("score-point")).ToHaveCountAsync(8); // six before the infusions, the 1-week and 4-week follow-ups
        await Assertions.Expect(chart.GetByTestId("baseline-point")).ToHaveCountAsync(1);
        await Assertions.Expect(chart.GetByTestId("infusion-mark")).ToHaveCountAsync(6);
        await Assertions.Expect(course.GetByTestId("history-session")).ToHaveCountAsync(6);
        await Assertions.Expect(course.GetByTestId("history-override")).ToContainTextAsync("0.8 mg/kg agreed with the patient");
        await Assertions.Expect(course.GetByTestId("review-prompt")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("history");

        // The second session: nausea treated with an antiemetic; its vitals curve with the protocol's thresholds.
        var second = course.GetByTestId("history-session").Nth(1);
        await Assertions.Expect(second.GetByTestId("history-session-side-effects")).ToContainTextAsync("Nausea or vomiting (moderate) → Antiemetic given: Ondansetron 4 mg IV");
        await second.GetByTestId("history-session-toggle").ClickAsync();
        var details = course.GetByTestId("history-session-details");
        var vitals = details.GetByTestId("vitals-chart");
        await Assertions.Expect(vitals.Locator("[data-testid='threshold'][data-kind='systolic']")).ToHaveCountAsync(1);
        await Assertions.Expect(vitals.Locator("[data-series='systolic']")).ToHaveCountAsync(7);
        await details.ScrollIntoViewIfNeededAsync();
        await details.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "history-vitals.png"), Animations = ScreenshotAnimations.Disabled });

        await course.GetByTestId("history-summary-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/patients/{patientId}/courses/[0-9a-f-]+/summary$"));
        var summary = page.GetByTestId("course-summary");
        await Assertions.Expect(summary.GetByTestId("summary-response")).ToContainTextAsync("PHQ-9: Remission");
        await Assertions.Expect(summary.GetByTestId("summary-sessions").Locator("tbody tr")).ToHaveCountAsync(6);
        await Assertions.Expect(summary.GetByTestId("summary-signed")).ToContainTextAsync("Dr Clara Clinician");
        await page.ScreenshotAsync("course-summary");

        // Printed: no menus, no buttons, only the summary.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByTestId("print")).ToBeHiddenAsync();
        await Assertions.Expect(summary).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_reviews_queue_shows_the_course_at_its_review_point_and_leads_to_its_history()
    {
        var okafor = await PatientIdAsync(DemoHistorySeeder.ReviewDue);
        var page = await browser.NewPageAsync();
        await page.SignInAsync("clinician@demo.clinic");

        await page.GetByRole(AriaRole.Link, new() { Name = "Reviews" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/reviews$"));
        var course = page.Locator($"[data-testid='reviews-course-row'][data-patient-id='{okafor}']");
        await Assertions.Expect(course).ToContainTextAsync("4 infusions given and no response: review the plan");
        await Assertions.Expect(page.Locator($"[data-testid='reviews-signature-row'][data-patient-id='{okafor}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("reviews-item9-row").First).ToHaveAttributeAsync("data-open", "true");
        await page.ScreenshotAsync("reviews");

        // A positive item 9 recorded elsewhere (here by the demo nurse, as a kiosk or another screen would) reaches the
        // open queue without a reload.
        var reyes = await PatientIdAsync(DemoHistorySeeder.Remission);
        var recorded = await RecordPhq9AsNurseAsync(reyes, item9: 2);
        await Assertions.Expect(page.Locator($"[data-testid='reviews-item9-row'][data-measure-id='{recorded}']"))
            .ToHaveAttributeAsync("data-open", "true", new() { Timeout = 5000 });

        await course.GetByRole(AriaRole.Link, new() { Name = "Treatment history" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/patients/{okafor}/treatment$"));
        await Assertions.Expect(page.GetByTestId("review-prompt")).ToContainTextAsync("4 infusions given and no response");
        await Assertions.Expect(page.GetByTestId("response-label").First).ToContainTextAsync("PHQ-9: No response");
        await page.ScreenshotAsync("history-review-due");
        await page.Context.CloseAsync();
    }

    private async Task<Guid> RecordPhq9AsNurseAsync(Guid patientId, int item9)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var nurse = await services.GetRequiredService<UserManager<StaffUser>>().FindByEmailAsync("nurse@demo.clinic");
        var user = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(nurse!);
        var time = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var result = await services.GetRequiredService<RecordOutcomeMeasureHandler>().HandleAsync(user, new RecordOutcomeMeasure(
            patientId, InstrumentCode.Phq9, [1, 1, 1, 1, 1, 1, 1, 1, item9], MeasureContext.FollowUp, time));
        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.NotNull(result.Value.AlertId);
        return result.Value.MeasureId;
    }

    private async Task<Guid> PatientIdAsync((string Family, string Given) name)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        return await db.Patients.Where(p => p.FamilyName == name.Family && p.GivenName == name.Given).Select(p => p.Id).SingleAsync();
    }
}
