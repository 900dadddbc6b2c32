using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class InfusionEventTests
{
    [Fact]
    public void Pause_needs_a_reason_and_resume_continues_the_infusion()
    {
        var session = Infusing();
        var at = StartUtc.AddMinutes(12);

        Assert.Equal("session.reason", Refused(session.Pause(at, " ", Nurse, at)).Code);
        Ok(session.Pause(at, "Nausea", Nurse, at));
        Assert.True(session.IsPaused);
        Assert.Equal("session.paused", Refused(session.Pause(at.AddMinutes(1), "Again", Nurse, at.AddMinutes(1))).Code);

        Ok(session.Resume(at.AddMinutes(5), Nurse, at.AddMinutes(5)));

        Assert.False(session.IsPaused);
        Assert.Equal("session.not_paused", Refused(session.Resume(at.AddMinutes(6), Nurse, at.AddMinutes(6))).Code);
        Assert.Equal([InfusionEventKind.Started, InfusionEventKind.Paused, InfusionEventKind.Resumed], session.Events.Select(e => e.Kind));
        Assert.Equal("Nausea", session.Events[1].Reason);
    }

    [Fact]
    public void An_event_cannot_be_dated_before_the_previous_one()
    {
        var session = Infusing();
        Ok(session.Pause(StartUtc.AddMinutes(12), "Nausea", Nurse, StartUtc.AddMinutes(12)));

        var error = Refused(session.Resume(StartUtc.AddMinutes(11), Nurse, StartUtc.AddMinutes(13)));

        Assert.Equal("session.time_order", error.Code);
        Assert.True(session.IsPaused);
    }

    [Fact]
    public void Slowing_needs_a_reason_and_a_lower_rate()
    {
        var session = Infusing();
        var at = StartUtc.AddMinutes(15);

        Assert.Equal("session.slower", Refused(session.Slow(at, 61.8m, "Dizzy", Nurse, at)).Code);
        Assert.Equal("session.slower", Refused(session.Slow(at, 0m, "Dizzy", Nurse, at)).Code);
        Assert.Equal("session.reason", Refused(session.Slow(at, 40m, null, Nurse, at)).Code);

        Ok(session.Slow(at, 40m, "Dizzy", Nurse, at));

        Assert.Equal(40m, session.Events.Last().RateMgPerHour);
    }

    [Fact]
    public void A_second_slowing_must_be_below_the_rate_already_slowed_to()
    {
        var session = Infusing();
        Ok(session.Slow(StartUtc.AddMinutes(15), 30m, "Dizzy", Nurse, StartUtc.AddMinutes(15)));

        var error = Refused(session.Slow(StartUtc.AddMinutes(20), 50m, "Dizzy", Nurse, StartUtc.AddMinutes(20)));

        Assert.Equal("session.slower", error.Code);
        Assert.Contains("30", error.Message, StringComparison.Ordinal);
        Ok(session.Slow(StartUtc.AddMinutes(20), 20m, "Still dizzy", Nurse, StartUtc.AddMinutes(20)));
    }

    [Fact]
    public void Slowing_when_not_infusing_says_so_whatever_rate_is_typed()
    {
        var session = Observing();

        Assert.Equal("session.transition", Refused(session.Slow(DischargeUtc, 100m, "Dizzy", Nurse, DischargeUtc)).Code);
    }

    [Fact]
    public void Stopping_at_the_ordered_duration_needs_no_reason_and_starts_observation()
    {
        var session = Infusing();

        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));

        Assert.Equal(SessionPhase.Observing, session.Phase);
        Assert.False(session.StoppedEarly);
        Assert.Null(session.EndReason);
        Assert.Equal(StopUtc, session.InfusionStopUtc);
    }

    [Fact]
    public void Stopping_early_needs_a_reason_and_is_marked_stopped_early()
    {
        var session = Infusing();
        var early = StopUtc.AddMinutes(-1);

        Assert.Equal("session.reason", Refused(session.Stop(early, "", Nurse, early)).Code);
        Assert.Equal(SessionPhase.Infusing, session.Phase);

        Ok(session.Stop(early, " SpO2 89 % ", Nurse, early));

        Assert.Equal(SessionPhase.Observing, session.Phase);
        Assert.True(session.StoppedEarly);
        Assert.Equal("SpO2 89 %", session.EndReason);
    }

    [Fact]
    public void A_paused_infusion_can_be_stopped()
    {
        var session = Infusing();
        Ok(session.Pause(StartUtc.AddMinutes(5), "Anxiety", Nurse, StartUtc.AddMinutes(5)));

        Ok(session.Stop(StartUtc.AddMinutes(10), "Patient asked to stop", Nurse, StartUtc.AddMinutes(10)));

        Assert.True(session.StoppedEarly);
        Assert.Equal(SessionPhase.Observing, session.Phase);
    }

    [Fact]
    public void The_infusion_is_started_and_stopped_once()
    {
        var session = Observing();

        Assert.Equal("session.transition", Refused(session.Start(DischargeUtc, "LOT-2", Nurse, DischargeUtc, Today)).Code);
        Assert.Equal("session.transition", Refused(session.Stop(DischargeUtc, "again", Nurse, DischargeUtc)).Code);
        Assert.Single(session.Events, e => e.Kind == InfusionEventKind.Started);
        Assert.Single(session.Events, e => e.Kind == InfusionEventKind.Stopped);
    }
}
