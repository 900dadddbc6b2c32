using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Protocols;

public enum Indication
{
    TreatmentResistantDepression = 1,
    ChronicPain = 2,
    Ptsd = 3,
    Other = 9,
}

/// <summary>How a protocol's dose is expressed.</summary>
public enum DoseUnit
{
    /// <summary>A total dose per kg infused over the duration (depression: 0.5 mg/kg over 40 min).</summary>
    MgPerKg = 1,

    /// <summary>A rate per kg per hour (chronic pain: 0.5–2 mg/kg/h).</summary>
    MgPerKgPerHour = 2,
}

/// <summary>
/// Every number a protocol carries. Each is a clinic setting with a default from domain.md and a source note an
/// administrator can read and change.
/// </summary>
public sealed record ProtocolSettings
{
    public required string Name { get; init; }

    public required Indication Indication { get; init; }

    public required DoseUnit DoseUnit { get; init; }

    public required decimal DefaultDose { get; init; }

    public required decimal UsualMinDose { get; init; }

    public required decimal UsualMaxDose { get; init; }

    /// <summary>Above this the order is refused outright.</summary>
    public required decimal CeilingDose { get; init; }

    public decimal? MaxBolusMgPerKg { get; init; }

    public required int InfusionMinutes { get; init; }

    public int VitalsIntervalMinutes { get; init; } = 10;

    /// <summary>An extra reading at this minute of the infusion (the blood-pressure peak), if any.</summary>
    public int? ExtraReadingAtMinute { get; init; } = 40;

    public int MinObservationReadings { get; init; } = 2;

    public int ObservationMinutes { get; init; } = 60;

    public int GoAheadSystolicAbove { get; init; } = 140;

    public int GoAheadDiastolicAbove { get; init; } = 90;

    public int AlertSystolicAtOrAbove { get; init; } = 180;

    public int AlertDiastolicAtOrAbove { get; init; } = 100;

    public int AlertHeartRateAtOrAbove { get; init; } = 110;

    public int AlertSpO2Below { get; init; } = 92;

    public int AlertRespiratoryRateBelow { get; init; } = 10;

    public int DischargeMaxSystolic { get; init; } = 160;

    public int DischargeMaxDiastolic { get; init; } = 100;

    public int DischargeMinHeartRate { get; init; } = 50;

    public int DischargeMaxHeartRate { get; init; } = 110;

    public int DischargeMinSpO2 { get; init; } = 94;

    public int FastingSolidHours { get; init; } = 6;

    public int FastingClearLiquidHours { get; init; } = 2;

    public int MinIntervalHours { get; init; } = 24;

    public int MaxWeightAgeDays { get; init; } = 30;

    public required int DefaultSessions { get; init; }

    public int DefaultSessionsPerWeek { get; init; } = 2;

    public int ReviewAfterInfusions { get; init; } = 4;

    /// <summary>The measures the patient fills before each infusion, as part of check-in (empty: none are asked
    /// for). A missing one does not stop the infusion; the check-in shows it as not taken.</summary>
    public Outcomes.InstrumentSet PreInfusionMeasures { get; init; }

    /// <summary>Where the numbers come from, for the clinician reading them.</summary>
    public string SourceNotes { get; init; } = "";
}

/// <summary>
/// One version of a clinic protocol. A change never edits a version: it adds the next one, and plans and dose orders
/// keep the version they used.
/// </summary>
public sealed class Protocol
{
    private Protocol()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    /// <summary>Identifies the protocol across its versions.</summary>
    public Guid FamilyId { get; private set; }

    public int VersionNumber { get; private set; }

