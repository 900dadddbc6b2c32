using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Tests.Intake;

public sealed class IntakeAssessmentTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Guid PatientId = Guid.NewGuid();

    private static IntakeAssessment Screened(params string[] positive)
    {
        var assessment = IntakeAssessment.Start(PatientId, "clin-1", Now);
        var answers = Screening.Contraindications
            .Select(c => new ScreeningItem { Code = c.Code, Answer = positive.Contains(c.Code) ? ScreeningAnswer.Yes : ScreeningAnswer.No })
            .ToList();
        assessment.SaveDraft(new IntakeDraft(Indication.TreatmentResistantDepression, null, "Two failed SSRIs", answers, null), Now);
        assessment.AttachConsent(Guid.NewGuid(), Now);
        return assessment;
    }

    private static EligibilityDecisionInput Eligible(string? overrideReason = null) =>
        new(EligibilityDecision.Eligible, "Meets criteria for TRD", overrideReason, "clin-1", "Dr Clara");

    [Fact]
    public void A_new_assessment_lists_every_contraindication_and_medicine_group_unanswered()
    {
        var assessment = IntakeAssessment.Start(PatientId, "clin-1", Now);

        Assert.Equal(Screening.Contraindications.Count, assessment.Contraindications.Count);
        Assert.All(assessment.Contraindications, c => Assert.Equal(ScreeningAnswer.NotAsked, c.Answer));
        Assert.Equal(Screening.MedicationGroups.Count, assessment.MedicationScreen.Count);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
    }

    [Fact]
    public void A_clean_screen_with_consent_and_a_baseline_can_be_decided_eligible()
    {
        var assessment = Screened();

        var result = assessment.Decide(Eligible(), baselineMeasures: 1, Now);

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Equal(EligibilityDecision.Eligible, assessment.Decision);
        Assert.Equal("Dr Clara", assessment.DecidedByName);
        Assert.Null(assessment.OverrideReason);
    }

    [Fact]
    public void A_contraindication_answered_yes_blocks_eligible_without_an_override()
    {
        var assessment = Screened("uncontrolled_cardiovascular");

        var result = assessment.Decide(Eligible(), 1, Now);

        Assert.Equal("intake.contraindication", result.Error!.Code);
        Assert.Contains("Poorly controlled cardiovascular", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(AssessmentStatus.Draft, assessment.Status);
    }

    [Fact]
    public void An_override_with_a_reason_allows_eligible_and_is_kept_with_who_made_it()
    {
        var assessment = Screened("uncontrolled_cardiovascular");

        var result = assessment.Decide(Eligible("BP controlled on amlodipine since June; cardiology agrees"), 1, Now);

        Assert.True(result.IsSuccess);
        Assert.Equal("BP controlled on amlodipine since June; cardiology agrees", assessment.OverrideReason);
        Assert.Equal("clin-1", assessment.DecidedBy);
        Assert.Equal(Now, assessment.DecidedUtc);
    }

    [Fact]
    public void A_contraindication_does_not_block_deciding_not_eligible()
    {
        var assessment = Screened("active_psychosis");

        var result = assessment.Decide(new(EligibilityDecision.NotEligible, "Active psychosis", null, "clin-1", "Dr Clara"), 0, Now);

        Assert.True(result.IsSuccess);
        Assert.Null(assessment.OverrideReason);
    }

    [Fact]
    public void Unanswered_screening_blocks_eligible()
    {
        var assessment = IntakeAssessment.Start(PatientId, "clin-1", Now);
        assessment.SaveDraft(new IntakeDraft(Indication.Ptsd, null, null, null, null), Now);
        assessment.AttachConsent(Guid.NewGuid(), Now);

        Assert.Equal("intake.screening_incomplete", assessment.Decide(Eligible(), 1, Now).Error!.Code);
    }

    [Fact]
    public void Eligible_needs_consent_on_file()
    {
        var assessment = IntakeAssessment.Start(PatientId, "clin-1", Now);
        assessment.SaveDraft(new IntakeDraft(Indication.Ptsd, null, null,
            Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No }).ToList(), null), Now);

        Assert.Equal(IntakeErrors.ConsentRequired, assessment.Decide(Eligible(), 1, Now).Error);
    }

    [Fact]
    public void Eligible_needs_a_baseline_measure()
    {
        Assert.Equal(IntakeErrors.BaselineRequired, Screened().Decide(Eligible(), 0, Now).Error);
    }

    [Fact]
    public void Every_decision_needs_reasons()
    {
        var result = Screened().Decide(new(EligibilityDecision.NeedsMoreInformation, "  ", null, "c", "C"), 0, Now);

        Assert.Equal(IntakeErrors.ReasonRequired, result.Error);
    }

    [Fact]
    public void A_decided_assessment_never_changes()
    {
        var assessment = Screened();
        assessment.Decide(Eligible(), 1, Now);

        Assert.Equal(IntakeErrors.AlreadyDecided, assessment.SaveDraft(new IntakeDraft(Indication.Other, null, "edited", null, null), Now).Error);
        Assert.Equal(IntakeErrors.AlreadyDecided, assessment.Decide(Eligible(), 1, Now).Error);
        Assert.Equal("Two failed SSRIs", assessment.MedicalHistory);
    }

    [Fact]
    public void A_draft_keeps_notes_and_ignores_codes_that_are_not_on_the_checklist()
    {
        var assessment = IntakeAssessment.Start(PatientId, "clin-1", Now);

        assessment.SaveDraft(new IntakeDraft(null, null, null,
            [new ScreeningItem { Code = "pregnancy", Answer = ScreeningAnswer.No, Note = " LMP 2 weeks ago " }, new ScreeningItem { Code = "made_up", Answer = ScreeningAnswer.Yes }], null), Now);

        Assert.Equal("LMP 2 weeks ago", assessment.Contraindications.Single(c => c.Code == "pregnancy").Note);
        Assert.DoesNotContain(assessment.Contraindications, c => c.Code == "made_up");
    }
}
