using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Intake;

public enum EligibilityDecision
{
    Eligible = 1,
    NotEligible = 2,
    NeedsMoreInformation = 3,
}

public enum AssessmentStatus
{
    /// <summary>Being written; saved on the server as the clinician types.</summary>
    Draft = 0,

    /// <summary>Decided and signed by a clinician; never changes after.</summary>
    Decided = 1,
}

/// <summary>A screened condition with the clinician's answer and note.</summary>
public sealed class ScreeningItem
{
    public string Code { get; set; } = "";

    public ScreeningAnswer Answer { get; set; }

    public string? Note { get; set; }
}

/// <summary>
/// The intake consultation: medical history, indication, contraindication checklist, medication screen, baseline
/// measures, consent and the eligibility decision. A draft is saved on the server while the clinician types; once
/// decided it never changes (a new assessment is made instead).
/// </summary>
public sealed class IntakeAssessment : IVersioned
{
    private IntakeAssessment()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public AssessmentStatus Status { get; private set; }

    public DateTime StartedUtc { get; private set; }

    public string StartedBy { get; private set; } = "";

    public DateTime UpdatedUtc { get; private set; }

    public Indication? Indication { get; private set; }

    public string? IndicationNote { get; private set; }

    /// <summary>Free-text medical history.</summary>
    public string? MedicalHistory { get; private set; }

    /// <summary>Answers to the contraindication checklist (stored as JSON).</summary>
    public List<ScreeningItem> Contraindications { get; private set; } = [];

    /// <summary>Answers to the medication screen groups (e.g. alcohol use, which no medicine list shows).</summary>
    public List<ScreeningItem> MedicationScreen { get; private set; } = [];

    public Guid? ConsentRecordId { get; private set; }

    public EligibilityDecision? Decision { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>Set when the clinician decided "eligible" despite a contraindication answered Yes.</summary>
    public string? OverrideReason { get; private set; }

    public string? DecidedBy { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public static IntakeAssessment Start(Guid patientId, string startedBy, DateTime nowUtc) => new()
    {
        PatientId = patientId,
        Status = AssessmentStatus.Draft,
        StartedUtc = nowUtc,
        StartedBy = startedBy,
        UpdatedUtc = nowUtc,
        Contraindications = Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code }).ToList(),
        MedicationScreen = Screening.MedicationGroups.Select(g => new ScreeningItem { Code = g.Code }).ToList(),
    };

    /// <summary>Saves what the clinician has typed so far. Refused once decided.</summary>
    public Result<IntakeAssessment> SaveDraft(IntakeDraft draft, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(draft);
        if (Status == AssessmentStatus.Decided)
        {
            return IntakeErrors.AlreadyDecided;
        }

        Indication = draft.Indication;
        IndicationNote = Trim(draft.IndicationNote);
        MedicalHistory = Trim(draft.MedicalHistory);
        Merge(Contraindications, draft.Contraindications);
        Merge(MedicationScreen, draft.MedicationScreen);
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
        return this;
    }

    public Result<IntakeAssessment> AttachConsent(Guid consentRecordId, DateTime nowUtc)
    {
        if (Status == AssessmentStatus.Decided)
        {
            return IntakeErrors.AlreadyDecided;
        }

        ConsentRecordId = consentRecordId;
        UpdatedUtc = nowUtc;
        Version = Guid.NewGuid();
        return this;
    }

    /// <summary>The contraindications answered Yes.</summary>
    public IReadOnlyList<Contraindication> PositiveContraindications =>
        Contraindications.Where(c => c.Answer == ScreeningAnswer.Yes)
            .Select(c => Screening.FindContraindication(c.Code))
            .OfType<Contraindication>()
            .ToList();

