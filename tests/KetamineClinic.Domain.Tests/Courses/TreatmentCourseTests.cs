using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Tests.Courses;

public sealed class TreatmentCourseTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 25);
    private static readonly Guid PatientId = Guid.NewGuid();

    private static IntakeAssessment Decided(EligibilityDecision decision)
    {
        var a = IntakeAssessment.Start(PatientId, "c", Now);
        a.SaveDraft(new IntakeDraft(Indication.TreatmentResistantDepression, null, null,
            Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No }).ToList(), null), Now);
        a.AttachConsent(Guid.NewGuid(), Now);
        a.Decide(new(decision, "reasons", null, "c", "Dr C"), 1, Now);
        return a;
    }

    private static Protocol Depression() => Protocol.Create(Protocol.Defaults[0], "admin", Now).Value;

    private static CoursePlan Plan(int sessions = 6, int perWeek = 2, int review = 4, DateOnly? start = null, params OutcomeTarget[] targets) =>
        new(PatientId, CourseKind.Induction, Indication.TreatmentResistantDepression, sessions, perWeek, start ?? Today.AddDays(3),
            "Reduce depressive symptoms; return to work", targets, review, "c", "Dr C");

    [Fact]
    public void An_eligible_patient_gets_a_planned_course_bound_to_the_protocol_version()
    {
        var protocol = Depression();

        var course = TreatmentCourse.Plan(Plan(targets: new OutcomeTarget { Instrument = InstrumentCode.Phq9, Comparison = TargetComparison.Below, Value = 5 }), protocol, Decided(EligibilityDecision.Eligible), Now, Today).Value;

        Assert.Equal(CourseStatus.Planned, course.Status);
        Assert.Equal(protocol.Id, course.ProtocolId);
        Assert.Equal(1, course.ProtocolVersion);
        Assert.Equal("PHQ-9 below 5", course.Targets.Single().Describe());
    }

    [Theory]
    [InlineData(EligibilityDecision.NotEligible)]
    [InlineData(EligibilityDecision.NeedsMoreInformation)]
    public void A_patient_not_found_eligible_gets_no_course(EligibilityDecision decision)
    {
        Assert.Equal(CourseErrors.NotEligible, TreatmentCourse.Plan(Plan(), Depression(), Decided(decision), Now, Today).Error);
    }

    [Fact]
    public void A_replaced_protocol_version_cannot_be_used()
    {
        var v1 = Depression();
        v1.Revise(Protocol.Defaults[0], "admin", Now);

        Assert.Equal(CourseErrors.ProtocolNotCurrent, TreatmentCourse.Plan(Plan(), v1, Decided(EligibilityDecision.Eligible), Now, Today).Error);
    }

    [Theory]
    [InlineData(0, 2, 1, "course.sessions")]
    [InlineData(31, 2, 4, "course.sessions")]
    [InlineData(6, 6, 4, "course.frequency")]
    [InlineData(6, 2, 7, "course.review_point")]
    public void Impossible_plans_are_refused(int sessions, int perWeek, int review, string code)
    {
        Assert.Equal(code, TreatmentCourse.Plan(Plan(sessions, perWeek, review), Depression(), Decided(EligibilityDecision.Eligible), Now, Today).Error!.Code);
    }

    [Fact]
    public void A_start_in_the_past_is_refused()
    {
        Assert.Equal(CourseErrors.StartInPast, TreatmentCourse.Plan(Plan(start: Today.AddDays(-1)), Depression(), Decided(EligibilityDecision.Eligible), Now, Today).Error);
    }

    [Fact]
    public void A_target_beyond_the_instrument_range_is_refused()
    {
        var target = new OutcomeTarget { Instrument = InstrumentCode.Phq9, Comparison = TargetComparison.Below, Value = 28 };

        Assert.Equal("course.target", TreatmentCourse.Plan(Plan(targets: target), Depression(), Decided(EligibilityDecision.Eligible), Now, Today).Error!.Code);
    }

    [Fact]
    public void A_course_moves_planned_active_completed_and_can_be_discontinued_with_a_reason()
    {
        var course = TreatmentCourse.Plan(Plan(), Depression(), Decided(EligibilityDecision.Eligible), Now, Today).Value;

        Assert.Equal(CourseErrors.IllegalTransition(CourseStatus.Planned, CourseStatus.Completed).Code, course.Complete(Now).Error!.Code);
        Assert.True(course.Activate(Now).IsSuccess);
        Assert.Equal(CourseErrors.DiscontinueReasonRequired, course.Discontinue("", Now).Error);
        Assert.True(course.Discontinue("Patient moved away", Now).IsSuccess);
        Assert.Equal(CourseStatus.Discontinued, course.Status);
        Assert.Equal("Patient moved away", course.DiscontinuedReason);
        Assert.False(course.Activate(Now).IsSuccess);
    }
}
