using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

/// <summary>The phases of an infusion session (FHIR Encounter). <see cref="NotStarted"/> ends a session that never
/// reached the infusion; an infusion stopped before its planned end goes on to observation with its reason.</summary>
public enum SessionPhase
{
    Booked = 0,
    CheckedIn = 1,
    Ordered = 2,
    Infusing = 3,
    Observing = 4,
    Discharged = 5,
    Signed = 6,
    NotStarted = 7,
}

/// <summary>Who acts on a session, and whether they are a clinician (orders, go-aheads and signatures need one).</summary>
public sealed record SessionActor(string Id, string Name, bool IsClinician);

/// <summary>The pre-session checklist as entered at check-in (clinic local times converted to UTC by the caller).</summary>
public sealed record CheckInInput(
    DateTime? LastSolidFoodUtc,
    DateTime? LastClearLiquidUtc,
    string? EscortName,
    string? EscortPhone,
    bool? MedicinesHeldAsInstructed,
    decimal? WeightKg,
    DateOnly? WeightMeasuredOn,
    VitalsInput? Baseline);

/// <summary>What the server knows at check-in that the nurse does not type: consent and eligibility.</summary>
public sealed record CheckInFacts(bool ConsentCurrent, bool EligibilityCurrent, DateTime PlannedStartUtc);

/// <summary>The checklist items, so an unmet one can be shown where it is entered.</summary>
public enum CheckInItem
{
    SolidFood = 1,
    ClearLiquid = 2,
    Escort = 3,
    MedicinesHeld = 4,
    Consent = 5,
    Eligibility = 6,
    Weight = 7,
    Baseline = 8,
}

/// <summary>One unmet checklist item, in words.</summary>
public sealed record CheckInProblem(CheckInItem Item, string Text);

/// <summary>The checklist as recorded (stored with the session).</summary>
public sealed class CheckInRecord
{
    public DateTime LastSolidFoodUtc { get; set; }

    public DateTime LastClearLiquidUtc { get; set; }

    public string EscortName { get; set; } = "";

    public string EscortPhone { get; set; } = "";

    public bool MedicinesHeld { get; set; }

    public bool ConsentCurrent { get; set; }

    public bool EligibilityCurrent { get; set; }

    public decimal WeightKg { get; set; }

    public DateOnly WeightMeasuredOn { get; set; }

    public DateTime CheckedInUtc { get; set; }

    public string CheckedInBy { get; set; } = "";
}

/// <summary>A clinician's dose order. A new order replaces the current one; the replaced one stays with the time it
/// was replaced.</summary>
public sealed class DoseOrder
{
    private DoseOrder()
    {
    }

    internal DoseOrder(Guid sessionId, Guid patientId, ProtocolSettings protocol, int protocolVersion, DoseFigures figures, DateOnly weightDate, string? overrideReason, SessionActor by, DateTime nowUtc)
    {
        SessionId = sessionId;
        PatientId = patientId;
        ProtocolName = protocol.Name;
        ProtocolVersion = protocolVersion;
        Unit = figures.Unit;
        Dose = figures.Dose;
        WeightKg = figures.WeightKg;
        WeightMeasuredOn = weightDate;
        DurationMinutes = figures.DurationMinutes;
        TotalMg = figures.TotalMg;
        RateMgPerHour = figures.RateMgPerHour;
        OverrideReason = string.IsNullOrWhiteSpace(overrideReason) ? null : overrideReason.Trim();
        OrderedBy = by.Id;
        OrderedByName = by.Name;
        OrderedUtc = nowUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid SessionId { get; private set; }

    public Guid PatientId { get; private set; }

    public string ProtocolName { get; private set; } = "";

    public int ProtocolVersion { get; private set; }

    public DoseUnit Unit { get; private set; }

    public decimal Dose { get; private set; }

    public decimal WeightKg { get; private set; }

    public DateOnly WeightMeasuredOn { get; private set; }

    public int DurationMinutes { get; private set; }

    public decimal TotalMg { get; private set; }

    public decimal RateMgPerHour { get; private set; }

    public string Route { get; private set; } = "IV";

    public string? OverrideReason { get; private set; }

    public string OrderedBy { get; private set; } = "";

    public string OrderedByName { get; private set; } = "";

    public DateTime OrderedUtc { get; private set; }

    public DateTime? ReplacedUtc { get; private set; }

    public bool IsCurrent => ReplacedUtc is null;

    internal void Replace(DateTime nowUtc) => ReplacedUtc = nowUtc;
}

public enum InfusionEventKind
{
    Started = 1,
    Paused = 2,
    Resumed = 3,
    Slowed = 4,
    Stopped = 5,
}

/// <summary>Start, pause, resume, slow or stop, with the time it happened, why, and who recorded it when.</summary>
public sealed class InfusionEvent
{
    private InfusionEvent()
    {
    }

