using System.Globalization;
using System.Text.RegularExpressions;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Courses;

/// <summary>The administrator revises a protocol; a clinician plans a course for an eligible patient.</summary>
public sealed class ProtocolsAndTreatmentPlanFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Administrator_revises_the_depression_protocols_observation_minutes_as_version_2()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("admin@demo.clinic");

        await page.GotoAsync("/admin/protocols");
        await page.WaitForInteractiveAsync();
        var depression = page.GetByRole(AriaRole.Link, new() { Name = Protocol.Defaults[0].Name });
        await Assertions.Expect(depression).ToBeVisibleAsync();
        await page.ScreenshotAsync("admin-protocols");

        await depression.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(Protocol.Defaults[0].Name);
        await page.GetByTestId("revise-protocol").ClickAsync();
        var observation = page.GetByLabel("Observation after the infusion");
        await observation.FillAsync("90");
        await observation.BlurAsync();
        await page.ScreenshotAsync("admin-protocol-revise");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as version 2" }).ClickAsync();

        await Assertions.Expect(page.GetByText("Saved as version 2.")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText(new Regex("^Version 2 \\(current\\)"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("protocol-numbers")).ToContainTextAsync("90 min");
        var history = page.GetByTestId("protocol-versions");
        await Assertions.Expect(history).ToContainTextAsync("v1");
        await Assertions.Expect(history).ToContainTextAsync("Replaced");

        // Version 1 stays readable, unchanged.
        await page.GetByRole(AriaRole.Button, new() { Name = "View version 1" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("older-version")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("protocol-numbers")).ToContainTextAsync("60 min");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Clinician_creates_a_treatment_plan_for_an_eligible_patient()
    {
        var patientId = await EligiblePatientAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("clinician@demo.clinic");

        await page.GotoAsync($"/patients/{patientId}/courses");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("no-courses")).ToBeVisibleAsync();
        await page.GetByTestId("create-plan").ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Sessions")).ToHaveValueAsync("6");
        var start = DateTime.Today.AddDays(7).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var startField = dialog.GetByLabel("Planned start");
        await startField.FillAsync(start);
        await startField.PressAsync("Tab");
        await dialog.GetByLabel("Goals and expected outcomes").FillAsync("Fewer depressive symptoms; back to work part-time.");
        await dialog.GetByTestId("add-target").ClickAsync();
        var value = dialog.GetByTestId("target-0").GetByLabel("Value");
        await value.FillAsync("5");
        await value.BlurAsync();
        await page.ScreenshotAsync("course-plan");
        await dialog.GetByTestId("save-plan").ClickAsync();

        await Assertions.Expect(page.GetByText("Treatment plan saved.")).ToBeVisibleAsync();
        var course = page.GetByTestId("course");
        await Assertions.Expect(course).ToContainTextAsync("Induction");
        await Assertions.Expect(course.GetByTestId("course-status")).ToHaveTextAsync("Planned");
        await Assertions.Expect(course).ToContainTextAsync("PHQ-9 below 5");
        await Assertions.Expect(course).ToContainTextAsync(start);
        await page.ScreenshotAsync("course-planned");
        await page.Context.CloseAsync();
    }

    /// <summary>A patient whose intake (screening, consent, baseline PHQ-9) ended "eligible", made directly in the
    /// database: the intake screens are tested in their own flow.</summary>
    private async Task<Guid> EligiblePatientAsync()
    {
        var now = DateTime.UtcNow;
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        var patient = Patient.Register(new PatientDetails("Okafor", "Adaeze", new DateOnly(1984, 3, 9), Sex.Female), $"E2E{Guid.NewGuid():N}"[..12], now).Value;
        db.Patients.Add(patient);
        var document = await db.ConsentDocuments.SingleAsync(d => d.IsCurrent);
        var consent = ConsentRecord.Record(patient.Id, document, DateOnly.FromDateTime(now), SignatureMethod.Checkbox, true, null, "Adaeze Okafor", "seed", "Demo clinician", now).Value;
        db.ConsentRecords.Add(consent);
        var assessment = IntakeAssessment.Start(patient.Id, "seed", now);
        assessment.SaveDraft(new IntakeDraft(Indication.TreatmentResistantDepression, null, "Two antidepressant trials without remission.",
            Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No }).ToList(), null), now);
        assessment.AttachConsent(consent.Id, now);
        db.OutcomeMeasures.Add(OutcomeMeasure.Record(patient.Id, InstrumentCode.Phq9, [2, 3, 2, 2, 2, 2, 2, 1, 0], MeasureContext.Baseline, now, MeasureSource.Staff, "seed", now, assessment.Id).Value);
        Assert.True(assessment.Decide(new EligibilityDecisionInput(EligibilityDecision.Eligible, "Treatment-resistant depression, no contraindication", null, "seed", "Demo clinician"), 1, now).IsSuccess);
        db.IntakeAssessments.Add(assessment);
        await db.SaveChangesAsync();
        return patient.Id;
    }
}
