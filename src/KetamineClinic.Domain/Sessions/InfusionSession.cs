using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

/// <summary>
/// An infusion session (FHIR Encounter) for one booked infusion: check-in, the clinician's dose order, the infusion with
/// its events, timed vitals and alerts, side effects, observation, discharge and sign-off. Every rule is enforced here,
/// whatever a page shows. The protocol version in force at check-in is kept with the session, so its numbers decide.
/// Every change makes a new <see cref="Version"/>; a signed session never changes again — corrections are
/// <see cref="Amendments"/>.
/// </summary>
public sealed class InfusionSession : IVersioned
{
    public const int MaxReasonLength = 500;
    public const int MaxNoteLength = 8000;
    public const int MaxVialLotLength = 60;

    /// <summary>How far a corrected time may lie in the future (clock skew between devices).</summary>
    public static readonly TimeSpan FutureTolerance = TimeSpan.FromMinutes(2);

    private readonly List<DoseOrder> _orders = [];
    private readonly List<InfusionEvent> _events = [];
    private readonly List<VitalsReading> _vitals = [];
    private readonly List<SessionAlert> _alerts = [];
    private readonly List<SideEffect> _sideEffects = [];
    private readonly List<SessionAmendment> _amendments = [];

    private InfusionSession()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid AppointmentId { get; private set; }

    public Guid PatientId { get; private set; }

    public Guid CourseId { get; private set; }

    public Guid ProtocolId { get; private set; }

    public int ProtocolVersion { get; private set; }

    public ProtocolSettings Protocol { get; private set; } = null!;

    public SessionPhase Phase { get; private set; } = SessionPhase.Booked;

    public CheckInRecord? CheckIn { get; private set; }

    public bool GoAheadRequired { get; private set; }

    public DateTime? GoAheadUtc { get; private set; }

    public string? GoAheadByName { get; private set; }

    public string? GoAheadNote { get; private set; }

    public bool StoppedEarly { get; private set; }

    public string? EndReason { get; private set; }

    public DateTime? DischargedUtc { get; private set; }

    public string? DischargedByName { get; private set; }

    /// <summary>The nurse's free-text note, saved as a draft while typed.</summary>
    public string? NurseNote { get; private set; }

    public DateTime? NurseCompletedUtc { get; private set; }

    public string? NurseCompletedByName { get; private set; }

    public DateTime? SignedUtc { get; private set; }

    public string? SignedBy { get; private set; }

