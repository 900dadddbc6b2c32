using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

public static class SessionErrors
{
    public static readonly DomainError NotFound = new("session.not_found", "There is no such session.");
    public static readonly DomainError NotAnInfusion = new("session.not_infusion", "Only an infusion or booster booking has an infusion session.");
    public static readonly DomainError DosePositive = new("session.dose_positive", "Enter a dose above zero.");
    public static readonly DomainError WeightRange = new("session.weight_range", $"Enter a weight from {DoseCalculation.MinWeightKg:0} to {DoseCalculation.MaxWeightKg:0} kg.");
    public static readonly DomainError DurationRange = new("session.duration", $"Enter a duration from 1 to {DoseCalculation.MaxDurationMinutes} minutes.");
    public static readonly DomainError DiastolicAboveSystolic = new("session.bp_order", "The diastolic pressure must be below the systolic.");
    public static readonly DomainError CommentTooLong = new("session.comment", $"The comment can be at most {VitalsInput.MaxCommentLength} characters.");
    public static readonly DomainError GoAheadNotNeeded = new("session.go_ahead_not_needed", "The baseline blood pressure does not need a go-ahead.");
    public static readonly DomainError NoOrder = new("session.no_order", "The infusion needs the checklist and a clinician's dose order first.");
    public static readonly DomainError VialLotRequired = new("session.vial_lot", $"Enter the vial's lot number (up to {InfusionSession.MaxVialLotLength} characters).");
    public static readonly DomainError ReasonRequired = new("session.reason", $"Say why (up to {InfusionSession.MaxReasonLength} characters).");
    public static readonly DomainError ActionRequired = new("session.action", "Say what was done about the alert.");
    public static readonly DomainError AlertNotFound = new("session.alert_not_found", "There is no such alert on this session.");
    public static readonly DomainError AlertAcknowledged = new("session.alert_acknowledged", "This alert was already acknowledged.");
    public static readonly DomainError AlreadyPaused = new("session.paused", "The infusion is already paused.");
    public static readonly DomainError NotPaused = new("session.not_paused", "The infusion is not paused.");
    public static readonly DomainError TimeInFuture = new("session.time_future", "The time cannot be in the future.");
    public static readonly DomainError SideEffectFields = new("session.side_effect", "Choose the side effect, its severity and the action taken.");
    public static readonly DomainError SideEffectDescribe = new("session.side_effect_other", "Describe the side effect.");
    public static readonly DomainError SideEffectNotFound = new("session.side_effect_not_found", "There is no such side effect on this session.");
    public static readonly DomainError MoaasRequired = new("session.moaas", "Rate sedation on the MOAA/S scale (0–5).");
    public static readonly DomainError MoaasRange = new("session.moaas_range", "MOAA/S is from 0 (no response) to 5 (responds readily to name).");
    public static readonly DomainError DissociationRequired = new("session.dissociation", "Rate dissociation from 0 to 4.");
    public static readonly DomainError DissociationRange = new("session.dissociation_range", "The dissociation rating is from 0 to 4.");
    public static readonly DomainError CadssRange = new("session.cadss", "CADSS is from 0 to 92.");
    public static readonly DomainError ActionNoteRequired = new("session.action_note", "Describe the action taken.");
    public static readonly DomainError ResolvedBeforeOnset = new("session.resolved", "A side effect cannot resolve before it began.");
    public static readonly DomainError NoteTooLong = new("session.note", $"The note can be at most {InfusionSession.MaxNoteLength} characters.");
    public static readonly DomainError AlreadyCompleted = new("session.completed", "The nurse has completed this record; it waits for the clinician's signature.");
    public static readonly DomainError OpenAlerts = new("session.open_alerts", "Acknowledge every open alert, with the action taken, before completing the record.");
    public static readonly DomainError NotCompleted = new("session.not_completed", "The nurse completes the record before a clinician signs it.");
    public static readonly DomainError AmendOnlySigned = new("session.amend_unsigned", "Only a signed session is amended; until then, correct the record itself.");
    public static readonly DomainError AmendRefersTo = new("session.amend_refers", "Say what the amendment corrects.");
    public static readonly DomainError AmendText = new("session.amend_text", $"Enter the correction (up to {SessionAmendment.MaxTextLength} characters).");
    public static readonly DomainError Changed = new("session.changed", "Someone else changed this session meanwhile. Check what changed, then try again.");

    public static DomainError AboveCeiling(ProtocolSettings protocol) =>
        new("session.above_ceiling", $"Above the protocol's ceiling of {protocol.CeilingDose} {DoseCalculation.UnitText(protocol.DoseUnit)}: refused.");

    public static DomainError OverrideReasonRequired(ProtocolSettings protocol) =>
        new("session.override", $"Outside the usual range {protocol.UsualMinDose}–{protocol.UsualMaxDose} {DoseCalculation.UnitText(protocol.DoseUnit)}: give the reason for the override.");

    public static DomainError StaleWeight(int maxAgeDays) =>
        new("session.stale_weight", $"The weight is older than {maxAgeDays} days: weigh the patient again.");

    public static DomainError VitalRange(string what, int min, int max, string unit) =>
        new("session.vital_range", $"{what} must be from {min} to {max} {unit}.");

    public static DomainError CheckInIncomplete(IEnumerable<string> problems) =>
        new("session.check_in", string.Join(" ", problems));

    public static DomainError ClinicianOnly(string what) => new("session.clinician_only", $"Only a clinician can {what}.");

    public static DomainError GoAheadMissing(ProtocolSettings protocol) =>
        new("session.go_ahead", $"The baseline blood pressure was above {protocol.GoAheadSystolicAbove}/{protocol.GoAheadDiastolicAbove}: a clinician's go-ahead is needed before the infusion starts.");

    public static DomainError SlowerRate(decimal current) =>
        new("session.slower", $"Slowing needs a new rate above 0 and below the current {current.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture)} mg/h.");

    public static DomainError TimeBefore(DateTime notBeforeUtc) =>
        new("session.time_order", $"The time cannot be before the previous step ({notBeforeUtc:HH:mm} UTC).");

    public static DomainError DischargeNotMet(IEnumerable<string> unmet) =>
        new("session.discharge", "Not ready for discharge: " + string.Join(" ", unmet));

    public static DomainError Closed(SessionPhase phase) =>
        new("session.closed", phase == SessionPhase.Signed ? "The session is signed and cannot change; add an amendment instead." : "The session cannot change now.");

    public static DomainError IllegalTransition(SessionPhase from, SessionPhase to) =>
        new("session.transition", $"A session that is {PhaseText(from)} cannot become {PhaseText(to)}.");

    public static DomainError IllegalTransition(SessionPhase from, string what) =>
        new("session.transition", $"A session that is {PhaseText(from)} cannot {what}.");

    public static string PhaseText(SessionPhase phase) => phase switch
    {
        SessionPhase.Booked => "booked",
        SessionPhase.CheckedIn => "checked in",
        SessionPhase.Ordered => "ordered",
        SessionPhase.Infusing => "infusing",
        SessionPhase.Observing => "in observation",
        SessionPhase.Discharged => "discharged",
        SessionPhase.Signed => "signed",
        SessionPhase.NotStarted => "not started",
        _ => phase.ToString(),
    };
}
