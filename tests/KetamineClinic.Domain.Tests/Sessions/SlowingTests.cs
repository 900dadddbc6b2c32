using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>Slowing the infusion: the new rate must be below the rate running now, so a second slowing slows further.</summary>
public sealed class SlowingTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now);
    private static readonly SessionActor Nurse = new("nurse-1", "Nurse One", false);
    private static readonly SessionActor Clinician = new("clinician-1", "Dr One", true);

    private static InfusionSession Infusing()
    {
        var protocol = Protocol.Create(Protocol.Defaults[0], "admin", Now.AddDays(-30)).Value;
        var session = InfusionSession.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), protocol, Now);
        var input = new CheckInInput(Now.AddHours(-8), Now.AddHours(-3), "Sam Escort", "+1 555 0100", true, 82.4m, Today, new VitalsInput(120, 80, 70, 98, 14));
        Assert.True(session.RecordCheckIn(input, new CheckInFacts(true, true, Now), Nurse, Now, Today).IsSuccess);
        Assert.True(session.Order(new DoseInput(0.5m, 82.4m, Today, 40, null), Clinician, Now, Today).IsSuccess);
        Assert.True(session.Start(Now, "LOT-1", Nurse, Now, Today).IsSuccess);
        return session;
    }

    [Fact]
    public void A_second_slowing_must_go_below_the_rate_already_slowed_to()
    {
        var session = Infusing();
        Assert.Equal(61.8m, session.CurrentRateMgPerHour);
        Assert.True(session.Slow(Now.AddMinutes(5), 40m, "Dissociation", Nurse, Now.AddMinutes(5)).IsSuccess);

        var faster = session.Slow(Now.AddMinutes(8), 50m, "Still dissociated", Nurse, Now.AddMinutes(8));
        var slower = session.Slow(Now.AddMinutes(9), 30m, "Still dissociated", Nurse, Now.AddMinutes(9));

        Assert.Equal(SessionErrors.SlowerRate(40m), faster.Error);
        Assert.True(slower.IsSuccess, slower.Error?.Message);
        Assert.Equal(30m, session.CurrentRateMgPerHour);
    }
}
