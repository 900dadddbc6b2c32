using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class SideEffectTests
{
    private static readonly DateTime Onset = StartUtc.AddMinutes(15);
    private static readonly DateTime Now = StartUtc.AddMinutes(20);

    private static SideEffectInput Sedation(int? moaas) =>
        new(SideEffectType.Sedation, null, Onset, SideEffectSeverity.Moderate, moaas, null, null, SideEffectAction.Pause, null, null);

    private static SideEffectInput Dissociation(int? rating, int? cadss = null) =>
        new(SideEffectType.Dissociation, null, Onset, SideEffectSeverity.Mild, null, rating, cadss, SideEffectAction.Reassurance, null, null);

    [Theory]
    [InlineData(null, "session.moaas")]
    [InlineData(-1, "session.moaas_range")]
    [InlineData(6, "session.moaas_range")]
    [InlineData(0, null)]
    [InlineData(5, null)]
    public void Sedation_needs_a_MOAA_S_score_from_0_to_5(int? moaas, string? refusal)
    {
        var result = Infusing().RecordSideEffect(null, Sedation(moaas), Nurse, Now);

        Assert.Equal(refusal, result.Error?.Code);
    }

    [Theory]
    [InlineData(null, "session.dissociation")]
    [InlineData(-1, "session.dissociation_range")]
    [InlineData(5, "session.dissociation_range")]
    [InlineData(0, null)]
    [InlineData(4, null)]
    public void Dissociation_needs_a_rating_from_0_to_4(int? rating, string? refusal)
    {
        var result = Infusing().RecordSideEffect(null, Dissociation(rating), Nurse, Now);

        Assert.Equal(refusal, result.Error?.Code);
    }

    [Theory]
    [InlineData(-1, "session.cadss")]
    [InlineData(93, "session.cadss")]
    [InlineData(0, null)]
    [InlineData(92, null)]
    public void The_optional_CADSS_score_lies_from_0_to_92(int cadss, string? refusal)
    {
        var result = Infusing().RecordSideEffect(null, Dissociation(2, cadss), Nurse, Now);

        Assert.Equal(refusal, result.Error?.Code);
    }

    [Fact]
    public void An_other_side_effect_needs_a_description()
    {
        var session = Infusing();
        var other = new SideEffectInput(SideEffectType.Other, "  ", Onset, SideEffectSeverity.Mild, null, null, null, SideEffectAction.None, null, null);

        Assert.Equal("session.side_effect_other", Refused(session.RecordSideEffect(null, other, Nurse, Now)).Code);
        var recorded = Ok(session.RecordSideEffect(null, other with { OtherDescription = " Tingling lips " }, Nurse, Now));

        Assert.Equal("Tingling lips", recorded.OtherDescription);
    }

    [Fact]
    public void An_other_action_needs_a_note()
    {
        var session = Infusing();
        var input = Nausea(Onset) with { Action = SideEffectAction.Other };

        Assert.Equal("session.action_note", Refused(session.RecordSideEffect(null, input, Nurse, Now)).Code);
        Ok(session.RecordSideEffect(null, input with { ActionNote = "Cold compress" }, Nurse, Now));
    }

    [Fact]
    public void A_side_effect_cannot_resolve_before_it_began()
    {
        var session = Infusing();

        Assert.Equal("session.resolved", Refused(session.RecordSideEffect(null, Nausea(Onset, Onset.AddMinutes(-1)), Nurse, Now)).Code);
        Ok(session.RecordSideEffect(null, Nausea(Onset, Onset), Nurse, Now));
    }

    [Fact]
    public void A_side_effect_cannot_begin_or_resolve_in_the_future()
    {
        var session = Infusing();

        Assert.Equal("session.time_future", Refused(session.RecordSideEffect(null, Nausea(Now.AddMinutes(3)), Nurse, Now)).Code);
        Assert.Equal("session.time_future", Refused(session.RecordSideEffect(null, Nausea(Onset, Now.AddMinutes(3)), Nurse, Now)).Code);
    }

    [Fact]
    public void Undefined_choices_are_refused()
    {
        var session = Infusing();

        Assert.Equal("session.side_effect", Refused(session.RecordSideEffect(null, Nausea(Onset) with { Type = (SideEffectType)99 }, Nurse, Now)).Code);
        Assert.Equal("session.side_effect", Refused(session.RecordSideEffect(null, Nausea(Onset) with { Severity = (SideEffectSeverity)0 }, Nurse, Now)).Code);
        Assert.Empty(session.SideEffects);
    }

    [Fact]
    public void A_side_effect_is_recorded_with_who_and_when_and_its_resolution_added_later()
    {
        var session = Infusing();
        var effect = Ok(session.RecordSideEffect(null, Nausea(Onset), Nurse, Now));

        Ok(session.RecordSideEffect(effect.Id, Nausea(Onset, Now.AddMinutes(5)), Nurse, Now.AddMinutes(5)));

        var only = Assert.Single(session.SideEffects);
        Assert.Equal(effect.Id, only.Id);
        Assert.Equal((SideEffectType.NauseaOrVomiting, Onset, Now.AddMinutes(5)), (only.Type, only.OnsetUtc, only.ResolvedUtc));
        Assert.Equal((Nurse.Id, Now), (only.RecordedBy, only.RecordedUtc));
        Assert.Equal("session.side_effect_not_found", Refused(session.RecordSideEffect(Guid.NewGuid(), Nausea(Onset), Nurse, Now)).Code);
    }

    [Fact]
    public void Side_effects_are_recorded_from_check_in_until_the_record_is_completed()
    {
        Assert.Equal("session.transition", Refused(Booked().RecordSideEffect(null, Nausea(CheckInUtc), Nurse, CheckInUtc)).Code);
        Ok(CheckedIn().RecordSideEffect(null, Nausea(CheckInUtc), Nurse, CheckInUtc.AddMinutes(1)));
        Ok(Discharged().RecordSideEffect(null, Nausea(Onset, DischargeUtc), Nurse, DischargeUtc.AddMinutes(1)));
        Assert.Equal("session.completed", Refused(Completed().RecordSideEffect(null, Nausea(Onset), Nurse, DischargeUtc.AddMinutes(6))).Code);
    }
}
