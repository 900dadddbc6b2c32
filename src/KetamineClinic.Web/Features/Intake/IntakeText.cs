using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>The words the intake pages show for the domain's values.</summary>
public static class IntakeText
{
    public static string Decision(EligibilityDecision? decision) => decision switch
    {
        EligibilityDecision.Eligible => "Eligible",
        EligibilityDecision.NotEligible => "Not eligible",
        EligibilityDecision.NeedsMoreInformation => "Needs more information",
        _ => "Not decided",
    };

    public static string Indication(Indication indication) => indication switch
    {
        Domain.Protocols.Indication.TreatmentResistantDepression => "Treatment-resistant depression",
        Domain.Protocols.Indication.ChronicPain => "Chronic pain (e.g. CRPS)",
        Domain.Protocols.Indication.Ptsd => "PTSD",
        Domain.Protocols.Indication.Other => "Other (describe in the note)",
        _ => indication.ToString(),
    };

    public static string Status(AssessmentStatus status) => status == AssessmentStatus.Decided ? "Decided" : "Draft";
}
