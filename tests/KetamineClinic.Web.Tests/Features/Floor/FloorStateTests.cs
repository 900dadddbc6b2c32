using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Features.Floor;

namespace KetamineClinic.Web.Tests.Features.Floor;

/// <summary>How a booking reads on the floor board at a given moment, from its session alone.</summary>
public sealed class FloorStateTests
{
    private static readonly DateTime Start = new(2026, 3, 10, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 3, 10);
    private static readonly SessionActor Nurse = new("n1", "Noah Nurse", false);
    private static readonly SessionActor Clinician = new("c1", "Cleo Clinician", true);

    [Fact]
    public void A_booking_without_a_session_reads_as_booked_arrived_or_no_show_from_its_status()
    {
        Assert.Equal(FloorPhase.Booked, Booking(null, AppointmentStatus.Booked).At(Start).Phase);
        Assert.Equal(FloorPhase.Arrived, Booking(null, AppointmentStatus.Arrived).At(Start).Phase);
        Assert.Equal(FloorPhase.NoShow, Booking(null, AppointmentStatus.NoShow).At(Start.AddHours(1)).Phase);
    }

    [Fact]
    public void An_order_without_the_go_ahead_a_high_baseline_needs_waits_for_the_go_ahead()
    {
        var session = CheckedIn(new VitalsInput(156, 95, 80, 98, 14));
        Assert.True(session.Order(new DoseInput(0.5m, 80m, Today, 40, null), Clinician, Start.AddMinutes(5), Today).IsSuccess);

        var state = Booking(session).At(Start.AddMinutes(6));

        Assert.Equal(FloorPhase.WaitingForGoAhead, state.Phase);
        Assert.Equal(["Go-ahead needed: baseline 156/95"], state.Requests);

        Assert.True(session.GiveGoAhead("Repeat BP 138/86", Clinician, Start.AddMinutes(7)).IsSuccess);
        var after = Booking(session).At(Start.AddMinutes(8));
        Assert.Equal(FloorPhase.ReadyToStart, after.Phase);
        Assert.Empty(after.Requests);
    }

    [Fact]
    public void Paused_minutes_do_not_count_as_infusion_time()
    {
        var session = CheckedIn(new VitalsInput(120, 80, 70, 98, 14));
        Assert.True(session.Order(new DoseInput(0.5m, 80m, Today, 40, null), Clinician, Start.AddMinutes(2), Today).IsSuccess);
        Assert.True(session.Start(Start.AddMinutes(5), "LOT1", Nurse, Start.AddMinutes(5), Today).IsSuccess);
        Assert.True(session.Pause(Start.AddMinutes(15), "Nausea", Nurse, Start.AddMinutes(15)).IsSuccess);
        Assert.True(session.Resume(Start.AddMinutes(22), Nurse, Start.AddMinutes(22)).IsSuccess);
        Assert.True(session.Pause(Start.AddMinutes(30), "Blood pressure", Nurse, Start.AddMinutes(30)).IsSuccess);

        var state = Booking(session).At(Start.AddMinutes(33));

        Assert.Equal(FloorPhase.Paused, state.Phase);
        // 28 minutes since the start, less 7 paused and 3 paused now.
        Assert.Equal((18, 22, 40), (state.ElapsedMinutes, state.RemainingMinutes, state.OfMinutes));
    }

    [Fact]
    public void An_infusion_reading_missed_asks_for_a_nurse_while_infusing_but_not_once_observation_has_started()
    {
        var session = CheckedIn(new VitalsInput(120, 80, 70, 98, 14));
        Assert.True(session.Order(new DoseInput(0.5m, 80m, Today, 40, null), Clinician, Start.AddMinutes(2), Today).IsSuccess);
        Assert.True(session.Start(Start.AddMinutes(5), "LOT1", Nurse, Start.AddMinutes(5), Today).IsSuccess);
        foreach (var minute in new[] { 10, 30, 40 })
        {
            var at = Start.AddMinutes(5 + minute);
            Assert.True(session.RecordVitals(new VitalsInput(122, 80, 72, 98, 14), at, Nurse, at).IsSuccess);
        }

        var infusing = Booking(session).At(Start.AddMinutes(44));
        Assert.Equal(["Infusion minute 20"], infusing.Overdue.Select(d => d.Label));
        Assert.True(infusing.NeedsAttention);

        Assert.True(session.Stop(Start.AddMinutes(45), null, Nurse, Start.AddMinutes(45)).IsSuccess);
        var observing = Booking(session).At(Start.AddMinutes(60));
        Assert.Equal(FloorPhase.Observing, observing.Phase);
        Assert.Empty(observing.Overdue);
        Assert.False(observing.NeedsAttention);

        // An observation reading missed does ask for one.
        var late = Booking(session).At(Start.AddMinutes(45 + 33));
        Assert.Equal(["Observation minute 30"], late.Overdue.Select(d => d.Label));
    }

    [Fact]
    public void An_open_chart_alert_puts_the_card_in_need_of_attention_in_every_phase()
    {
        var alert = new FloorChartAlert(Guid.NewGuid(), "phq9.item9", "PHQ-9 item 9 answered above 0: assess suicide risk.", Start.AddMinutes(-20));
        var waiting = Booking(null, AppointmentStatus.Booked) with { ChartAlerts = [alert] };
        var ordered = CheckedIn(new VitalsInput(120, 80, 70, 98, 14));

        var booked = waiting.At(Start);
        var checkedIn = (Booking(ordered) with { ChartAlerts = [alert] }).At(Start.AddMinutes(1));

        Assert.Equal(FloorPhase.Booked, booked.Phase);
        Assert.Equal([alert], booked.ChartAlerts);
        Assert.True(booked.NeedsAttention);
        Assert.Equal([alert], checkedIn.ChartAlerts);
        Assert.True(checkedIn.NeedsAttention);
        Assert.False(Booking(null, AppointmentStatus.Booked).At(Start).NeedsAttention);
    }

    private static FloorBooking Booking(InfusionSession? session, AppointmentStatus status = AppointmentStatus.Arrived) =>
        new(session?.AppointmentId ?? Guid.NewGuid(), Guid.NewGuid(), "Doe, Jane", AppointmentType.InfusionSession, status,
            Start, Start.AddMinutes(100), Guid.NewGuid(), "Noah Nurse", "Cleo Clinician", session);

    private static InfusionSession CheckedIn(VitalsInput baseline)
    {
        var protocol = Protocol.Create(Protocol.Defaults[0], "admin", Start.AddDays(-30)).Value;
        var session = InfusionSession.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), protocol, Start);
        var checkIn = new CheckInInput(Start.AddHours(-8), Start.AddHours(-3), "Sam Escort", "+1 555 0100", true, 80m, Today, baseline);
        Assert.True(session.RecordCheckIn(checkIn, new CheckInFacts(true, true, Start), Nurse, Start, Today).IsSuccess);
        return session;
    }
}
