using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Courses;

/// <summary>Treatment plans through the handlers the Course tab calls, on a real database.</summary>
public abstract class TreatmentPlanTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private Task<Protocol> DepressionAsync() => ClinicalArrange.CurrentProtocolAsync(app, Indication.TreatmentResistantDepression);

    [Fact]
    public async Task Clinician_plans_a_course_for_an_eligible_patient_from_the_current_protocol_version()
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var protocol = await DepressionAsync();
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);

        var result = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, protocol.Id)));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var saved = Assert.Single(await ClinicalArrange.CoursesAsync(app, patientId));
        Assert.Equal(CourseStatus.Planned, saved.Status);
        Assert.Equal(protocol.Id, saved.ProtocolId);
        Assert.Equal(protocol.VersionNumber, saved.ProtocolVersion);
        Assert.Equal(["PHQ-9 below 5"], saved.Targets.Select(t => t.Describe()));
        Assert.Equal("Test Clinician", saved.CreatedByName);
    }

    [Theory]
    [InlineData(EligibilityDecision.NotEligible)]
    [InlineData(EligibilityDecision.NeedsMoreInformation)]
    public async Task A_patient_not_found_eligible_gets_no_course_and_the_tab_says_why(EligibilityDecision decision)
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app, decision);
        var protocol = await DepressionAsync();
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);

        var result = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, protocol.Id)));
        var overview = await ClinicalArrange.WithAsync<ListCoursesHandler, KetamineClinic.Domain.Common.Result<CourseOverview>>(
            app, h => h.HandleAsync(clinician, patientId));

        Assert.Equal(CourseErrors.NotEligible, result.Error);
        Assert.Empty(await ClinicalArrange.CoursesAsync(app, patientId));
        Assert.False(overview.Value.Readiness.CanPlan);
        Assert.Contains(decision == EligibilityDecision.NotEligible ? "not eligible" : "needs more information", overview.Value.Readiness.Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_later_decision_of_not_eligible_blocks_a_plan_even_after_an_earlier_eligible_one()
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        await using (var db = await ClinicalArrange.DbAsync(app))
        {
            var later = IntakeAssessment.Start(patientId, "clinician", DateTime.UtcNow.AddMinutes(1));
            later.SaveDraft(new IntakeDraft(Indication.TreatmentResistantDepression, null, null, null, null), DateTime.UtcNow.AddMinutes(1));
            Assert.True(later.Decide(new EligibilityDecisionInput(EligibilityDecision.NotEligible, "New cardiac history", null, "clinician", "Dr Test"), 0, DateTime.UtcNow.AddMinutes(1)).IsSuccess);
            db.IntakeAssessments.Add(later);
            await db.SaveChangesAsync();
        }

        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);
        var result = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, async h => await h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, (await DepressionAsync()).Id)));

        Assert.Equal(CourseErrors.NotEligible, result.Error);
    }

    [Theory]
    [InlineData(StaffRoles.IntakeStaff)]
    [InlineData(StaffRoles.Nurse)]
    [InlineData(StaffRoles.Administrator)]
    public async Task Only_clinicians_may_plan_a_course_and_a_refusal_is_audited(string role)
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var protocol = await DepressionAsync();
        var staff = await ClinicalArrange.StaffAsync(app, role);

        var result = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(staff, ClinicalArrange.Plan(patientId, protocol.Id)));

        Assert.Equal(AccessErrors.NotAllowed, result.Error);
        Assert.Empty(await ClinicalArrange.CoursesAsync(app, patientId));
        await using var db = await ClinicalArrange.DbAsync(app);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patientId.ToString() && e.Action == AuditAction.Denied));
    }

    [Fact]
    public async Task Intake_staff_cannot_read_a_patients_treatment_plans_but_a_nurse_can_without_planning()
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var intake = await ClinicalArrange.StaffAsync(app, StaffRoles.IntakeStaff);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        var refused = await ClinicalArrange.WithAsync<ListCoursesHandler, KetamineClinic.Domain.Common.Result<CourseOverview>>(app, h => h.HandleAsync(intake, patientId));
        var read = await ClinicalArrange.WithAsync<ListCoursesHandler, KetamineClinic.Domain.Common.Result<CourseOverview>>(app, h => h.HandleAsync(nurse, patientId));

        Assert.Equal(AccessErrors.NotAllowed, refused.Error);
        Assert.True(read.IsSuccess);
        Assert.False(read.Value.MayPlan);
        await using var db = await ClinicalArrange.DbAsync(app);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patientId.ToString() && e.Action == AuditAction.Read && e.EntityType == nameof(TreatmentCourse)));
    }

    [Fact]
    public async Task A_start_in_the_past_is_refused()
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);

        var result = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, async h => await h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, (await DepressionAsync()).Id, DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3))));

        Assert.Equal(CourseErrors.StartInPast, result.Error);
    }

    [Fact]
    public async Task A_course_is_activated_then_discontinued_with_its_reason_and_a_stale_change_is_refused()
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);
        var planned = (await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, async h => await h.HandleAsync(clinician, ClinicalArrange.Plan(patientId, (await DepressionAsync()).Id)))).Value;

        var active = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(clinician, new ChangeCourseStatus(planned.Id, CourseStatusChange.Activate, null, planned.Version)));
        var stale = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(clinician, new ChangeCourseStatus(planned.Id, CourseStatusChange.Discontinue, "Moved away", planned.Version)));
        var stopped = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(clinician, new ChangeCourseStatus(planned.Id, CourseStatusChange.Discontinue, "Moved away", active.Value.Version)));

        Assert.Equal(CourseStatus.Active, active.Value.Status);
        Assert.Equal(ChangeCourseStatusHandler.ChangedByAnother, stale.Error);
        Assert.True(stopped.IsSuccess, stopped.Error?.Message);
        var saved = Assert.Single(await ClinicalArrange.CoursesAsync(app, patientId));
        Assert.Equal(CourseStatus.Discontinued, saved.Status);
        Assert.Equal("Moved away", saved.DiscontinuedReason);
    }
}

public sealed class TreatmentPlanTestsOnSqlite(SqliteApp app) : TreatmentPlanTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TreatmentPlanTestsOnPostgres(PostgresApp app) : TreatmentPlanTests<PostgresApp>(app), IClassFixture<PostgresApp>;
