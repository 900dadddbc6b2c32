using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>
/// One ordinary depression session on one day, step by step: check-in at 14:00 UTC (the planned start), order at
/// +5 min, start at +10, stop after the 40-minute infusion at +50, observation readings at +80 and +110, discharge at
/// +110, completion at +115, signature at +120. Each builder stops at one phase so a test can try the next step.
/// </summary>
internal static class SessionArrange
{
    public static readonly DateTime CheckInUtc = new(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc);
    public static readonly DateOnly Today = DateOnly.FromDateTime(CheckInUtc);
    public static readonly DateTime OrderUtc = CheckInUtc.AddMinutes(5);
    public static readonly DateTime StartUtc = CheckInUtc.AddMinutes(10);
    public static readonly DateTime StopUtc = StartUtc.AddMinutes(40);
    public static readonly DateTime DischargeUtc = StopUtc.AddMinutes(60);

    public static readonly SessionActor Nurse = new("nurse-1", "Nora Nurse", IsClinician: false);
    public static readonly SessionActor Clinician = new("clinician-1", "Dr Clara Kim", IsClinician: true);

    public static readonly VitalsInput NormalVitals = new(120, 80, 72, 98, 14);

    public static readonly DischargeAttestation AllAttested = new(AlertAndAmbulatory: true, EscortPresent: true, InstructionsGiven: true);

    public static ProtocolSettings Depression => Protocol.Defaults.Single(p => p.Indication == Indication.TreatmentResistantDepression);

    public static ProtocolSettings Pain => Protocol.Defaults.Single(p => p.Indication == Indication.ChronicPain);

    public static CheckInFacts Facts => new(ConsentCurrent: true, EligibilityCurrent: true, PlannedStartUtc: CheckInUtc);

    public static CheckInInput GoodCheckIn(VitalsInput? baseline = null) => new(
        LastSolidFoodUtc: CheckInUtc.AddHours(-8),
        LastClearLiquidUtc: CheckInUtc.AddHours(-3),
        EscortName: "Sam Lee",
        EscortPhone: "555-0100",
        MedicinesHeldAsInstructed: true,
        WeightKg: 82.4m,
        WeightMeasuredOn: Today.AddDays(-3),
        Baseline: baseline ?? NormalVitals);

    public static DoseInput StandardDose => new(0.5m, 82.4m, Today.AddDays(-3), 40, null);

    public static InfusionSession Booked(ProtocolSettings? settings = null) =>
        InfusionSession.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), ProtocolWith(settings ?? Depression), CheckInUtc.AddDays(-7));

    public static InfusionSession CheckedIn(VitalsInput? baseline = null, ProtocolSettings? settings = null)
    {
        var session = Booked(settings);
        Ok(session.RecordCheckIn(GoodCheckIn(baseline), Facts, Nurse, CheckInUtc, Today));
        return session;
    }

    public static InfusionSession Ordered(VitalsInput? baseline = null, DoseInput? dose = null)
    {
        var session = CheckedIn(baseline);
        Ok(session.Order(dose ?? StandardDose, Clinician, OrderUtc, Today));
        return session;
    }

    public static InfusionSession Infusing()
    {
        var session = Ordered();
        Ok(session.Start(StartUtc, "LOT-123", Nurse, StartUtc, Today));
        return session;
    }

    /// <summary>Stopped after the full 40 minutes; <paramref name="observationVitals"/> is taken at the end of the
    /// observation (+60 min), the moment the patient could go home.</summary>
    public static InfusionSession Observing(VitalsInput? observationVitals = null)
    {
        var session = Infusing();
        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));
        Ok(session.RecordVitals(NormalVitals, StopUtc.AddMinutes(30), Nurse, StopUtc.AddMinutes(30)));
        Ok(session.RecordVitals(observationVitals ?? NormalVitals, DischargeUtc, Nurse, DischargeUtc));
        return session;
    }

    public static InfusionSession Discharged()
    {
        var session = Observing();
        Ok(session.Discharge(AllAttested, Nurse, DischargeUtc));
        return session;
    }

    public static InfusionSession Completed()
    {
        var session = Discharged();
        Ok(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(5)));
        return session;
    }

    public static InfusionSession Signed()
    {
        var session = Completed();
        Ok(session.Sign(Clinician, DischargeUtc.AddMinutes(10)));
        return session;
    }

    public static InfusionSession NotStarted()
    {
        var session = CheckedIn();
        Ok(session.MarkNotStarted("Blood pressure stayed high", Nurse, CheckInUtc.AddMinutes(20)));
        return session;
    }

    public static Protocol ProtocolWith(ProtocolSettings settings) => Protocol.Create(settings, "admin", CheckInUtc.AddDays(-100)).Value;

    public static SideEffectInput Nausea(DateTime onsetUtc, DateTime? resolvedUtc = null) =>
        new(SideEffectType.NauseaOrVomiting, null, onsetUtc, SideEffectSeverity.Mild, null, null, null, SideEffectAction.Antiemetic, null, resolvedUtc);

    public static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, $"Expected success, got {result.Error}");
        return result.Value;
    }

    public static DomainError Refused<T>(Result<T> result)
    {
        Assert.False(result.IsSuccess, "Expected the operation to be refused, but it was accepted.");
        return result.Error!;
    }
}
