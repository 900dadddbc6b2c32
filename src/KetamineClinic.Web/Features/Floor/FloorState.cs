using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Web.Features.Floor;

/// <summary>Where a booking on the floor stands, in the words of the floor board.</summary>
public enum FloorPhase
{
    Booked = 1,
    Arrived = 2,
    WaitingForOrder = 3,
    WaitingForGoAhead = 4,
    ReadyToStart = 5,
    Infusing = 6,
    Paused = 7,
    Observing = 8,
    ReadyForDischarge = 9,
    Discharged = 10,
    Signed = 11,
    NotStarted = 12,
    NoShow = 13,
}

/// <summary>
/// A booking's state on the floor at one moment: the phase, minutes elapsed and remaining (of the ordered infusion
/// duration, pauses excluded; or of the protocol's observation minutes), the next reading due, overdue readings, open
/// alerts, and what the nurse waits for from a clinician (an order, a go-ahead). Every rule comes from the session's
/// domain methods (<see cref="InfusionSession.DueReadings"/>, <see cref="InfusionSession.DischargeChecks"/>); this only
/// arranges them for the board.
/// </summary>
public sealed record FloorState(
    FloorPhase Phase,
    int? ElapsedMinutes,
    int? RemainingMinutes,
    int? OfMinutes,
    DueReading? NextReading,
    IReadOnlyList<DueReading> Overdue,
    IReadOnlyList<SessionAlert> OpenAlerts,
    IReadOnlyList<string> Requests)
{
    /// <summary>The patient is in the chair: checked in, infusing or observing.</summary>
    public bool InChair => Phase is FloorPhase.Arrived or FloorPhase.WaitingForOrder or FloorPhase.WaitingForGoAhead or FloorPhase.ReadyToStart
        or FloorPhase.Infusing or FloorPhase.Paused or FloorPhase.Observing or FloorPhase.ReadyForDischarge;

    /// <summary>The patient's open chart alerts (e.g. PHQ-9 item 9), shown on the card until acknowledged.</summary>
    public IReadOnlyList<FloorChartAlert> ChartAlerts { get; init; } = [];

    /// <summary>Something needs a nurse now: an overdue reading, an open session alert or an open chart alert.</summary>
    public bool NeedsAttention => Overdue.Count > 0 || OpenAlerts.Count > 0 || ChartAlerts.Count > 0;

    public string PhaseText => Text(Phase);

    public static string Text(FloorPhase phase) => phase switch
    {
        FloorPhase.Booked => "Booked",
        FloorPhase.Arrived => "Arrived",
        FloorPhase.WaitingForOrder => "Checked in: waiting for order",
        FloorPhase.WaitingForGoAhead => "Waiting for go-ahead",
        FloorPhase.ReadyToStart => "Ordered: ready to start",
        FloorPhase.Infusing => "Infusing",
        FloorPhase.Paused => "Infusing (paused)",
        FloorPhase.Observing => "Observing",
        FloorPhase.ReadyForDischarge => "Ready for discharge",
        FloorPhase.Discharged => "Discharged",
        FloorPhase.Signed => "Signed",
        FloorPhase.NotStarted => "Not started",
        FloorPhase.NoShow => "No-show",
        _ => phase.ToString(),
    };

    public static FloorState Of(FloorBooking booking, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(booking);
        return SessionState(booking, nowUtc) with { ChartAlerts = booking.ChartAlerts };
    }

    private static FloorState SessionState(FloorBooking booking, DateTime nowUtc)
    {
        var session = booking.Session;
        if (session is null || session.Phase == SessionPhase.Booked)
        {
            var phase = booking.Status switch
            {
                AppointmentStatus.Arrived or AppointmentStatus.InProgress => FloorPhase.Arrived,
                AppointmentStatus.Fulfilled => FloorPhase.Discharged,
                AppointmentStatus.NoShow => FloorPhase.NoShow,
                _ => FloorPhase.Booked,
            };
            return new FloorState(phase, null, null, null, null, [], [], []);
        }

        var alerts = session.Alerts.Where(a => a.IsOpen).OrderBy(a => a.RaisedUtc).ToList();
        var requests = new List<string>();
        if (session.Phase == SessionPhase.CheckedIn)
        {
            requests.Add("Order needed");
        }

        var goAheadMissing = session.GoAheadRequired && session.GoAheadUtc is null;
        if (goAheadMissing && session.Phase is SessionPhase.CheckedIn or SessionPhase.Ordered)
        {
            var baseline = session.Vitals.Where(v => v.Kind == VitalsKind.Baseline).OrderBy(v => v.TakenUtc).FirstOrDefault();
            requests.Add(baseline is null ? "Go-ahead needed" : $"Go-ahead needed: baseline {baseline.Systolic}/{baseline.Diastolic}");
        }

        switch (session.Phase)
        {
            case SessionPhase.CheckedIn:
                return new FloorState(FloorPhase.WaitingForOrder, null, null, null, null, [], alerts, requests);
            case SessionPhase.Ordered:
                return new FloorState(goAheadMissing ? FloorPhase.WaitingForGoAhead : FloorPhase.ReadyToStart, null, null, null, null, [], alerts, requests);
            case SessionPhase.Infusing:
            {
                var (next, overdue) = Readings(session, nowUtc);
                var elapsed = (int)Math.Max(0, session.InfusedFor(nowUtc).TotalMinutes);
                var of = session.CurrentOrder?.DurationMinutes ?? session.Protocol.InfusionMinutes;
                return new FloorState(session.IsPaused ? FloorPhase.Paused : FloorPhase.Infusing, elapsed, Math.Max(0, of - elapsed), of, next, overdue, alerts, requests);
            }

            case SessionPhase.Observing:
            {
                var (next, overdue) = Readings(session, nowUtc);
                var elapsed = (int)Math.Max(0, (nowUtc - session.InfusionStopUtc!.Value).TotalMinutes);
                var of = session.Protocol.ObservationMinutes;
                var ready = session.DischargeChecks(new DischargeAttestation(true, true, true), nowUtc).All(c => c.Met);
                return new FloorState(ready ? FloorPhase.ReadyForDischarge : FloorPhase.Observing, elapsed, Math.Max(0, of - elapsed), of, next, overdue, alerts, requests);
            }

            case SessionPhase.Discharged:
                return new FloorState(FloorPhase.Discharged, null, null, null, null, [], alerts, requests);
            case SessionPhase.Signed:
                return new FloorState(FloorPhase.Signed, null, null, null, null, [], alerts, requests);
            default:
                return new FloorState(FloorPhase.NotStarted, null, null, null, null, [], alerts, requests);
        }
    }

    /// <summary>The next reading not yet taken (due or upcoming) and the overdue ones, from the protocol's schedule. In
    /// observation an infusion reading missed earlier can no longer be taken: it stays on the session's record but no
    /// longer asks for a nurse on the board.</summary>
    private static (DueReading? Next, IReadOnlyList<DueReading> Overdue) Readings(InfusionSession session, DateTime nowUtc)
    {
        var due = session.DueReadings(nowUtc);
        return (due.FirstOrDefault(d => d.TakenUtc is null && d.Status is ReadingStatus.Due or ReadingStatus.Upcoming),
            [.. due.Where(d => d.Status == ReadingStatus.Overdue && (session.Phase == SessionPhase.Infusing || d.Phase == ReadingPhase.Observation))]);
    }
}
