using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

/// <summary>One reading placed on a session's time line: minutes from the infusion's start (negative before it).</summary>
public sealed record VitalsPoint(
    Guid ReadingId, double Minute, DateTime TakenUtc, VitalsKind Kind, int Systolic, int Diastolic, int HeartRate, int SpO2, int RespiratoryRate, bool RaisedAlert);

/// <summary>The protocol version's alert thresholds, drawn as lines on the vitals curve.</summary>
public sealed record VitalsAlertLines(int SystolicAtOrAbove, int DiastolicAtOrAbove, int HeartRateAtOrAbove, int SpO2Below)
{
    public static VitalsAlertLines From(ProtocolSettings protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return new(protocol.AlertSystolicAtOrAbove, protocol.AlertDiastolicAtOrAbove, protocol.AlertHeartRateAtOrAbove, protocol.AlertSpO2Below);
    }
}

/// <summary>A stretch of the time line, in minutes from the infusion's start (a pause, or the infusion itself).</summary>
public sealed record MinuteSpan(double From, double To);

/// <summary>
/// A session's vital signs against time, as the treatment history draws them: minute 0 is the infusion's start (the
/// check-in when the infusion never started), so every session's curve reads the same way and the blood-pressure peak
/// around minute 40 lines up across sessions. Carries the protocol version's alert thresholds, the infusion and its
/// pauses, and the readings a clinician looks at first (highest blood pressure, fastest heart rate, lowest SpO2).
/// </summary>
public sealed record VitalsCurve(
    DateTime ZeroUtc,
    bool InfusionStarted,
    MinuteSpan? Infusion,
    IReadOnlyList<MinuteSpan> Pauses,
    IReadOnlyList<VitalsPoint> Points,
    VitalsAlertLines AlertLines)
{
    /// <summary>The reading with the highest systolic pressure (the later one on a tie); null without readings.</summary>
    public VitalsPoint? HighestBloodPressure => Points.OrderByDescending(p => p.Systolic).ThenByDescending(p => p.Diastolic).ThenByDescending(p => p.Minute).FirstOrDefault();

    public int? MaxHeartRate => Points.Count == 0 ? null : Points.Max(p => p.HeartRate);

    public int? MinSpO2 => Points.Count == 0 ? null : Points.Min(p => p.SpO2);

    /// <summary>Readings that raised at least one alert.</summary>
    public int AlertReadings => Points.Count(p => p.RaisedAlert);

    /// <summary>The curve of <paramref name="session"/>, with the infusion still running at <paramref name="nowUtc"/> drawn up to then.</summary>
    public static VitalsCurve Of(InfusionSession session, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(session);
        var start = session.InfusionStartUtc;
        var zero = start ?? session.CheckIn?.CheckedInUtc ?? session.Vitals.Select(v => v.TakenUtc).DefaultIfEmpty(session.CreatedUtc).Min();
        double Minute(DateTime utc) => Math.Round((utc - zero).TotalMinutes, 1);

        MinuteSpan? infusion = start is null ? null : new(0, Minute(session.InfusionStopUtc ?? (nowUtc > zero ? nowUtc : zero)));
        var pauses = new List<MinuteSpan>();
        DateTime? pausedAt = null;
        foreach (var e in session.Events.Where(e => e.Kind is InfusionEventKind.Paused or InfusionEventKind.Resumed).OrderBy(e => e.AtUtc))
        {
            if (e.Kind == InfusionEventKind.Paused)
            {
                pausedAt ??= e.AtUtc;
            }
            else if (pausedAt is { } from)
            {
                pauses.Add(new(Minute(from), Minute(e.AtUtc)));
                pausedAt = null;
            }
        }

        if (pausedAt is { } open && infusion is not null)
        {
            pauses.Add(new(Minute(open), infusion.To));
        }

        var alerting = session.Alerts.Select(a => a.ReadingId).ToHashSet();
        var points = session.Vitals
            .OrderBy(v => v.TakenUtc)
            .Select(v => new VitalsPoint(v.Id, Minute(v.TakenUtc), v.TakenUtc, v.Kind, v.Systolic, v.Diastolic, v.HeartRate, v.SpO2, v.RespiratoryRate, alerting.Contains(v.Id)))
            .ToList();
        return new VitalsCurve(zero, start is not null, infusion, pauses, points, VitalsAlertLines.From(session.Protocol));
    }
}