    public bool IsCurrent { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public ProtocolSettings Settings { get; private set; } = null!;

    public string Name => Settings.Name;

    public static Result<Protocol> Create(ProtocolSettings settings, string createdBy, DateTime nowUtc)
    {
        var check = Validate(settings);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        return new Protocol
        {
            FamilyId = Guid.NewGuid(),
            VersionNumber = 1,
            IsCurrent = true,
            CreatedUtc = nowUtc,
            CreatedBy = createdBy,
            Settings = settings,
        };
    }

    /// <summary>Makes the next version; this one stops being current but is kept unchanged.</summary>
    public Result<Protocol> Revise(ProtocolSettings settings, string createdBy, DateTime nowUtc)
    {
        if (!IsCurrent)
        {
            return ProtocolErrors.NotCurrent;
        }

        var check = Validate(settings);
        if (!check.IsSuccess)
        {
            return check.Error!;
        }

        IsCurrent = false;
        return new Protocol
        {
            FamilyId = FamilyId,
            VersionNumber = VersionNumber + 1,
            IsCurrent = true,
            CreatedUtc = nowUtc,
            CreatedBy = createdBy,
            Settings = settings,
        };
    }

    public static Result<ProtocolSettings> Validate(ProtocolSettings s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (string.IsNullOrWhiteSpace(s.Name))
        {
            return ProtocolErrors.NameRequired;
        }

        if (!(s.UsualMinDose > 0 && s.UsualMinDose <= s.DefaultDose && s.DefaultDose <= s.UsualMaxDose && s.UsualMaxDose <= s.CeilingDose))
        {
            return ProtocolErrors.DoseOrder;
        }

        if (s.InfusionMinutes is < 1 or > 600)
        {
            return ProtocolErrors.Range("Infusion duration", 1, 600, "min");
        }

        if (s.VitalsIntervalMinutes is < 1 or > 60)
        {
            return ProtocolErrors.Range("Vitals interval", 1, 60, "min");
        }

        if (s.ObservationMinutes is < 0 or > 480)
        {
            return ProtocolErrors.Range("Observation", 0, 480, "min");
        }

        // The same limits as a treatment course, so a protocol's defaults always make a valid plan.
        if (s.DefaultSessions is < 1 or > Courses.TreatmentCourse.MaxSessions)
        {
            return ProtocolErrors.Range("Default number of sessions", 1, Courses.TreatmentCourse.MaxSessions, "");
        }

        if (s.DefaultSessionsPerWeek is < 1 or > Courses.TreatmentCourse.MaxSessionsPerWeek)
        {
            return ProtocolErrors.Range("Sessions per week", 1, Courses.TreatmentCourse.MaxSessionsPerWeek, "");
        }

        if (s.ReviewAfterInfusions < 1 || s.ReviewAfterInfusions > s.DefaultSessions)
        {
            return ProtocolErrors.ReviewPoint;
        }

        if (s.FastingClearLiquidHours > s.FastingSolidHours || s.FastingClearLiquidHours < 0)
        {
            return ProtocolErrors.Fasting;
        }

        if (s.MinIntervalHours is < 0 or > 24 * 14 || s.MaxWeightAgeDays is < 1 or > 365)
        {
            return ProtocolErrors.Range("Interval or weight age", 0, 336, "h");
        }

        if (s.PreInfusionMeasures.Items.Any(m => Outcomes.OutcomeInstrument.Get(m).ClinicianRated))
        {
            return ProtocolErrors.PreInfusionMeasures;
        }

        return s;
    }

    /// <summary>The defaults from domain.md, seeded into every new clinic.</summary>
    public static IReadOnlyList<ProtocolSettings> Defaults { get; } =
    [
        new ProtocolSettings
        {
            Name = "Depression induction (0.5 mg/kg over 40 min)",
            Indication = Indication.TreatmentResistantDepression,
            DoseUnit = DoseUnit.MgPerKg,
            DefaultDose = 0.5m,
            UsualMinDose = 0.1m,
            UsualMaxDose = 0.75m,
            CeilingDose = 1.0m,
            InfusionMinutes = 40,
            DefaultSessions = 6,
            DefaultSessionsPerWeek = 2,
            PreInfusionMeasures = Outcomes.InstrumentSet.Of(Outcomes.InstrumentCode.Phq9),
            SourceNotes = "Dose 0.5 mg/kg over 40 min: Sanacora et al., JAMA Psychiatry 2017. Responders 0.1–0.75 mg/kg: Andrade 2017. " +
                "6 infusions over 2–3 weeks, twice weekly as effective as three times: Singh et al. 2016. Blood-pressure thresholds: " +
                "Sanacora 2017 as discussed by Yip et al. 2022 (conservative). Fasting 6 h solids / 2 h clear liquids: clinic default. " +
                "Ceiling 1.0 mg/kg: clinic setting.",
        },
        new ProtocolSettings
        {
            Name = "Chronic pain (0.5–2 mg/kg/h)",
            Indication = Indication.ChronicPain,
            DoseUnit = DoseUnit.MgPerKgPerHour,
            DefaultDose = 0.5m,
            UsualMinDose = 0.5m,
            UsualMaxDose = 2.0m,
            CeilingDose = 2.0m,
            MaxBolusMgPerKg = 0.35m,
            InfusionMinutes = 150,
            ExtraReadingAtMinute = 40,
            DefaultSessions = 5,
            DefaultSessionsPerWeek = 3,
            ReviewAfterInfusions = 3,
            PreInfusionMeasures = Outcomes.InstrumentSet.Of(Outcomes.InstrumentCode.PainNrs),
            SourceNotes = "0.5–2 mg/kg/h, bolus up to 0.35 mg/kg, at least 80 mg over more than 2 h for a dose–response: " +
                "Cohen et al., Reg Anesth Pain Med 2018.",
        },
    ];
}

public static class ProtocolErrors
{
    public static readonly DomainError NameRequired = new("protocol.name", "Give the protocol a name.");
    public static readonly DomainError DoseOrder = new("protocol.dose_order", "Doses must satisfy: 0 < usual minimum ≤ default ≤ usual maximum ≤ ceiling.");
    public static readonly DomainError ReviewPoint = new("protocol.review_point", "The review point must be between 1 and the number of sessions.");
    public static readonly DomainError Fasting = new("protocol.fasting", "Clear liquids must stop no earlier than solid food (clear-liquid hours ≤ solid-food hours).");
    public static readonly DomainError NotCurrent = new("protocol.not_current", "Only the current version of a protocol can be revised.");
    public static readonly DomainError PreInfusionMeasures = new("protocol.pre_infusion_measures", "Measures before an infusion are patient questionnaires (not the clinician-rated MADRS).");
    public static readonly DomainError NotFound = new("protocol.not_found", "There is no such protocol.");

    public static DomainError Range(string what, int min, int max, string unit) =>
        new("protocol.range", $"{what} must be from {min} to {max}{(unit.Length > 0 ? " " + unit : "")}.");
}
