using System.Globalization;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>
/// A panel's save was refused because someone else changed the session first (<see cref="SessionErrors.Changed"/>).
/// The panel keeps what the user entered and tells the page through its optional <c>Conflict</c> parameter; the page
/// reloads the session, lists what changed since <see cref="SeenVersion"/>, and lets the user save theirs again on the
/// new version (<see cref="Reapply"/>) or drop it (<see cref="Discard"/>).
/// </summary>
/// <param name="Attempted">What the user was doing, in words ("Save the nurse's note").</param>
/// <param name="SeenVersion">The session version the panel's save named (null before the session existed).</param>
/// <param name="Reapply">Saves the kept input again on the reloaded session; null when the user saves it again by hand.</param>
/// <param name="Discard">Drops the kept input; null when there is nothing to drop.</param>
public sealed record SessionConflict(string Attempted, Guid? SeenVersion, Func<Task>? Reapply = null, Func<Task>? Discard = null);

/// <summary>What changed in a session between what a user saw and what is stored now, in the clinic's words, e.g.
/// "New reading 10:20 by Noah Nurse" or "Dose order replaced by Dr Clara Clinician".</summary>
public static class SessionChanges
{
    public static IReadOnlyList<string> Between(InfusionSession? before, InfusionSession? after, SessionClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var changes = new List<string>();
        if (after is null)
        {
            return before is null ? changes : ["The session is no longer there."];
        }

        if (before is null)
        {
            changes.Add($"Session opened ({SessionErrors.PhaseText(after.Phase)})" + (after.CheckIn is { } c ? $": checked in by {c.CheckedInBy}." : "."));
            return changes;
        }

        string Time(DateTime utc) => clock.ToLocal(utc).ToString("HH:mm", CultureInfo.InvariantCulture);

        if (before.Phase != after.Phase)
        {
            changes.Add($"The session is now {SessionErrors.PhaseText(after.Phase)} (was {SessionErrors.PhaseText(before.Phase)}).");
        }

        if (before.CheckIn is null && after.CheckIn is { } checkIn)
        {
            changes.Add($"Checked in by {checkIn.CheckedInBy}.");
        }

        if (before.GoAheadUtc is null && after.GoAheadUtc is { } goAhead)
        {
            changes.Add($"Go-ahead given {Time(goAhead)} by {after.GoAheadByName}.");
        }

        foreach (var order in New(before.Orders, after.Orders, o => o.Id))
        {
            var replaced = before.Orders.Count > 0;
            changes.Add($"Dose order {(replaced ? "replaced" : "written")} by {order.OrderedByName}: {order.TotalMg:0.##} mg over {order.DurationMinutes} min.");
        }

        foreach (var e in New(before.Events, after.Events, e => e.Id))
        {
            changes.Add($"Infusion {EventText(e.Kind)} {Time(e.AtUtc)} by {e.RecordedByName}.");
        }

        foreach (var reading in New(before.Vitals, after.Vitals, v => v.Id))
        {
            changes.Add($"New reading {Time(reading.TakenUtc)} by {reading.RecordedByName}: BP {reading.Systolic}/{reading.Diastolic}, HR {reading.HeartRate}, SpO2 {reading.SpO2} %.");
        }

        foreach (var alert in New(before.Alerts, after.Alerts, a => a.Id))
        {
            changes.Add($"New alert: {alert.Message}");
        }

        foreach (var alert in after.Alerts.Where(a => !a.IsOpen && before.Alerts.Any(b => b.Id == a.Id && b.IsOpen)))
        {
            changes.Add($"Alert acknowledged by {alert.AcknowledgedByName}: {alert.ActionTaken}");
        }

        foreach (var effect in after.SideEffects)
        {
            var was = before.SideEffects.FirstOrDefault(s => s.Id == effect.Id);
            if (was is null)
            {
                changes.Add($"Side effect recorded by {effect.RecordedByName}: {SideEffectText(effect.Type)}, onset {Time(effect.OnsetUtc)}.");
            }
            else if (was.ResolvedUtc != effect.ResolvedUtc || was.Severity != effect.Severity || was.Action != effect.Action || was.Type != effect.Type
                || was.Moaas != effect.Moaas || was.DissociationRating != effect.DissociationRating || was.OnsetUtc != effect.OnsetUtc)
            {
                changes.Add($"Side effect changed: {SideEffectText(effect.Type)}" + (effect.ResolvedUtc is { } r ? $", resolved {Time(r)}." : "."));
            }
        }

        if (before.NurseNote != after.NurseNote)
        {
            changes.Add("The nurse's note was changed.");
        }

        if (before.DischargedUtc is null && after.DischargedUtc is { } discharged)
        {
            changes.Add($"Discharged {Time(discharged)} by {after.DischargedByName}.");
        }

        if (before.NurseCompletedUtc is null && after.NurseCompletedUtc is { } completed)
        {
            changes.Add($"Record completed {Time(completed)} by {after.NurseCompletedByName}.");
        }

        if (before.SignedUtc is null && after.SignedUtc is { } signed)
        {
            changes.Add($"Signed {Time(signed)} by {after.SignedByName}.");
        }

        foreach (var amendment in New(before.Amendments, after.Amendments, a => a.Id))
        {
            changes.Add($"Amendment to \"{amendment.RefersTo}\" by {amendment.AuthorName}.");
        }

        if (changes.Count == 0 && before.Version != after.Version)
        {
            changes.Add("The session was changed by someone else.");
        }

        return changes;
    }

    public static string EventText(InfusionEventKind kind) => kind switch
    {
        InfusionEventKind.Started => "started",
        InfusionEventKind.Paused => "paused",
        InfusionEventKind.Resumed => "resumed",
        InfusionEventKind.Slowed => "slowed",
        InfusionEventKind.Stopped => "stopped",
        _ => kind.ToString().ToLowerInvariant(),
    };

    public static string SideEffectText(SideEffectType type) => type switch
    {
        SideEffectType.Sedation => "drowsiness/sedation",
        SideEffectType.Dissociation => "dissociation",
        SideEffectType.BloodPressureChange => "blood-pressure change",
        SideEffectType.NauseaOrVomiting => "nausea or vomiting",
        SideEffectType.Anxiety => "anxiety",
        SideEffectType.Headache => "headache",
        SideEffectType.Dizziness => "dizziness",
        SideEffectType.LossOfConsciousness => "loss of consciousness",
        _ => "other",
    };

    private static IEnumerable<T> New<T>(IEnumerable<T> before, IEnumerable<T> after, Func<T, Guid> id)
    {
        var known = before.Select(id).ToHashSet();
        return after.Where(x => !known.Contains(id(x)));
    }
}