    public string? SignedByName { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<DoseOrder> Orders => _orders;

    public IReadOnlyList<InfusionEvent> Events => _events;

    public IReadOnlyList<VitalsReading> Vitals => _vitals;

    public IReadOnlyList<SessionAlert> Alerts => _alerts;

    public IReadOnlyList<SideEffect> SideEffects => _sideEffects;

    public IReadOnlyList<SessionAmendment> Amendments => _amendments;

    public DoseOrder? CurrentOrder => _orders.FirstOrDefault(o => o.IsCurrent);

    public DateTime? InfusionStartUtc => _events.FirstOrDefault(e => e.Kind == InfusionEventKind.Started)?.AtUtc;

    public DateTime? InfusionStopUtc => _events.FirstOrDefault(e => e.Kind == InfusionEventKind.Stopped)?.AtUtc;

    public bool IsPaused => _events.Where(e => e.Kind is InfusionEventKind.Paused or InfusionEventKind.Resumed).OrderBy(e => e.AtUtc).LastOrDefault()?.Kind == InfusionEventKind.Paused;

    public bool IsSigned => Phase == SessionPhase.Signed;

    /// <summary>The rate running now: the latest slowed rate, else the order's rate.</summary>
    public decimal? CurrentRateMgPerHour =>
        _events.Where(e => e.Kind == InfusionEventKind.Slowed).OrderBy(e => e.AtUtc).LastOrDefault()?.RateMgPerHour ?? CurrentOrder?.RateMgPerHour;

    /// <summary>Opens the session of a booked infusion, under the protocol version of its course.</summary>
    public static InfusionSession Open(Guid appointmentId, Guid patientId, Guid courseId, Protocol protocol, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return new InfusionSession
        {
            AppointmentId = appointmentId,
            PatientId = patientId,
            CourseId = courseId,
            ProtocolId = protocol.Id,
            ProtocolVersion = protocol.VersionNumber,
            Protocol = protocol.Settings,
            CreatedUtc = nowUtc,
        };
    }

    /// <summary>The pre-session checklist. Every item must be answered and met: fasting against the protocol, escort
    /// name and phone, medicines held, consent and eligibility current, a weight within the protocol's maximum age, and
    /// baseline vitals. A baseline above the go-ahead threshold is recorded and then needs a clinician's go-ahead.</summary>
    public Result<InfusionSession> RecordCheckIn(CheckInInput input, CheckInFacts facts, SessionActor by, DateTime nowUtc, DateOnly todayInClinic)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(by);
        if (Guard(SessionPhase.CheckedIn, SessionPhase.Booked) is { } illegal)
        {
            return illegal;
        }

        var problems = CheckInProblems(Protocol, input, facts, nowUtc, todayInClinic);
        if (problems.Count > 0)
        {
            return SessionErrors.CheckInIncomplete(problems);
        }

        CheckIn = new CheckInRecord
        {
            LastSolidFoodUtc = input.LastSolidFoodUtc!.Value,
            LastClearLiquidUtc = input.LastClearLiquidUtc!.Value,
            EscortName = input.EscortName!.Trim(),
            EscortPhone = input.EscortPhone!.Trim(),
            MedicinesHeld = true,
            ConsentCurrent = true,
            EligibilityCurrent = true,
            WeightKg = input.WeightKg!.Value,
            WeightMeasuredOn = input.WeightMeasuredOn!.Value,
            CheckedInUtc = nowUtc,
            CheckedInBy = by.Name,
        };
        var baseline = new VitalsReading(Id, PatientId, VitalsKind.Baseline, nowUtc, input.Baseline!, by, nowUtc);
        _vitals.Add(baseline);
        RaiseAlerts(baseline, nowUtc);
        GoAheadRequired = VitalsThresholds.NeedsGoAhead(Protocol, input.Baseline!);
        Phase = SessionPhase.CheckedIn;
        return Touch();
    }

    /// <summary>Every unmet checklist item, in words; empty when the patient may proceed.</summary>
    public static IReadOnlyList<string> CheckInProblems(ProtocolSettings protocol, CheckInInput input, CheckInFacts facts, DateTime nowUtc, DateOnly todayInClinic) =>
        CheckInFindings(protocol, input, facts, nowUtc, todayInClinic).Select(p => p.Text).ToList();

    /// <summary>Every unmet checklist item with the item it concerns, so a form can show each at its field.</summary>
    public static IReadOnlyList<CheckInProblem> CheckInFindings(ProtocolSettings protocol, CheckInInput input, CheckInFacts facts, DateTime nowUtc, DateOnly todayInClinic)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(facts);
        var problems = new List<CheckInProblem>();
        var start = facts.PlannedStartUtc > nowUtc ? facts.PlannedStartUtc : nowUtc;
        if (input.LastSolidFoodUtc is not { } solid)
        {
            problems.Add(new(CheckInItem.SolidFood, "Enter when the patient last ate solid food."));
        }
        else if (solid > nowUtc + FutureTolerance)
        {
            problems.Add(new(CheckInItem.SolidFood, "The last solid food cannot be in the future."));
        }
        else if (start - solid < TimeSpan.FromHours(protocol.FastingSolidHours))
        {
            problems.Add(new(CheckInItem.SolidFood, $"Solid food less than {protocol.FastingSolidHours} h before the infusion: the protocol asks for {protocol.FastingSolidHours} h of fasting."));
        }

