using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>
/// What <see cref="IntakeAssessment.Decide"/> would say about the decision the clinician is about to make, asked of a
/// throw-away copy of the assessment as it stands on the page. The panel shows exactly the domain's reason for a
/// block, before the clinician presses the button; the handler asks the same rule again on the saved record.
/// </summary>
public static class DecisionPreview
{
    public static DomainError? Check(IntakeDraft draft, bool consentOnFile, int baselineMeasures, EligibilityDecision? decision, string? reason, string? overrideReason, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (decision is not { } chosen)
        {
            return null;
        }

        var now = nowUtc; // the copy is never saved
        var copy = IntakeAssessment.Start(Guid.Empty, "preview", now);
        copy.SaveDraft(draft, now);
        if (consentOnFile)
        {
            copy.AttachConsent(Guid.NewGuid(), now);
        }

        var result = copy.Decide(new EligibilityDecisionInput(chosen, reason ?? "", overrideReason, "preview", "preview"), baselineMeasures, now);
        return result.IsSuccess ? null : result.Error;
    }

    /// <summary>The contraindications answered Yes in the draft.</summary>
    public static IReadOnlyList<Contraindication> Positives(IntakeDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        return (draft.Contraindications ?? [])
            .Where(c => c.Answer == ScreeningAnswer.Yes)
            .Select(c => Screening.FindContraindication(c.Code))
            .OfType<Contraindication>()
            .ToList();
    }
}
