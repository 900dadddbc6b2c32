using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Sessions;

public enum ReadingPhase
{
    Infusion = 1,
    Observation = 2,
}

public enum ReadingStatus
{
    Upcoming = 1,
    Due = 2,
    Overdue = 3,
    OnTime = 4,
    Late = 5,
}

/// <summary>One reading the protocol asks for, and whether it was taken.</summary>
public sealed record DueReading(DateTime DueUtc, ReadingPhase Phase, string Label, ReadingStatus Status, DateTime? TakenUtc);

/// <summary>
/// The readings due during a session (domain.md, "Monitoring"): every <c>VitalsIntervalMinutes</c> of the infusion, one
/// at the protocol's extra minute (40, the blood-pressure peak), and at least <c>MinObservationReadings</c> spread over
/// the observation period after the infusion stops. A reading not taken by its time plus
/// <see cref="GraceMinutes"/> is overdue. A reading counts for the earliest open due time whose window it falls in:
/// from <see cref="EarlyMinutes"/> before it up to the next due time's window.
/// </summary>
public static class ReadingSchedule
{
    public const int GraceMinutes = 2;
    public const int EarlyMinutes = 3;

    public static IReadOnlyList<DueReading> For(ProtocolSettings protocol, DateTime infusionStartUtc, DateTime? infusionStopUtc, IEnumerable<DateTime> readingsUtc, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(readingsUtc);
        var due = new List<(DateTime At, ReadingPhase Phase, string Label)>();
        var plannedEnd = infusionStartUtc.AddMinutes(protocol.InfusionMinutes);
        var infusionEnd = infusionStopUtc is { } stop && stop < plannedEnd ? stop : plannedEnd;
        var minutes = new SortedSet<int>();
        for (var m = protocol.VitalsIntervalMinutes; m > 0 && infusionStartUtc.AddMinutes(m) <= infusionEnd; m += protocol.VitalsIntervalMinutes)
        {
            minutes.Add(m);
        }

        if (protocol.ExtraReadingAtMinute is { } extra && infusionStartUtc.AddMinutes(extra) <= infusionEnd)
        {
            minutes.Add(extra);
        }

        due.AddRange(minutes.Select(m => (infusionStartUtc.AddMinutes(m), ReadingPhase.Infusion, $"Infusion minute {m}")));
        if (infusionStopUtc is { } stopped)
        {
            var count = Math.Max(1, protocol.MinObservationReadings);
            for (var k = 1; k <= count; k++)
            {
                var offset = protocol.ObservationMinutes * k / count;
                due.Add((stopped.AddMinutes(offset), ReadingPhase.Observation, $"Observation minute {offset}"));
            }
        }

        var ordered = due.OrderBy(d => d.At).ToList();
        var readings = readingsUtc.Where(r => r >= infusionStartUtc.AddMinutes(-EarlyMinutes)).Order().ToList();
        var used = new bool[readings.Count];
        var result = new List<DueReading>();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (at, phase, label) = ordered[i];
            var opens = at.AddMinutes(-EarlyMinutes);
            var closes = i + 1 < ordered.Count ? ordered[i + 1].At.AddMinutes(-EarlyMinutes) : DateTime.MaxValue;
            var match = -1;
            for (var r = 0; r < readings.Count; r++)
            {
                if (!used[r] && readings[r] >= opens && readings[r] < closes)
                {
                    match = r;
                    break;
                }
            }

            if (match >= 0)
            {
                used[match] = true;
                var taken = readings[match];
                result.Add(new DueReading(at, phase, label, taken <= at.AddMinutes(GraceMinutes) ? ReadingStatus.OnTime : ReadingStatus.Late, taken));
            }
            else
            {
                var status = nowUtc > at.AddMinutes(GraceMinutes) ? ReadingStatus.Overdue : nowUtc >= opens ? ReadingStatus.Due : ReadingStatus.Upcoming;
                result.Add(new DueReading(at, phase, label, status, null));
            }
        }

        return result;
    }
}
