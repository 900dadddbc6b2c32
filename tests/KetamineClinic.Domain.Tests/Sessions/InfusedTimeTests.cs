using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>Minutes of drug given leave out paused stretches: the session page, the floor and the early-stop rule
/// all count them this way.</summary>
public sealed class InfusedTimeTests
{
    [Fact]
    public void Paused_stretches_do_not_count_as_infusing()
    {
        var session = Infusing();
        Assert.True(session.Pause(StartUtc.AddMinutes(10), "Nausea", Nurse, StartUtc.AddMinutes(10)).IsSuccess);
        Assert.True(session.Resume(StartUtc.AddMinutes(15), Nurse, StartUtc.AddMinutes(15)).IsSuccess);

        Assert.Equal(TimeSpan.FromMinutes(10), session.InfusedFor(StartUtc.AddMinutes(12)));
        Assert.Equal(TimeSpan.FromMinutes(15), session.InfusedFor(StartUtc.AddMinutes(20)));
    }

    [Fact]
    public void A_pause_still_running_stops_the_count()
    {
        var session = Infusing();
        Assert.True(session.Pause(StartUtc.AddMinutes(10), "Blood pressure", Nurse, StartUtc.AddMinutes(10)).IsSuccess);

        Assert.Equal(TimeSpan.FromMinutes(10), session.InfusedFor(StartUtc.AddMinutes(30)));
    }

    [Fact]
    public void Stopping_at_the_planned_end_after_a_pause_is_early_and_needs_a_reason()
    {
        var session = Infusing();
        Assert.True(session.Pause(StartUtc.AddMinutes(10), "Nausea", Nurse, StartUtc.AddMinutes(10)).IsSuccess);
        Assert.True(session.Resume(StartUtc.AddMinutes(15), Nurse, StartUtc.AddMinutes(15)).IsSuccess);

        var withoutReason = session.Stop(StopUtc, null, Nurse, StopUtc);
        var afterFullDose = session.Stop(StopUtc.AddMinutes(5), null, Nurse, StopUtc.AddMinutes(5));

        Assert.Equal(SessionErrors.ReasonRequired, withoutReason.Error);
        Assert.True(afterFullDose.IsSuccess, afterFullDose.Error?.Message);
        Assert.False(session.StoppedEarly);
        Assert.Equal(TimeSpan.FromMinutes(40), session.InfusedFor(StopUtc.AddMinutes(30)));
    }
}