        if (input.LastClearLiquidUtc is not { } liquid)
        {
            problems.Add(new(CheckInItem.ClearLiquid, "Enter when the patient last drank clear liquids."));
        }
        else if (liquid > nowUtc + FutureTolerance)
        {
            problems.Add(new(CheckInItem.ClearLiquid, "The last clear liquid cannot be in the future."));
        }
        else if (start - liquid < TimeSpan.FromHours(protocol.FastingClearLiquidHours))
        {
            problems.Add(new(CheckInItem.ClearLiquid, $"Clear liquids less than {protocol.FastingClearLiquidHours} h before the infusion."));
        }

        if (string.IsNullOrWhiteSpace(input.EscortName) || string.IsNullOrWhiteSpace(input.EscortPhone))
        {
            problems.Add(new(CheckInItem.Escort, "Enter the escort's name and phone number: the patient cannot go home alone."));
        }

        if (input.MedicinesHeldAsInstructed is not true)
        {
            problems.Add(new(CheckInItem.MedicinesHeld, "Confirm the medicines to hold were held as instructed, or ask the clinician."));
        }

        if (!facts.ConsentCurrent)
        {
            problems.Add(new(CheckInItem.Consent, "No current consent on file: the clinician records consent first."));
        }

        if (!facts.EligibilityCurrent)
        {
            problems.Add(new(CheckInItem.Eligibility, "The patient's eligibility is not current (latest intake decision or course)."));
        }

        if (input.WeightKg is not { } kg || input.WeightMeasuredOn is not { } measured)
        {
            problems.Add(new(CheckInItem.Weight, "Enter the patient's weight."));
        }
        else if (kg is < DoseCalculation.MinWeightKg or > DoseCalculation.MaxWeightKg)
        {
            problems.Add(new(CheckInItem.Weight, SessionErrors.WeightRange.Message));
        }
        else if (DoseCalculation.WeightIsStale(measured, todayInClinic, protocol.MaxWeightAgeDays))
        {
            problems.Add(new(CheckInItem.Weight, $"The weight is older than {protocol.MaxWeightAgeDays} days: weigh the patient again."));
        }

        if (input.Baseline is not { } baseline)
        {
            problems.Add(new(CheckInItem.Baseline, "Enter the baseline vital signs."));
        }
        else if (baseline.Check() is { } invalid)
        {
            problems.Add(new(CheckInItem.Baseline, invalid.Message));
        }

