using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Web.Features.Admin.Protocols;

/// <summary>What the protocol form edits: every <see cref="ProtocolSettings"/> number, mutable for binding.</summary>
public sealed class ProtocolFormModel
{
    public string Name { get; set; } = "";

    public Indication Indication { get; set; } = Indication.TreatmentResistantDepression;

    public DoseUnit DoseUnit { get; set; } = DoseUnit.MgPerKg;

    public decimal DefaultDose { get; set; }

    public decimal UsualMinDose { get; set; }

    public decimal UsualMaxDose { get; set; }

    public decimal CeilingDose { get; set; }

    public decimal? MaxBolusMgPerKg { get; set; }

    public int InfusionMinutes { get; set; }

    public int VitalsIntervalMinutes { get; set; }

    public int? ExtraReadingAtMinute { get; set; }

    public int MinObservationReadings { get; set; }

    public int ObservationMinutes { get; set; }

    public int GoAheadSystolicAbove { get; set; }

    public int GoAheadDiastolicAbove { get; set; }

    public int AlertSystolicAtOrAbove { get; set; }

    public int AlertDiastolicAtOrAbove { get; set; }

    public int AlertHeartRateAtOrAbove { get; set; }

    public int AlertSpO2Below { get; set; }

    public int AlertRespiratoryRateBelow { get; set; }

    public int DischargeMaxSystolic { get; set; }

    public int DischargeMaxDiastolic { get; set; }

    public int DischargeMinHeartRate { get; set; }

    public int DischargeMaxHeartRate { get; set; }

    public int DischargeMinSpO2 { get; set; }

    public int FastingSolidHours { get; set; }

    public int FastingClearLiquidHours { get; set; }

    public int MinIntervalHours { get; set; }

    public int MaxWeightAgeDays { get; set; }

    public int DefaultSessions { get; set; }

    public int DefaultSessionsPerWeek { get; set; }

    public int ReviewAfterInfusions { get; set; }

    /// <summary>The questionnaires the patient fills before each infusion (the form's multi-select).</summary>
    public IReadOnlyCollection<InstrumentCode> PreInfusionMeasures { get; set; } = [];

    public string SourceNotes { get; set; } = "";

    public static ProtocolFormModel From(ProtocolSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        return new()
        {
            Name = s.Name,
            Indication = s.Indication,
            DoseUnit = s.DoseUnit,
            DefaultDose = s.DefaultDose,
            UsualMinDose = s.UsualMinDose,
            UsualMaxDose = s.UsualMaxDose,
            CeilingDose = s.CeilingDose,
            MaxBolusMgPerKg = s.MaxBolusMgPerKg,
            InfusionMinutes = s.InfusionMinutes,
            VitalsIntervalMinutes = s.VitalsIntervalMinutes,
            ExtraReadingAtMinute = s.ExtraReadingAtMinute,
            MinObservationReadings = s.MinObservationReadings,
            ObservationMinutes = s.ObservationMinutes,
            GoAheadSystolicAbove = s.GoAheadSystolicAbove,
            GoAheadDiastolicAbove = s.GoAheadDiastolicAbove,
            AlertSystolicAtOrAbove = s.AlertSystolicAtOrAbove,
            AlertDiastolicAtOrAbove = s.AlertDiastolicAtOrAbove,
            AlertHeartRateAtOrAbove = s.AlertHeartRateAtOrAbove,
            AlertSpO2Below = s.AlertSpO2Below,
            AlertRespiratoryRateBelow = s.AlertRespiratoryRateBelow,
            DischargeMaxSystolic = s.DischargeMaxSystolic,
            DischargeMaxDiastolic = s.DischargeMaxDiastolic,
            DischargeMinHeartRate = s.DischargeMinHeartRate,
            DischargeMaxHeartRate = s.DischargeMaxHeartRate,
            DischargeMinSpO2 = s.DischargeMinSpO2,
            FastingSolidHours = s.FastingSolidHours,
            FastingClearLiquidHours = s.FastingClearLiquidHours,
            MinIntervalHours = s.MinIntervalHours,
            MaxWeightAgeDays = s.MaxWeightAgeDays,
            DefaultSessions = s.DefaultSessions,
            DefaultSessionsPerWeek = s.DefaultSessionsPerWeek,
            ReviewAfterInfusions = s.ReviewAfterInfusions,
            PreInfusionMeasures = [.. s.PreInfusionMeasures.Items],
            SourceNotes = s.SourceNotes,
        };
    }

    public ProtocolSettings ToSettings() => new()
    {
        Name = Name.Trim(),
        Indication = Indication,
        DoseUnit = DoseUnit,
        DefaultDose = DefaultDose,
        UsualMinDose = UsualMinDose,
        UsualMaxDose = UsualMaxDose,
        CeilingDose = CeilingDose,
        MaxBolusMgPerKg = MaxBolusMgPerKg,
        InfusionMinutes = InfusionMinutes,
        VitalsIntervalMinutes = VitalsIntervalMinutes,
        ExtraReadingAtMinute = ExtraReadingAtMinute,
        MinObservationReadings = MinObservationReadings,
        ObservationMinutes = ObservationMinutes,
        GoAheadSystolicAbove = GoAheadSystolicAbove,
        GoAheadDiastolicAbove = GoAheadDiastolicAbove,
        AlertSystolicAtOrAbove = AlertSystolicAtOrAbove,
        AlertDiastolicAtOrAbove = AlertDiastolicAtOrAbove,
        AlertHeartRateAtOrAbove = AlertHeartRateAtOrAbove,
        AlertSpO2Below = AlertSpO2Below,
        AlertRespiratoryRateBelow = AlertRespiratoryRateBelow,
        DischargeMaxSystolic = DischargeMaxSystolic,
        DischargeMaxDiastolic = DischargeMaxDiastolic,
        DischargeMinHeartRate = DischargeMinHeartRate,
        DischargeMaxHeartRate = DischargeMaxHeartRate,
        DischargeMinSpO2 = DischargeMinSpO2,
        FastingSolidHours = FastingSolidHours,
        FastingClearLiquidHours = FastingClearLiquidHours,
        MinIntervalHours = MinIntervalHours,
        MaxWeightAgeDays = MaxWeightAgeDays,
        DefaultSessions = DefaultSessions,
        DefaultSessionsPerWeek = DefaultSessionsPerWeek,
        ReviewAfterInfusions = ReviewAfterInfusions,
        PreInfusionMeasures = InstrumentSet.Of([.. PreInfusionMeasures]),
        SourceNotes = SourceNotes.Trim(),
    };
}
