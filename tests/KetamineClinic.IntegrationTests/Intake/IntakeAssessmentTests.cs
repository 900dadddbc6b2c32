using System.Net;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Audit;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Intake.IntakeTestSupport;

namespace KetamineClinic.IntegrationTests.Intake;

/// <summary>The intake assessment through its real handlers on a real database: drafts, screening, consent,
/// baselines, the eligibility decision, who may do what, and the audit trail.</summary>
public abstract class IntakeAssessmentTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task A_saved_draft_is_resumed_exactly_from_a_fresh_context()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app, "Alprazolam");
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var opened = (await clinician.OpenAsync(patient.Id, id)).Value;
        var contraindications = Contraindications("pregnancy");
        contraindications[0].Answer = ScreeningAnswer.Unknown;
        contraindications[0].Note = "Patient unsure; ask GP";
        var medications = new List<ScreeningItem> { new() { Code = "alcohol", Answer = ScreeningAnswer.Yes, Note = "2 units a week" } };

        var saved = await clinician.SaveDraftAsync(new SaveIntakeDraft(
            patient.Id, id, opened.Version, Domain.Protocols.Indication.ChronicPain, "CRPS left arm", "Line one\nLine two", contraindications, medications));

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        var resumed = (await clinician.OpenAsync(patient.Id, id)).Value;
        Assert.Equal(Domain.Protocols.Indication.ChronicPain, resumed.Indication);
        Assert.Equal("CRPS left arm", resumed.IndicationNote);
        Assert.Equal("Line one\nLine two", resumed.MedicalHistory);
        Assert.Equal(saved.Value.Version, resumed.Version);
        Assert.Equal(
            contraindications.Select(c => (c.Code, c.Answer, c.Note)),
            resumed.Contraindications.Select(c => (c.Code, c.Answer, c.Note)));
        var alcohol = Assert.Single(resumed.MedicationScreen, m => m.Code == "alcohol");
        Assert.Equal((ScreeningAnswer.Yes, "2 units a week"), (alcohol.Answer, alcohol.Note));
        Assert.All(resumed.MedicationScreen.Where(m => m.Code != "alcohol"), m => Assert.Equal(ScreeningAnswer.NotAsked, m.Answer));
        var flag = Assert.Single(resumed.MedicationFlags);
        Assert.Equal(("benzodiazepine", "Alprazolam"), (flag.GroupCode, flag.Medicine));
    }

    [Fact]
    public async Task Starting_again_while_a_draft_is_open_resumes_that_draft()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);

        var first = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var second = (await clinician.StartIntakeAsync(patient.Id)).Value;

        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_second_draft_save_with_the_same_version_is_refused()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var colleague = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var version = (await clinician.OpenAsync(patient.Id, id)).Value.Version;

        var mine = await clinician.SaveDraftAsync(Draft(patient, id, version, Contraindications(), history: "Mine"));
        var theirs = await colleague.SaveDraftAsync(Draft(patient, id, version, Contraindications(), history: "Theirs"));

        Assert.True(mine.IsSuccess);
        Assert.Equal(IntakeErrors.ChangedByAnother, theirs.Error);
        Assert.Equal("Mine", (await clinician.OpenAsync(patient.Id, id)).Value.MedicalHistory);
    }

    [Fact]
    public async Task A_contraindication_answered_yes_blocks_eligible_without_an_override_and_allows_it_with_one()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var version = (await clinician.OpenAsync(patient.Id, id)).Value.Version;
        await clinician.SaveDraftAsync(Draft(patient, id, version, Contraindications("uncontrolled_cardiovascular")));
        Assert.True((await clinician.RecordMeasureAsync(Baseline(patient, id))).IsSuccess);
        Assert.True((await clinician.ConsentAsync(Consent(patient, id, await CurrentConsentDocumentIdAsync(app)))).IsSuccess);
        version = (await clinician.OpenAsync(patient.Id, id)).Value.Version;

        var blocked = await clinician.DecideAsync(new DecideEligibility(patient.Id, id, version, EligibilityDecision.Eligible, "Severe TRD", null));

        Assert.Equal("intake.contraindication", blocked.Error?.Code);
        Assert.Contains("Poorly controlled cardiovascular disease or hypertension", blocked.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentStatus.Draft, (await clinician.OpenAsync(patient.Id, id)).Value.Status);

        var allowed = await clinician.DecideAsync(new DecideEligibility(
            patient.Id, id, version, EligibilityDecision.Eligible, "Severe TRD", "BP now controlled on amlodipine; cardiology agrees"));

        Assert.True(allowed.IsSuccess, allowed.Error?.Message);
        var decided = (await clinician.OpenAsync(patient.Id, id)).Value;
        Assert.Equal((AssessmentStatus.Decided, EligibilityDecision.Eligible), (decided.Status, decided.Decision));
        Assert.Equal("BP now controlled on amlodipine; cardiology agrees", decided.OverrideReason);
        Assert.Equal("Test Clinician", decided.DecidedByName);
    }

    [Fact]
    public async Task Eligible_needs_consent_and_a_baseline_measure()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var version = (await clinician.OpenAsync(patient.Id, id)).Value.Version;
        version = (await clinician.SaveDraftAsync(Draft(patient, id, version, Contraindications()))).Value.Version;

        var withoutConsent = await clinician.DecideAsync(new DecideEligibility(patient.Id, id, version, EligibilityDecision.Eligible, "Meets criteria", null));
        Assert.Equal(IntakeErrors.ConsentRequired, withoutConsent.Error);

        version = (await clinician.ConsentAsync(Consent(patient, id, await CurrentConsentDocumentIdAsync(app)))).Value.Version;
        var withoutBaseline = await clinician.DecideAsync(new DecideEligibility(patient.Id, id, version, EligibilityDecision.Eligible, "Meets criteria", null));
        Assert.Equal(IntakeErrors.BaselineRequired, withoutBaseline.Error);

        Assert.True((await clinician.RecordMeasureAsync(Baseline(patient, id))).IsSuccess);
        var eligible = await clinician.DecideAsync(new DecideEligibility(patient.Id, id, version, EligibilityDecision.Eligible, "Meets criteria", null));
        Assert.True(eligible.IsSuccess, eligible.Error?.Message);
    }

    [Fact]
    public async Task A_decided_assessment_cannot_change()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var version = (await clinician.OpenAsync(patient.Id, id)).Value.Version;
        version = (await clinician.SaveDraftAsync(Draft(patient, id, version, Contraindications()))).Value.Version;
        var decided = await clinician.DecideAsync(new DecideEligibility(patient.Id, id, version, EligibilityDecision.NeedsMoreInformation, "Awaiting GP letter", null));
        Assert.True(decided.IsSuccess, decided.Error?.Message);
        var after = (await clinician.OpenAsync(patient.Id, id)).Value;

        var save = await clinician.SaveDraftAsync(Draft(patient, id, after.Version, Contraindications("pregnancy"), history: "Changed later"));
        var decideAgain = await clinician.DecideAsync(new DecideEligibility(patient.Id, id, after.Version, EligibilityDecision.Eligible, "Changed my mind", null));
        var consent = await clinician.ConsentAsync(Consent(patient, id, await CurrentConsentDocumentIdAsync(app)));
        var baseline = await clinician.RecordMeasureAsync(Baseline(patient, id));

        Assert.Equal(IntakeErrors.AlreadyDecided, save.Error);
        Assert.Equal(IntakeErrors.AlreadyDecided, decideAgain.Error);
        Assert.Equal(IntakeErrors.AlreadyDecided, consent.Error);
        Assert.Equal(IntakeErrors.AlreadyDecided, baseline.Error);
        var reopened = (await clinician.OpenAsync(patient.Id, id)).Value;
        Assert.Equal((EligibilityDecision.NeedsMoreInformation, "Awaiting GP letter", "No significant history.", after.Version),
            (reopened.Decision!.Value, reopened.DecisionReason, reopened.MedicalHistory, reopened.Version));
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.ConsentRecords.AnyAsync(r => r.PatientId == patient.Id));
    }

    [Fact]
    public async Task Intake_staff_are_refused_by_every_intake_handler_and_each_refusal_is_audited()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var intake = await StaffSession.StartAsync(app, StaffRoles.IntakeStaff);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var version = (await clinician.OpenAsync(patient.Id, id)).Value.Version;

        var errors = new[]
        {
            (await intake.StartIntakeAsync(patient.Id)).Error,
            (await intake.OpenAsync(patient.Id, id)).Error,
            (await intake.SaveDraftAsync(Draft(patient, id, version, Contraindications()))).Error,
            (await intake.ConsentAsync(Consent(patient, id, await CurrentConsentDocumentIdAsync(app)))).Error,
            (await intake.DecideAsync(new DecideEligibility(patient.Id, id, version, EligibilityDecision.NotEligible, "x", null))).Error,
            (await intake.RecordMeasureAsync(Baseline(patient, id))).Error,
            (await intake.RunAsync<ListIntakeAssessmentsHandler, Domain.Common.Result<IReadOnlyList<IntakeAssessmentRow>>>((h, u) => h.HandleAsync(u, new ListIntakeAssessments(patient.Id)))).Error,
            (await intake.RunAsync<ListOutcomeMeasuresHandler, Domain.Common.Result<PatientOutcomes>>((h, u) => h.HandleAsync(u, new ListOutcomeMeasures(patient.Id)))).Error,
        };

        Assert.All(errors, e => Assert.Equal(ClinicalAccess.NotAllowed, e));
        var denied = (await AuditTestSupport.AllRowsAsync(app))
            .Where(e => e.PatientId == patient.Id.ToString() && e.Action == AuditAction.Denied)
            .ToList();
        Assert.Equal(errors.Length, denied.Count);
        Assert.All(denied, e => Assert.Equal((intake.UserId, AuditOutcome.Failure), (e.UserId, e.Outcome)));
        Assert.Equal(version, (await clinician.OpenAsync(patient.Id, id)).Value.Version);
    }

    [Fact]
    public async Task Intake_staff_opening_the_assessment_address_are_sent_to_access_denied()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var intakeUser = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, intakeUser.Email!);

        var page = await client.GetAsync(new Uri($"/patients/{patient.Id}/intake/{id}", UriKind.Relative));
        var list = await client.GetAsync(new Uri($"/patients/{patient.Id}/intake", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, list.StatusCode);
        Assert.Contains("/Account/AccessDenied", list.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_clinician_opening_the_assessment_address_gets_the_page()
    {
        var clinicianUser = await app.CreateStaffAsync(StaffRoles.Clinician);
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, clinicianUser.Email!);

        var page = await client.GetAsync(new Uri($"/patients/{patient.Id}/intake/{id}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Intake assessment", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_an_assessment_writes_an_audit_read_event()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;

        Assert.True((await clinician.OpenAsync(patient.Id, id)).IsSuccess);

        var read = Assert.Single(await AuditTestSupport.AllRowsAsync(app), e => e.Action == AuditAction.Read && e.EntityId == id.ToString());
        Assert.Equal((patient.Id.ToString(), nameof(IntakeAssessment), clinician.UserId, AuditOutcome.Success), (read.PatientId, read.EntityType, read.UserId, read.Outcome));
    }

    [Fact]
    public async Task A_phq9_with_item_9_above_zero_raises_an_open_alert_with_the_measure()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;

        var recorded = await clinician.RecordMeasureAsync(Baseline(patient, id, [3, 3, 2, 2, 1, 2, 1, 1, 1]));

        Assert.True(recorded.IsSuccess, recorded.Error?.Message);
        Assert.Equal((16, "Moderately severe"), (recorded.Value.Total, recorded.Value.Band));
        await using var db = await app.Factory.CreateDbContextAsync();
        var alert = Assert.Single(await db.PatientAlerts.AsNoTracking().Where(a => a.PatientId == patient.Id).ToListAsync());
        Assert.Equal(("phq9.item9", recorded.Value.MeasureId, true), (alert.Code, alert.SourceId, alert.IsOpen));
        var measure = await db.OutcomeMeasures.AsNoTracking().SingleAsync(m => m.Id == recorded.Value.MeasureId);
        Assert.True(measure.RaisedSuicideRiskAlert);
        Assert.Equal((MeasureContext.Baseline, id), (measure.Context, measure.IntakeAssessmentId!.Value));
    }

    [Fact]
    public async Task A_phq9_with_item_9_at_zero_raises_no_alert()
    {
        var clinician = await StaffSession.StartAsync(app, StaffRoles.Clinician);
        var patient = await CreatePatientAsync(app);
        var id = (await clinician.StartIntakeAsync(patient.Id)).Value;

        var recorded = await clinician.RecordMeasureAsync(Baseline(patient, id));

        Assert.Null(recorded.Value.AlertId);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.PatientAlerts.AnyAsync(a => a.PatientId == patient.Id));
    }
}

public sealed class IntakeAssessmentTestsOnSqlite(SqliteApp app) : IntakeAssessmentTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class IntakeAssessmentTestsOnPostgres(PostgresApp app) : IntakeAssessmentTests<PostgresApp>(app), IClassFixture<PostgresApp>;
