using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

/// <summary>One set of vital signs as entered (LOINC: systolic 8480-6, diastolic 8462-4, heart rate 8867-4, SpO2
/// 2708-6, respiratory rate 9279-1, temperature 8310-5).</summary>
public sealed record VitalsInput(int Systolic, int Diastolic, int HeartRate, int SpO2, int RespiratoryRate, decimal? TemperatureC = null, string? Comment = null)
{
    public const int MaxCommentLength = 500;

    /// <summary>Plausibility limits: a value outside them is a typing error, not a reading.</summary>
    public DomainError? Check()
    {
        if (Systolic is < 50 or > 300)
        {
            return SessionErrors.VitalRange("Systolic pressure", 50, 300, "mmHg");
        }

        if (Diastolic is < 20 or > 200)
        {
            return SessionErrors.VitalRange("Diastolic pressure", 20, 200, "mmHg");
        }

        if (Diastolic >= Systolic)
        {
            return SessionErrors.DiastolicAboveSystolic;
        }

        if (HeartRate is < 20 or > 250)
        {
            return SessionErrors.VitalRange("Heart rate", 20, 250, "/min");
        }

        if (SpO2 is < 50 or > 100)
        {
            return SessionErrors.VitalRange("SpO2", 50, 100, "%");
        }

        if (RespiratoryRate is < 4 or > 60)
        {
            return SessionErrors.VitalRange("Respiratory rate", 4, 60, "/min");
        }

        if (TemperatureC is < 30 or > 43)
        {
            return SessionErrors.VitalRange("Temperature", 30, 43, "°C");
        }

        return Comment?.Trim().Length > MaxCommentLength ? SessionErrors.CommentTooLong : null;
    }
}

public enum VitalsAlertKind
{
    BloodPressureHigh = 1,
    HeartRateHigh = 2,
    OxygenLow = 3,
    BreathingSlow = 4,
}

/// <summary>An alert a reading raises, with what to do.</summary>
public sealed record VitalsAlertRule(VitalsAlertKind Kind, string Message);

/// <summary>The protocol's alert thresholds (domain.md, "Monitoring"), all settings of the protocol version.</summary>
public static class VitalsThresholds
{
    public static IReadOnlyList<VitalsAlertRule> Alerts(ProtocolSettings protocol, VitalsInput reading)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(reading);
        var alerts = new List<VitalsAlertRule>();
        if (reading.Systolic >= protocol.AlertSystolicAtOrAbove || reading.Diastolic >= protocol.AlertDiastolicAtOrAbove)
        {
            alerts.Add(new(VitalsAlertKind.BloodPressureHigh,
                $"Blood pressure {reading.Systolic}/{reading.Diastolic} is at or above {protocol.AlertSystolicAtOrAbove}/{protocol.AlertDiastolicAtOrAbove}: hold or stop the infusion."));
        }

        if (reading.HeartRate >= protocol.AlertHeartRateAtOrAbove)
        {
            alerts.Add(new(VitalsAlertKind.HeartRateHigh,
                $"Heart rate {reading.HeartRate} is at or above {protocol.AlertHeartRateAtOrAbove}: hold or stop the infusion."));
        }

        if (reading.SpO2 < protocol.AlertSpO2Below)
        {
            alerts.Add(new(VitalsAlertKind.OxygenLow, $"SpO2 {reading.SpO2} % is below {protocol.AlertSpO2Below} %: check the airway and breathing, give oxygen, stop the infusion."));
        }

        if (reading.RespiratoryRate < protocol.AlertRespiratoryRateBelow)
        {
            alerts.Add(new(VitalsAlertKind.BreathingSlow, $"Respiratory rate {reading.RespiratoryRate} is below {protocol.AlertRespiratoryRateBelow}: rouse the patient, stop the infusion, call the clinician."));
        }

        return alerts;
    }

    /// <summary>A baseline above this needs a clinician's go-ahead before the infusion may start (default 140/90).</summary>
    public static bool NeedsGoAhead(ProtocolSettings protocol, VitalsInput baseline)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(baseline);
        return baseline.Systolic > protocol.GoAheadSystolicAbove || baseline.Diastolic > protocol.GoAheadDiastolicAbove;
    }

    /// <summary>Which discharge limits a reading meets.</summary>
    public static (bool BloodPressure, bool HeartRate, bool SpO2) MeetsDischarge(ProtocolSettings protocol, VitalsInput reading)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(reading);
        return (reading.Systolic <= protocol.DischargeMaxSystolic && reading.Diastolic <= protocol.DischargeMaxDiastolic,
            reading.HeartRate >= protocol.DischargeMinHeartRate && reading.HeartRate <= protocol.DischargeMaxHeartRate,
            reading.SpO2 >= protocol.DischargeMinSpO2);
    }
}