        return problems;
    }

    /// <summary>A clinician's go-ahead to start despite a high baseline blood pressure.</summary>
    public Result<InfusionSession> GiveGoAhead(string? note, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsClinician)
        {
            return SessionErrors.ClinicianOnly("give the go-ahead");
        }

        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        if (Phase is not (SessionPhase.CheckedIn or SessionPhase.Ordered))
        {
            return SessionErrors.IllegalTransition(Phase, "give a go-ahead");
        }

        if (!GoAheadRequired)
        {
            return SessionErrors.GoAheadNotNeeded;
        }

        GoAheadUtc = nowUtc;
        GoAheadByName = by.Name;
        GoAheadNote = Clean(note);
        return Touch();
    }

    /// <summary>The clinician's dose order; a new one replaces the current order and the old one is kept.</summary>
    public Result<DoseFigures> Order(DoseInput input, SessionActor by, DateTime nowUtc, DateOnly todayInClinic)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsClinician)
        {
            return SessionErrors.ClinicianOnly("order a dose");
        }

        if (Guard(SessionPhase.Ordered, SessionPhase.CheckedIn, SessionPhase.Ordered) is { } illegal)
        {
            return illegal;
        }

        var figures = DoseCalculation.Compute(Protocol, input, todayInClinic);
        if (!figures.IsSuccess)
        {
            return figures;
        }

        CurrentOrder?.Replace(nowUtc);
        _orders.Add(new DoseOrder(Id, PatientId, Protocol, ProtocolVersion, figures.Value, input.WeightMeasuredOn, input.OverrideReason, by, nowUtc));
        Phase = SessionPhase.Ordered;
        Touch();
        return figures;
    }

    /// <summary>Starts the infusion: needs a current order on a current weight, the checklist, and the go-ahead when the
    /// baseline was high.</summary>
    public Result<InfusionSession> Start(DateTime atUtc, string? vialLot, SessionActor by, DateTime nowUtc, DateOnly todayInClinic)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Guard(SessionPhase.Infusing, SessionPhase.Ordered) is { } illegal)
        {
            return illegal;
        }

        if (CheckIn is null || CurrentOrder is not { } order)
        {
            return SessionErrors.NoOrder;
        }

        if (DoseCalculation.WeightIsStale(order.WeightMeasuredOn, todayInClinic, Protocol.MaxWeightAgeDays))
        {
            return SessionErrors.StaleWeight(Protocol.MaxWeightAgeDays);
        }

        if (GoAheadRequired && GoAheadUtc is null)
        {
            return SessionErrors.GoAheadMissing(Protocol);
        }

        if (string.IsNullOrWhiteSpace(vialLot) || vialLot.Trim().Length > MaxVialLotLength)
        {
            return SessionErrors.VialLotRequired;
        }

        // A corrected start time cannot precede what the start depends on: the checklist, the order and the go-ahead.
        var notBefore = new[] { CheckIn.CheckedInUtc, order.OrderedUtc, GoAheadUtc ?? DateTime.MinValue }.Max();
        if (CheckTime(atUtc, notBefore, nowUtc) is { } badTime)
        {
            return badTime;
        }

        _events.Add(new InfusionEvent(Id, PatientId, InfusionEventKind.Started, atUtc, null, vialLot.Trim(), order.RateMgPerHour, by, nowUtc));
        Phase = SessionPhase.Infusing;
        return Touch();
    }

    public Result<InfusionSession> Pause(DateTime atUtc, string? reason, SessionActor by, DateTime nowUtc) =>
        InfusionChange(InfusionEventKind.Paused, atUtc, reason, null, by, nowUtc, requireReason: true);

    public Result<InfusionSession> Resume(DateTime atUtc, SessionActor by, DateTime nowUtc) =>
        InfusionChange(InfusionEventKind.Resumed, atUtc, null, null, by, nowUtc, requireReason: false);

    public Result<InfusionSession> Slow(DateTime atUtc, decimal newRateMgPerHour, string? reason, SessionActor by, DateTime nowUtc)
    {
        // Below the rate running now, not only the order's: a second slowing must slow it further.
        if (Phase == SessionPhase.Infusing && CurrentRateMgPerHour is { } current && (newRateMgPerHour <= 0 || newRateMgPerHour >= current))
        {
            return SessionErrors.SlowerRate(current);
        }

        return InfusionChange(InfusionEventKind.Slowed, atUtc, reason, newRateMgPerHour, by, nowUtc, requireReason: true);
    }

    /// <summary>Stops the infusion; observation starts. Stopping before the ordered duration needs a reason.</summary>
    public Result<InfusionSession> Stop(DateTime atUtc, string? reason, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Guard(SessionPhase.Observing, SessionPhase.Infusing) is { } illegal)
        {
            return illegal;
        }

        // Early means less drug given than ordered: paused stretches do not count as infusing.
        var early = CurrentOrder is { } order && InfusedFor(atUtc) < TimeSpan.FromMinutes(order.DurationMinutes);
        var result = InfusionChange(InfusionEventKind.Stopped, atUtc, reason, null, by, nowUtc, requireReason: early);
        if (!result.IsSuccess)
        {
            return result;
        }

        StoppedEarly = early;
        EndReason = early ? Clean(reason) : null;
        Phase = SessionPhase.Observing;
        return Touch();
    }

    /// <summary>Ends a session that will not reach the infusion (fasting not met, high blood pressure, patient's
    /// wish...), with the reason. The record is then completed and signed as usual.</summary>
    public Result<InfusionSession> MarkNotStarted(string? reason, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (Guard(SessionPhase.NotStarted, SessionPhase.Booked, SessionPhase.CheckedIn, SessionPhase.Ordered) is { } illegal)
        {
            return illegal;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return SessionErrors.ReasonRequired;
        }

        EndReason = reason.Trim();
        Phase = SessionPhase.NotStarted;
        CurrentOrder?.Replace(nowUtc);
        return Touch();
    }

    /// <summary>Records a row of vitals; the reading's alerts are raised at once. Allowed from check-in until discharge.</summary>
    public Result<VitalsReading> RecordVitals(VitalsInput input, DateTime takenUtc, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        if (Phase is not (SessionPhase.CheckedIn or SessionPhase.Ordered or SessionPhase.Infusing or SessionPhase.Observing))
        {
            return SessionErrors.IllegalTransition(Phase, "record vitals");
        }

        if (input.Check() is { } invalid)
        {
            return invalid;
        }

        if (CheckTime(takenUtc, CheckIn!.CheckedInUtc.AddMinutes(-30), nowUtc) is { } badTime)
        {
            return badTime;
        }

        var kind = InfusionStopUtc is { } stop && takenUtc >= stop ? VitalsKind.Observation
            : InfusionStartUtc is { } start && takenUtc >= start ? VitalsKind.Infusion
            : VitalsKind.Baseline;
        var reading = new VitalsReading(Id, PatientId, kind, takenUtc, input, by, nowUtc);
        _vitals.Add(reading);
        RaiseAlerts(reading, nowUtc);
        Touch();
        return reading;
    }

    public Result<SessionAlert> AcknowledgeAlert(Guid alertId, string? actionTaken, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        var alert = _alerts.FirstOrDefault(a => a.Id == alertId);
        if (alert is null)
        {
            return SessionErrors.AlertNotFound;
        }

        if (!alert.IsOpen)
        {
            return SessionErrors.AlertAcknowledged;
        }

        if (string.IsNullOrWhiteSpace(actionTaken) || actionTaken.Trim().Length > MaxReasonLength)
        {
            return SessionErrors.ActionRequired;
        }

        alert.Acknowledge(actionTaken, by, nowUtc);
        Touch();
        return alert;
    }

    /// <summary>Adds a side effect, or changes one (e.g. its resolution time) while the session is open.</summary>
    public Result<SideEffect> RecordSideEffect(Guid? sideEffectId, SideEffectInput input, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        if (Phase == SessionPhase.Booked)
        {
            return SessionErrors.IllegalTransition(Phase, "record a side effect");
        }

        if (NurseCompletedUtc is not null)
        {
            return SessionErrors.AlreadyCompleted;
        }

        if (CheckSideEffect(input, nowUtc) is { } invalid)
        {
            return invalid;
        }

        var effect = sideEffectId is { } id ? _sideEffects.FirstOrDefault(s => s.Id == id) : new SideEffect(Id, PatientId, by, nowUtc);
        if (effect is null)
        {
            return SessionErrors.SideEffectNotFound;
        }

        effect.Apply(input);
        if (sideEffectId is null)
        {
            _sideEffects.Add(effect);
        }

        Touch();
        return effect;
    }

    /// <summary>Which discharge criteria are met now: observation time since the stop, the latest observation vitals
    /// within the discharge limits, and the nurse's attestations.</summary>
    public IReadOnlyList<DischargeCheck> DischargeChecks(DischargeAttestation attestation, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        var checks = new List<DischargeCheck>();
        var stop = InfusionStopUtc;
        var observed = stop is { } s ? nowUtc - s : TimeSpan.Zero;
        checks.Add(new(DischargeCriterion.ObservationTime, stop is not null && observed >= TimeSpan.FromMinutes(Protocol.ObservationMinutes),
            stop is null
                ? "Observation has not started."
                : $"Observed {Math.Max(0, (int)observed.TotalMinutes)} of {Protocol.ObservationMinutes} min."));
        var latest = stop is { } st ? _vitals.Where(v => v.TakenUtc >= st).OrderBy(v => v.TakenUtc).LastOrDefault() : null;
        if (latest is null)
        {
            checks.Add(new(DischargeCriterion.BloodPressure, false, "No vitals since the infusion stopped."));
            checks.Add(new(DischargeCriterion.HeartRate, false, "No vitals since the infusion stopped."));
            checks.Add(new(DischargeCriterion.SpO2, false, "No vitals since the infusion stopped."));
        }
        else
        {
            var (bp, hr, spo2) = VitalsThresholds.MeetsDischarge(Protocol, latest.ToInput());
            checks.Add(new(DischargeCriterion.BloodPressure, bp, $"Latest BP {latest.Systolic}/{latest.Diastolic} (at most {Protocol.DischargeMaxSystolic}/{Protocol.DischargeMaxDiastolic})."));
            checks.Add(new(DischargeCriterion.HeartRate, hr, $"Latest heart rate {latest.HeartRate} ({Protocol.DischargeMinHeartRate}–{Protocol.DischargeMaxHeartRate})."));
            checks.Add(new(DischargeCriterion.SpO2, spo2, $"Latest SpO2 {latest.SpO2} % (at least {Protocol.DischargeMinSpO2} %)."));
        }

        checks.Add(new(DischargeCriterion.AlertAndAmbulatory, attestation.AlertAndAmbulatory, "Alert and walking steadily."));
        checks.Add(new(DischargeCriterion.EscortPresent, attestation.EscortPresent, CheckIn is { } c ? $"Escort {c.EscortName} present." : "Escort present."));
        checks.Add(new(DischargeCriterion.InstructionsGiven, attestation.InstructionsGiven,
            "Discharge instructions given: no driving or important decisions for 24 h, no alcohol or cannabis for 24 h, no opioids or benzodiazepines for 4 h."));
        return checks;
    }

    public Result<InfusionSession> Discharge(DischargeAttestation attestation, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(attestation);
        ArgumentNullException.ThrowIfNull(by);
        if (Guard(SessionPhase.Discharged, SessionPhase.Observing) is { } illegal)
        {
            return illegal;
        }

        var unmet = DischargeChecks(attestation, nowUtc).Where(c => !c.Met).ToList();
        if (unmet.Count > 0)
        {
            return SessionErrors.DischargeNotMet(unmet.Select(c => c.Text));
        }

        DischargedUtc = nowUtc;
        DischargedByName = by.Name;
        Phase = SessionPhase.Discharged;
        return Touch();
    }

    /// <summary>The nurse's note, saved as it is typed (a draft until the record is completed).</summary>
    public Result<InfusionSession> SaveNote(string? note, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed() || NurseCompletedUtc is not null)
        {
            return SessionErrors.Closed(Phase);
        }

        if (note?.Length > MaxNoteLength)
        {
            return SessionErrors.NoteTooLong;
        }

        NurseNote = string.IsNullOrWhiteSpace(note) ? null : note;
        return Touch();
    }

    /// <summary>The nurse completes the record after discharge (or after "not started"); then a clinician signs.</summary>
    public Result<InfusionSession> CompleteRecord(SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        if (Phase is not (SessionPhase.Discharged or SessionPhase.NotStarted))
        {
            return SessionErrors.IllegalTransition(Phase, "complete the record");
        }

        if (NurseCompletedUtc is not null)
        {
            return SessionErrors.AlreadyCompleted;
        }

        if (_alerts.Any(a => a.IsOpen))
        {
            return SessionErrors.OpenAlerts;
        }

        NurseCompletedUtc = nowUtc;
        NurseCompletedByName = by.Name;
        return Touch();
    }

    /// <summary>A clinician signs the completed record. After this the session never changes.</summary>
    public Result<InfusionSession> Sign(SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!by.IsClinician)
        {
            return SessionErrors.ClinicianOnly("sign the session");
        }

        if (IsSigned)
        {
            return SessionErrors.Closed(Phase);
        }

        if (NurseCompletedUtc is null)
        {
            return SessionErrors.NotCompleted;
        }

        SignedUtc = nowUtc;
        SignedBy = by.Id;
        SignedByName = by.Name;
        Phase = SessionPhase.Signed;
        return Touch();
    }

    /// <summary>A correction to a signed session, kept beside the original with its author, time and reason.</summary>
    public Result<SessionAmendment> Amend(string? refersTo, string? text, string? reason, SessionActor by, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (!IsSigned)
        {
            return SessionErrors.AmendOnlySigned;
        }

        if (string.IsNullOrWhiteSpace(refersTo) || refersTo.Trim().Length > 200)
        {
            return SessionErrors.AmendRefersTo;
        }

        if (string.IsNullOrWhiteSpace(text) || text.Trim().Length > SessionAmendment.MaxTextLength)
        {
            return SessionErrors.AmendText;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return SessionErrors.ReasonRequired;
        }

        var amendment = new SessionAmendment(Id, PatientId, refersTo.Trim(), text, reason, by, nowUtc);
        _amendments.Add(amendment);
        Version = Guid.NewGuid();
        return amendment;
    }

    /// <summary>How long the drug has run by <paramref name="atUtc"/> (or by the stop): from the start, without the
    /// paused stretches. The session page and the floor both show this.</summary>
    public TimeSpan InfusedFor(DateTime atUtc)
    {
        if (InfusionStartUtc is not { } start)
        {
            return TimeSpan.Zero;
        }

        var until = InfusionStopUtc is { } stop && stop < atUtc ? stop : atUtc;
        var paused = TimeSpan.Zero;
        DateTime? pausedAt = null;
        foreach (var e in _events.Where(e => e.Kind is InfusionEventKind.Paused or InfusionEventKind.Resumed && e.AtUtc <= until).OrderBy(e => e.AtUtc))
        {
            if (e.Kind == InfusionEventKind.Paused)
            {
                pausedAt ??= e.AtUtc;
            }
            else if (pausedAt is { } from)
            {
                paused += e.AtUtc - from;
                pausedAt = null;
            }
        }

        if (pausedAt is { } stillPaused && until > stillPaused)
        {
            paused += until - stillPaused;
        }

        var infused = until - start - paused;
        return infused > TimeSpan.Zero ? infused : TimeSpan.Zero;
    }

    /// <summary>The readings due and whether each was taken (empty before the infusion starts). The infusion lasts as
    /// long as its order says, which may differ from the protocol's default duration.</summary>
    public IReadOnlyList<DueReading> DueReadings(DateTime nowUtc) =>
        InfusionStartUtc is { } start
            ? ReadingSchedule.For(CurrentOrder is { } order ? Protocol with { InfusionMinutes = order.DurationMinutes } : Protocol, start, InfusionStopUtc, _vitals.Where(v => v.Kind != VitalsKind.Baseline).Select(v => v.TakenUtc), nowUtc)
            : [];

    /// <summary>The legal transitions (the state machine); anything else is refused with the reason.</summary>
    public static bool Allowed(SessionPhase from, SessionPhase to) => (from, to) switch
    {
        (SessionPhase.Booked, SessionPhase.CheckedIn or SessionPhase.NotStarted) => true,
        (SessionPhase.CheckedIn, SessionPhase.Ordered or SessionPhase.NotStarted) => true,
        (SessionPhase.Ordered, SessionPhase.Ordered or SessionPhase.Infusing or SessionPhase.NotStarted) => true,
        (SessionPhase.Infusing, SessionPhase.Observing) => true,
        (SessionPhase.Observing, SessionPhase.Discharged) => true,
        (SessionPhase.Discharged or SessionPhase.NotStarted, SessionPhase.Signed) => true,
        _ => false,
    };

    private Result<InfusionSession> InfusionChange(InfusionEventKind kind, DateTime atUtc, string? reason, decimal? rate, SessionActor by, DateTime nowUtc, bool requireReason)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        if (Phase != SessionPhase.Infusing)
        {
            return SessionErrors.IllegalTransition(Phase, kind switch
            {
                InfusionEventKind.Paused => "pause the infusion",
                InfusionEventKind.Resumed => "resume the infusion",
                InfusionEventKind.Slowed => "slow the infusion",
                _ => "stop the infusion",
            });
        }

        if (kind == InfusionEventKind.Paused && IsPaused)
        {
            return SessionErrors.AlreadyPaused;
        }

        if (kind == InfusionEventKind.Resumed && !IsPaused)
        {
            return SessionErrors.NotPaused;
        }

        if (requireReason && (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength))
        {
            return SessionErrors.ReasonRequired;
        }

        if (CheckTime(atUtc, _events.Max(e => e.AtUtc), nowUtc) is { } badTime)
        {
            return badTime;
        }

        _events.Add(new InfusionEvent(Id, PatientId, kind, atUtc, Clean(reason), null, rate, by, nowUtc));
        return Touch();
    }

    private static DomainError? CheckTime(DateTime atUtc, DateTime notBeforeUtc, DateTime nowUtc)
    {
        if (atUtc > nowUtc + FutureTolerance)
        {
            return SessionErrors.TimeInFuture;
        }

        return atUtc < notBeforeUtc ? SessionErrors.TimeBefore(notBeforeUtc) : null;
    }

    private static DomainError? CheckSideEffect(SideEffectInput input, DateTime nowUtc)
    {
        if (!Enum.IsDefined(input.Type) || !Enum.IsDefined(input.Severity) || !Enum.IsDefined(input.Action))
        {
            return SessionErrors.SideEffectFields;
        }

        if (input.Type == SideEffectType.Other && string.IsNullOrWhiteSpace(input.OtherDescription))
        {
            return SessionErrors.SideEffectDescribe;
        }

        if (input.Type == SideEffectType.Sedation && input.Moaas is null)
        {
            return SessionErrors.MoaasRequired;
        }

        if (input.Moaas is < 0 or > 5)
        {
            return SessionErrors.MoaasRange;
        }

        if (input.Type == SideEffectType.Dissociation && input.DissociationRating is null)
        {
            return SessionErrors.DissociationRequired;
        }

        if (input.DissociationRating is < 0 or > 4)
        {
            return SessionErrors.DissociationRange;
        }

        if (input.Cadss is < 0 or > 92)
        {
            return SessionErrors.CadssRange;
        }

        if (input.Action == SideEffectAction.Other && string.IsNullOrWhiteSpace(input.ActionNote))
        {
            return SessionErrors.ActionNoteRequired;
        }

        if (input.OnsetUtc > nowUtc + FutureTolerance || input.ResolvedUtc > nowUtc + FutureTolerance)
        {
            return SessionErrors.TimeInFuture;
        }

        return input.ResolvedUtc is { } resolved && resolved < input.OnsetUtc ? SessionErrors.ResolvedBeforeOnset : null;
    }

    private void RaiseAlerts(VitalsReading reading, DateTime nowUtc)
    {
        foreach (var rule in VitalsThresholds.Alerts(Protocol, reading.ToInput()))
        {
            _alerts.Add(new SessionAlert(Id, PatientId, reading.Id, rule, nowUtc));
        }
    }

    private DomainError? Guard(SessionPhase to, params SessionPhase[] from)
    {
        if (IsClosed())
        {
            return SessionErrors.Closed(Phase);
        }

        return from.Contains(Phase) && Allowed(Phase, to) ? null : SessionErrors.IllegalTransition(Phase, to);
    }

    private bool IsClosed() => Phase == SessionPhase.Signed;

    private InfusionSession Touch()
    {
        Version = Guid.NewGuid();
        return this;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
