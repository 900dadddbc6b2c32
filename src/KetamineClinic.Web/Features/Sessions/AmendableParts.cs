using System.Globalization;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>One part of a signed session an amendment can correct: its label (stored as the amendment's "refers to")
/// and the original as recorded, shown above the amendments that correct it.</summary>
public sealed record AmendablePart(string Label, string Original);

/// <summary>The parts of a session, named as nurses and clinicians say them: "Nurse's note", "Vitals 10:20",
/// "Side effect: nausea or vomiting 10:35", "Dose order".</summary>
public static class AmendableParts
{
    public const string NurseNote = "Nurse's note";
    public const string CheckIn = "Check-in";
    public const string DoseOrder = "Dose order";
    public const string Discharge = "Discharge";

    public static IReadOnlyList<AmendablePart> For(InfusionSession session, SessionClock clock)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(clock);
        string Time(DateTime utc) => clock.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
        var parts = new List<AmendablePart> { new(NurseNote, session.NurseNote ?? "(no note)") };
        if (session.CheckIn is { } c)
        {
            parts.Add(new(CheckIn, $"Checked in {Time(c.CheckedInUtc)} by {c.CheckedInBy}: escort {c.EscortName} ({c.EscortPhone}), weight {c.WeightKg:0.#} kg on {c.WeightMeasuredOn:d MMM yyyy}, last solid food {Time(c.LastSolidFoodUtc)}, last clear liquid {Time(c.LastClearLiquidUtc)}."));
        }

        if (session.CurrentOrder is { } o)
        {
            parts.Add(new(DoseOrder, $"{o.Dose:0.###} {DoseCalculation.UnitText(o.Unit)} × {o.WeightKg:0.#} kg = {o.TotalMg:0.##} mg over {o.DurationMinutes} min ({o.RateMgPerHour:0.##} mg/h), {o.Route}, ordered {Time(o.OrderedUtc)} by {o.OrderedByName}."));
        }

        foreach (var e in session.Events.OrderBy(e => e.AtUtc))
        {
            var detail = e.VialLot is { } lot ? $"vial lot {lot}" : e.RateMgPerHour is { } rate && e.Kind == InfusionEventKind.Slowed ? $"new rate {rate:0.##} mg/h" : null;
            parts.Add(new($"Infusion {SessionChanges.EventText(e.Kind)} {Time(e.AtUtc)}",
                string.Join(", ", new[] { detail, e.Reason }.Where(x => x is not null)) + (detail is null && e.Reason is null ? "" : "; ") + $"recorded by {e.RecordedByName}."));
        }

        foreach (var v in session.Vitals.OrderBy(v => v.TakenUtc))
        {
            parts.Add(new($"Vitals {Time(v.TakenUtc)}",
                $"BP {v.Systolic}/{v.Diastolic}, HR {v.HeartRate}, SpO2 {v.SpO2} %, RR {v.RespiratoryRate}" + (v.TemperatureC is { } t ? $", {t:0.0} °C" : "") + (v.Comment is { } comment ? $" ({comment})" : "") + $"; by {v.RecordedByName}."));
        }

        foreach (var s in session.SideEffects.OrderBy(s => s.OnsetUtc))
        {
            var what = s.Type == SideEffectType.Other && s.OtherDescription is { } other ? other : SessionChanges.SideEffectText(s.Type);
            parts.Add(new($"Side effect: {what} {Time(s.OnsetUtc)}",
                $"{s.Severity}, onset {Time(s.OnsetUtc)}" + (s.Moaas is { } m ? $", MOAA/S {m}" : "") + (s.DissociationRating is { } d ? $", dissociation {d}/4" : "")
                + $", action {s.Action}" + (s.ActionNote is { } note ? $" ({note})" : "") + (s.ResolvedUtc is { } r ? $", resolved {Time(r)}" : ", not resolved") + $"; by {s.RecordedByName}."));
        }

        if (session.DischargedUtc is { } discharged)
        {
            parts.Add(new(Discharge, $"Discharged {Time(discharged)} by {session.DischargedByName}."));
        }

        // Two readings in the same minute get the same label: number the later ones so each choice is one part.
        return parts.GroupBy(p => p.Label).SelectMany(g => g.Select((p, i) => i == 0 ? p : p with { Label = $"{p.Label} ({i + 1})" })).ToList();
    }
}