    internal InfusionEvent(Guid sessionId, Guid patientId, InfusionEventKind kind, DateTime atUtc, string? reason, string? vialLot, decimal? rateMgPerHour, SessionActor by, DateTime nowUtc)
    {
        SessionId = sessionId;
        PatientId = patientId;
        Kind = kind;
        AtUtc = atUtc;
        Reason = reason;
        VialLot = vialLot;
        RateMgPerHour = rateMgPerHour;
        RecordedBy = by.Id;
        RecordedByName = by.Name;
        RecordedUtc = nowUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid SessionId { get; private set; }

    public Guid PatientId { get; private set; }

    public InfusionEventKind Kind { get; private set; }

    public DateTime AtUtc { get; private set; }

    public string? Reason { get; private set; }

    public string? VialLot { get; private set; }

    /// <summary>The new rate when slowed.</summary>
    public decimal? RateMgPerHour { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public string RecordedByName { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }
}

public enum VitalsKind
{
    Baseline = 1,
    Infusion = 2,
    Observation = 3,
}

/// <summary>One row of vital signs, saved as the nurse enters it.</summary>
public sealed class VitalsReading
{
    private VitalsReading()
    {
    }

    internal VitalsReading(Guid sessionId, Guid patientId, VitalsKind kind, DateTime takenUtc, VitalsInput input, SessionActor by, DateTime nowUtc)
    {
        SessionId = sessionId;
        PatientId = patientId;
        Kind = kind;
        TakenUtc = takenUtc;
        Systolic = input.Systolic;
        Diastolic = input.Diastolic;
        HeartRate = input.HeartRate;
        SpO2 = input.SpO2;
        RespiratoryRate = input.RespiratoryRate;
        TemperatureC = input.TemperatureC;
        Comment = string.IsNullOrWhiteSpace(input.Comment) ? null : input.Comment.Trim();
        RecordedBy = by.Id;
        RecordedByName = by.Name;
        RecordedUtc = nowUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid SessionId { get; private set; }

    public Guid PatientId { get; private set; }

    public VitalsKind Kind { get; private set; }

    public DateTime TakenUtc { get; private set; }

    public int Systolic { get; private set; }

    public int Diastolic { get; private set; }

    public int HeartRate { get; private set; }

    public int SpO2 { get; private set; }

    public int RespiratoryRate { get; private set; }

    public decimal? TemperatureC { get; private set; }

    public string? Comment { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public string RecordedByName { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }

    public VitalsInput ToInput() => new(Systolic, Diastolic, HeartRate, SpO2, RespiratoryRate, TemperatureC, Comment);
}

/// <summary>An alert raised by a reading; it stays open until a nurse or clinician acknowledges it with the action.</summary>
public sealed class SessionAlert
{
    private SessionAlert()
    {
    }

    internal SessionAlert(Guid sessionId, Guid patientId, Guid readingId, VitalsAlertRule rule, DateTime nowUtc)
    {
        SessionId = sessionId;
        PatientId = patientId;
        ReadingId = readingId;
        Kind = rule.Kind;
        Message = rule.Message;
        RaisedUtc = nowUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid SessionId { get; private set; }

    public Guid PatientId { get; private set; }

    public Guid ReadingId { get; private set; }

    public VitalsAlertKind Kind { get; private set; }

    public string Message { get; private set; } = "";

    public DateTime RaisedUtc { get; private set; }

    public DateTime? AcknowledgedUtc { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public string? AcknowledgedByName { get; private set; }

    public string? ActionTaken { get; private set; }

    public bool IsOpen => AcknowledgedUtc is null;

    internal void Acknowledge(string action, SessionActor by, DateTime nowUtc)
    {
        AcknowledgedUtc = nowUtc;
        AcknowledgedBy = by.Id;
        AcknowledgedByName = by.Name;
        ActionTaken = action.Trim();
    }
}

public enum SideEffectType
{
    Sedation = 1,
    Dissociation = 2,
    BloodPressureChange = 3,
    NauseaOrVomiting = 4,
    Anxiety = 5,
    Headache = 6,
    Dizziness = 7,
    LossOfConsciousness = 8,
    Other = 9,
}

public enum SideEffectSeverity
{
    Mild = 1,
    Moderate = 2,
    Severe = 3,
}

public enum SideEffectAction
{
    None = 0,
    Pause = 1,
    Slow = 2,
    Stop = 3,
    Antiemetic = 4,
    Reassurance = 5,
    Other = 6,
}

/// <summary>A side effect as entered (FHIR AdverseEvent).</summary>
public sealed record SideEffectInput(
    SideEffectType Type,
    string? OtherDescription,
    DateTime OnsetUtc,
    SideEffectSeverity Severity,
    int? Moaas,
    int? DissociationRating,
    int? Cadss,
    SideEffectAction Action,
    string? ActionNote,
    DateTime? ResolvedUtc);

/// <summary>A side effect recorded during the session: type, onset, severity, MOAA/S for sedation, a 0–4 dissociation
/// rating (CADSS optional), what was done, and when it resolved.</summary>
public sealed class SideEffect
{
    private SideEffect()
    {
    }

    internal SideEffect(Guid sessionId, Guid patientId, SessionActor by, DateTime nowUtc)
    {
        SessionId = sessionId;
        PatientId = patientId;
        RecordedBy = by.Id;
        RecordedByName = by.Name;
        RecordedUtc = nowUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid SessionId { get; private set; }

    public Guid PatientId { get; private set; }

    public SideEffectType Type { get; private set; }

    public string? OtherDescription { get; private set; }

    public DateTime OnsetUtc { get; private set; }

    public SideEffectSeverity Severity { get; private set; }

    /// <summary>Modified Observer's Assessment of Alertness/Sedation, 0 (no response) to 5 (responds readily to name).</summary>
    public int? Moaas { get; private set; }

    /// <summary>The clinician's dissociation rating 0–4.</summary>
    public int? DissociationRating { get; private set; }

    public int? Cadss { get; private set; }

    public SideEffectAction Action { get; private set; }

    public string? ActionNote { get; private set; }

    public DateTime? ResolvedUtc { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public string RecordedByName { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }

    internal void Apply(SideEffectInput input)
    {
        Type = input.Type;
        OtherDescription = string.IsNullOrWhiteSpace(input.OtherDescription) ? null : input.OtherDescription.Trim();
        OnsetUtc = input.OnsetUtc;
        Severity = input.Severity;
        Moaas = input.Moaas;
        DissociationRating = input.DissociationRating;
        Cadss = input.Cadss;
        Action = input.Action;
        ActionNote = string.IsNullOrWhiteSpace(input.ActionNote) ? null : input.ActionNote.Trim();
        ResolvedUtc = input.ResolvedUtc;
    }
}

/// <summary>What the nurse attests at discharge.</summary>
public sealed record DischargeAttestation(bool AlertAndAmbulatory, bool EscortPresent, bool InstructionsGiven);

public enum DischargeCriterion
{
    ObservationTime = 1,
    BloodPressure = 2,
    HeartRate = 3,
    SpO2 = 4,
    AlertAndAmbulatory = 5,
    EscortPresent = 6,
    InstructionsGiven = 7,
}

/// <summary>One discharge criterion and whether it is met, with the reason shown to the nurse.</summary>
public sealed record DischargeCheck(DischargeCriterion Criterion, bool Met, string Text);

/// <summary>A correction to a signed session: what it corrects, the new text, who, when and why. The original stays.</summary>
public sealed class SessionAmendment
{
    public const int MaxTextLength = 4000;

    private SessionAmendment()
    {
    }

    internal SessionAmendment(Guid sessionId, Guid patientId, string refersTo, string text, string reason, SessionActor by, DateTime nowUtc)
    {
        SessionId = sessionId;
        PatientId = patientId;
        RefersTo = refersTo;
        Text = text.Trim();
        Reason = reason.Trim();
        AuthorId = by.Id;
        AuthorName = by.Name;
        AtUtc = nowUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid SessionId { get; private set; }

    public Guid PatientId { get; private set; }

    /// <summary>What is corrected, e.g. "Nurse's note", "Vitals 10:20", "Side effect: nausea".</summary>
    public string RefersTo { get; private set; } = "";

    public string Text { get; private set; } = "";

    public string Reason { get; private set; } = "";

    public string AuthorId { get; private set; } = "";

    public string AuthorName { get; private set; } = "";

    public DateTime AtUtc { get; private set; }
}
