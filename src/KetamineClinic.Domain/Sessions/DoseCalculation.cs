using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

/// <summary>What a clinician enters for a dose order; the total and the rate are computed from it.</summary>
public sealed record DoseInput(decimal Dose, decimal WeightKg, DateOnly WeightMeasuredOn, int DurationMinutes, string? OverrideReason);

/// <summary>The computed order, shown before it is signed and stored with it.</summary>
public sealed record DoseFigures(DoseUnit Unit, decimal Dose, decimal WeightKg, int DurationMinutes, decimal TotalMg, decimal RateMgPerHour, bool OutsideUsualRange);

/// <summary>
/// Dose arithmetic and limits (domain.md, "Dosing"). For a mg/kg protocol the total is dose × weight, infused over the
/// duration (0.5 mg/kg × 82.4 kg = 41.2 mg over 40 min = 61.8 mg/h); for a mg/kg/h protocol the rate is dose × weight
/// and the total is the rate over the duration. Outside the protocol's usual range needs an override reason; above its
/// ceiling is refused; the weight must be current under the protocol.
/// </summary>
public static class DoseCalculation
{
    public const decimal MinWeightKg = 20m;
    public const decimal MaxWeightKg = 300m;
    public const int MaxDurationMinutes = 24 * 60;

    public static Result<DoseFigures> Compute(ProtocolSettings protocol, DoseInput input, DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(input);
        if (input.Dose <= 0)
        {
            return SessionErrors.DosePositive;
        }

        if (input.Dose > protocol.CeilingDose)
        {
            return SessionErrors.AboveCeiling(protocol);
        }

        if (input.WeightKg is < MinWeightKg or > MaxWeightKg)
        {
            return SessionErrors.WeightRange;
        }

        if (WeightIsStale(input.WeightMeasuredOn, today, protocol.MaxWeightAgeDays))
        {
            return SessionErrors.StaleWeight(protocol.MaxWeightAgeDays);
        }

        if (input.DurationMinutes is < 1 or > MaxDurationMinutes)
        {
            return SessionErrors.DurationRange;
        }

        var outside = input.Dose < protocol.UsualMinDose || input.Dose > protocol.UsualMaxDose;
        if (outside && string.IsNullOrWhiteSpace(input.OverrideReason))
        {
            return SessionErrors.OverrideReasonRequired(protocol);
        }

        var hours = input.DurationMinutes / 60m;
        decimal total, rate;
        if (protocol.DoseUnit == DoseUnit.MgPerKg)
        {
            total = input.Dose * input.WeightKg;
            rate = total / hours;
        }
        else
        {
            rate = input.Dose * input.WeightKg;
            total = rate * hours;
        }

        return new DoseFigures(protocol.DoseUnit, input.Dose, input.WeightKg, input.DurationMinutes,
            Math.Round(total, 2, MidpointRounding.AwayFromZero), Math.Round(rate, 2, MidpointRounding.AwayFromZero), outside);
    }

    /// <summary>A weight measured more than the protocol's maximum age ago (default 30 days) must be measured again.</summary>
    public static bool WeightIsStale(DateOnly measuredOn, DateOnly today, int maxAgeDays) =>
        measuredOn > today || today.DayNumber - measuredOn.DayNumber > maxAgeDays;

    public static string UnitText(DoseUnit unit) => unit == DoseUnit.MgPerKg ? "mg/kg" : "mg/kg/h";
}
