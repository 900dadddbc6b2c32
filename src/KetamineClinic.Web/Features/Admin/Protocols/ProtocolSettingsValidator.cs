using FluentValidation;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Web.Features.Admin.Protocols;

/// <summary>
/// The protocol form's rules, each reported at its field. It mirrors <see cref="Protocol.Validate"/> (which the
/// domain applies again on save) and adds plausibility ranges for the numbers the domain stores without checking,
/// so a typing slip (1800 for 180) cannot become a clinic threshold.
/// </summary>
public sealed class ProtocolSettingsValidator : AbstractValidator<ProtocolSettings>
{
    /// <summary>The longest name a treatment plan can keep beside its protocol version.</summary>
    public const int MaxNameLength = 200;

    public const int MaxSourceNotesLength = 8000;

    public ProtocolSettingsValidator()
    {
        RuleFor(s => s.Name).NotEmpty().WithMessage(ProtocolErrors.NameRequired.Message)
            .MaximumLength(MaxNameLength).WithMessage($"The name can be at most {MaxNameLength} characters.");
        RuleFor(s => s.Indication).IsInEnum().WithMessage("Choose the indication.");
        RuleFor(s => s.DoseUnit).IsInEnum().WithMessage("Choose how the dose is expressed.");

        // Protocol.Validate: 0 < usual minimum ≤ default ≤ usual maximum ≤ ceiling.
        RuleFor(s => s.UsualMinDose).GreaterThan(0).WithMessage("The usual minimum must be above 0.");
        RuleFor(s => s.DefaultDose).Must((s, d) => d >= s.UsualMinDose && d <= s.UsualMaxDose)
            .WithMessage("The default dose must lie within the usual range (minimum to maximum).");
        RuleFor(s => s.UsualMaxDose).GreaterThanOrEqualTo(s => s.UsualMinDose)
            .WithMessage("The usual maximum cannot be below the usual minimum.");
        RuleFor(s => s.CeilingDose).GreaterThanOrEqualTo(s => s.UsualMaxDose)
            .WithMessage("The ceiling cannot be below the usual maximum.");
        RuleFor(s => s.MaxBolusMgPerKg).GreaterThan(0).When(s => s.MaxBolusMgPerKg is not null)
            .WithMessage("A maximum bolus must be above 0 mg/kg (or leave it empty for none).");
        RuleFor(s => s.MaxBolusMgPerKg).LessThanOrEqualTo(s => s.CeilingDose).When(s => s.MaxBolusMgPerKg is not null)
            .WithMessage("The maximum bolus cannot exceed the ceiling.");

        Range(s => s.InfusionMinutes, "Infusion duration", 1, 600, "min");
        Range(s => s.VitalsIntervalMinutes, "Vitals interval", 1, 60, "min");
        RuleFor(s => s.ExtraReadingAtMinute).Must((s, m) => m is null || (m >= 1 && m <= s.InfusionMinutes))
            .WithMessage("The extra reading must fall within the infusion (1 to its duration), or leave it empty.");
        Range(s => s.MinObservationReadings, "Readings during observation", 0, 20, "");
        Range(s => s.ObservationMinutes, "Observation", 0, 480, "min");

        Range(s => s.GoAheadSystolicAbove, "Go-ahead systolic", 80, 250, "mmHg");
        Range(s => s.GoAheadDiastolicAbove, "Go-ahead diastolic", 40, 150, "mmHg");
        Range(s => s.AlertSystolicAtOrAbove, "Alert systolic", 80, 260, "mmHg");
        Range(s => s.AlertDiastolicAtOrAbove, "Alert diastolic", 40, 160, "mmHg");
        Range(s => s.AlertHeartRateAtOrAbove, "Alert heart rate", 60, 200, "bpm");
        Range(s => s.AlertSpO2Below, "Alert SpO2", 70, 100, "%");
        Range(s => s.AlertRespiratoryRateBelow, "Alert respiratory rate", 4, 20, "/min");

        Range(s => s.DischargeMaxSystolic, "Discharge maximum systolic", 80, 250, "mmHg");
        Range(s => s.DischargeMaxDiastolic, "Discharge maximum diastolic", 40, 150, "mmHg");
        Range(s => s.DischargeMinHeartRate, "Discharge minimum heart rate", 30, 100, "bpm");
        Range(s => s.DischargeMaxHeartRate, "Discharge maximum heart rate", 60, 200, "bpm");
        RuleFor(s => s.DischargeMaxHeartRate).GreaterThan(s => s.DischargeMinHeartRate)
            .WithMessage("The discharge maximum heart rate must be above the minimum.");
        Range(s => s.DischargeMinSpO2, "Discharge minimum SpO2", 80, 100, "%");

        Range(s => s.FastingSolidHours, "Solid-food fasting", 0, 24, "h");
        // Protocol.Validate: clear liquids stop no earlier than solid food.
        RuleFor(s => s.FastingClearLiquidHours).GreaterThanOrEqualTo(0).WithMessage("Clear-liquid fasting cannot be negative.")
            .LessThanOrEqualTo(s => s.FastingSolidHours).WithMessage(ProtocolErrors.Fasting.Message);
        Range(s => s.MinIntervalHours, "Minimum interval between infusions", 0, 24 * 14, "h");
        Range(s => s.MaxWeightAgeDays, "Maximum weight age", 1, 365, "days");

        Range(s => s.DefaultSessions, "Default number of sessions", 1, KetamineClinic.Domain.Courses.TreatmentCourse.MaxSessions, "");
        Range(s => s.DefaultSessionsPerWeek, "Sessions per week", 1, KetamineClinic.Domain.Courses.TreatmentCourse.MaxSessionsPerWeek, "");
        RuleFor(s => s.ReviewAfterInfusions).Must((s, r) => r >= 1 && r <= s.DefaultSessions)
            .WithMessage(ProtocolErrors.ReviewPoint.Message);

        // Protocol.Validate: the patient fills these before the infusion, so no clinician-rated scale.
        RuleFor(s => s.PreInfusionMeasures).Must(m => !m.Items.Any(i => KetamineClinic.Domain.Outcomes.OutcomeInstrument.Get(i).ClinicianRated))
            .WithMessage(ProtocolErrors.PreInfusionMeasures.Message);

        RuleFor(s => s.SourceNotes).MaximumLength(MaxSourceNotesLength)
            .WithMessage($"Source notes can be at most {MaxSourceNotesLength} characters.");
    }

    private void Range(System.Linq.Expressions.Expression<Func<ProtocolSettings, int>> property, string what, int min, int max, string unit) =>
        RuleFor(property).InclusiveBetween(min, max).WithMessage(ProtocolErrors.Range(what, min, max, unit).Message);
}
