using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Tests.Courses;

public sealed class BoosterCourseTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Guid PatientId = Guid.NewGuid();

    private static IntakeAssessment Eligible()
    {
        var a = IntakeAssessment.Start(PatientId, "c", Now.AddDays(-90));
        a.SaveDraft(new IntakeDraft(Indication.TreatmentResistantDepression, null, null,
            Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No }).ToList(), null), Now.AddDays(-90));
        a.AttachConsent(Guid.NewGuid(), Now.AddDays(-90));
        a.Decide(new(EligibilityDecision.Eligible, "reasons", null, "c", "Dr C"), 1, Now.AddDays(-90));
        return a;
    }

    private static CoursePlan Booster(int sessions) =>
        new(PatientId, CourseKind.Booster, Indication.TreatmentResistantDepression, sessions, 1, Today.AddDays(7),
            "Maintain the response of the induction course", [], 1, "c", "Dr C");

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_booster_is_a_short_course_of_one_to_three_sessions(int sessions)
    {
        var course = TreatmentCourse.Plan(Booster(sessions), Protocol.Create(Protocol.Defaults[0], "admin", Now).Value, Eligible(), Now, Today);

        Assert.True(course.IsSuccess, course.Error?.Message);
        Assert.Equal(CourseKind.Booster, course.Value.Kind);
        Assert.Equal(sessions, course.Value.PlannedSessions);
    }

    [Fact]
    public void A_booster_of_more_than_three_sessions_is_refused()
    {
        var course = TreatmentCourse.Plan(Booster(4) with { ReviewAfterInfusions = 4 }, Protocol.Create(Protocol.Defaults[0], "admin", Now).Value, Eligible(), Now, Today);

        Assert.Equal(CourseErrors.BoosterSessions, course.Error);
    }

    [Fact]
    public void A_booster_follows_a_completed_course()
    {
        Assert.Null(BoosterRules.CheckPlan([CourseStatus.Completed]));
        Assert.Null(BoosterRules.CheckPlan([CourseStatus.Discontinued, CourseStatus.Completed, CourseStatus.Completed]));
        Assert.Equal(CourseErrors.BoosterNeedsEndedCourse, BoosterRules.CheckPlan([]));
        Assert.Equal(CourseErrors.BoosterNeedsEndedCourse, BoosterRules.CheckPlan([CourseStatus.Discontinued]));
    }

    [Theory]
    [InlineData(CourseStatus.Planned)]
    [InlineData(CourseStatus.Active)]
    public void No_booster_while_another_course_is_planned_or_active(CourseStatus open)
    {
        Assert.Equal(CourseErrors.BoosterWhileCourseOpen, BoosterRules.CheckPlan([CourseStatus.Completed, open]));
    }

    [Fact]
    public void A_booster_planned_from_the_same_intake_is_judged_against_the_original_baseline()
    {
        var intake = Guid.NewGuid();
        var induction = Guid.NewGuid();
        var booster = Guid.NewGuid();
        var day0 = new DateTime(2026, 3, 2, 14, 0, 0, DateTimeKind.Utc);
        ScorePoint[] measures =
        [
            new(Guid.NewGuid(), InstrumentCode.Phq9, MeasureContext.Baseline, day0, 20, intake, null),
            new(Guid.NewGuid(), InstrumentCode.Phq9, MeasureContext.PreInfusion, day0.AddDays(7), 12, null, induction),
            new(Guid.NewGuid(), InstrumentCode.Phq9, MeasureContext.FollowUp, day0.AddDays(40), 6, null, induction),
            new(Guid.NewGuid(), InstrumentCode.Phq9, MeasureContext.PreInfusion, day0.AddDays(120), 9, null, booster),
        ];

        var outcome = CourseOutcomes.Evaluate(booster, intake, Indication.TreatmentResistantDepression, CourseStatus.Active, 1, 1, day0.AddDays(120), measures);

        var phq9 = Assert.Single(outcome.Instruments);
        Assert.Equal(20, phq9.Baseline!.Total);
        Assert.Equal([9], phq9.Scores.Select(s => s.Total));
        Assert.Equal(ResponseStatus.Response, phq9.Response!.Status);
    }
}