    /// <summary>
    /// Records the clinician's decision. "Eligible" needs every contraindication answered, consent on file, at least
    /// one baseline measure, and — if any contraindication is Yes — an override with a reason.
    /// </summary>
    public Result<IntakeAssessment> Decide(EligibilityDecisionInput input, int baselineMeasures, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (Status == AssessmentStatus.Decided)
        {
            return IntakeErrors.AlreadyDecided;
        }

        if (string.IsNullOrWhiteSpace(input.Reason))
        {
            return IntakeErrors.ReasonRequired;
        }

        if (Indication is null)
        {
            return IntakeErrors.IndicationRequired;
        }

        if (input.Decision == EligibilityDecision.Eligible)
        {
            var unanswered = Contraindications.Where(c => c.Answer is ScreeningAnswer.NotAsked or ScreeningAnswer.Unknown).ToList();
            if (unanswered.Count > 0)
            {
                return IntakeErrors.ScreeningIncomplete(unanswered.Count);
            }

            if (PositiveContraindications.Count > 0 && string.IsNullOrWhiteSpace(input.OverrideReason))
            {
                return IntakeErrors.ContraindicationBlocks(PositiveContraindications);
            }

            if (ConsentRecordId is null)
            {
                return IntakeErrors.ConsentRequired;
            }

            if (baselineMeasures < 1)
            {
                return IntakeErrors.BaselineRequired;
            }
        }

        Decision = input.Decision;
        DecisionReason = input.Reason.Trim();
        OverrideReason = input.Decision == EligibilityDecision.Eligible && PositiveContraindications.Count > 0 ? input.OverrideReason!.Trim() : null;
        DecidedBy = input.ClinicianId;
        DecidedByName = input.ClinicianName;
        DecidedUtc = nowUtc;
        UpdatedUtc = nowUtc;
        Status = AssessmentStatus.Decided;
        Version = Guid.NewGuid();
        return this;
    }

    private static void Merge(List<ScreeningItem> target, IReadOnlyList<ScreeningItem>? source)
    {
        foreach (var item in source ?? [])
        {
            var existing = target.FirstOrDefault(t => t.Code == item.Code);
            if (existing is null)
            {
                continue; // unknown codes are ignored: the checklist is the clinic's, not the caller's
            }

            existing.Answer = item.Answer;
            existing.Note = Trim(item.Note);
        }
    }

    private static string? Trim(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public sealed record IntakeDraft(
    Indication? Indication,
    string? IndicationNote,
    string? MedicalHistory,
    IReadOnlyList<ScreeningItem>? Contraindications,
    IReadOnlyList<ScreeningItem>? MedicationScreen);

public sealed record EligibilityDecisionInput(EligibilityDecision Decision, string Reason, string? OverrideReason, string ClinicianId, string ClinicianName);

public static class IntakeErrors
{
    public static readonly DomainError AlreadyDecided = new("intake.decided", "This assessment is decided and signed; it cannot change. Start a new assessment instead.");
    public static readonly DomainError ReasonRequired = new("intake.reason", "Give the reasons for the decision.");
    public static readonly DomainError IndicationRequired = new("intake.indication", "Choose the indication before deciding.");
    public static readonly DomainError ConsentRequired = new("intake.consent", "Record the patient's informed consent before deciding 'eligible'.");
    public static readonly DomainError BaselineRequired = new("intake.baseline", "Record at least one baseline measure (e.g. PHQ-9) before deciding 'eligible'.");
    public static readonly DomainError NotFound = new("intake.not_found", "There is no such assessment.");
    public static readonly DomainError ChangedByAnother = new("intake.changed", "Someone else saved this assessment at the same time. Their version is shown; check and save again.");

    public static DomainError ScreeningIncomplete(int count) =>
        new("intake.screening_incomplete", $"{count} contraindication question(s) are not answered Yes or No.");

    public static DomainError ContraindicationBlocks(IReadOnlyList<Contraindication> positives) =>
        new("intake.contraindication", $"Contraindication answered Yes: {string.Join("; ", positives.Select(p => p.Question))}. Record an override with a reason to decide 'eligible'.");
}
