using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Tests.Protocols;

public sealed class ProtocolTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);

    private static ProtocolSettings Depression => Protocol.Defaults[0];

    [Fact]
    public void The_default_depression_protocol_follows_domain_md()
    {
        var s = Depression;

        Assert.Equal(0.5m, s.DefaultDose);
        Assert.Equal(DoseUnit.MgPerKg, s.DoseUnit);
        Assert.Equal(40, s.InfusionMinutes);
        Assert.Equal(0.1m, s.UsualMinDose);
        Assert.Equal(0.75m, s.UsualMaxDose);
        Assert.Equal(6, s.DefaultSessions);
        Assert.Equal(10, s.VitalsIntervalMinutes);
        Assert.Equal(40, s.ExtraReadingAtMinute);
        Assert.Equal(60, s.ObservationMinutes);
        Assert.Equal((140, 90), (s.GoAheadSystolicAbove, s.GoAheadDiastolicAbove));
        Assert.Equal((180, 100, 110), (s.AlertSystolicAtOrAbove, s.AlertDiastolicAtOrAbove, s.AlertHeartRateAtOrAbove));
        Assert.Equal((92, 10), (s.AlertSpO2Below, s.AlertRespiratoryRateBelow));
        Assert.Equal((6, 2), (s.FastingSolidHours, s.FastingClearLiquidHours));
        Assert.Equal(24, s.MinIntervalHours);
        Assert.Equal(30, s.MaxWeightAgeDays);
        Assert.Equal(4, s.ReviewAfterInfusions);
        Assert.Contains("Sanacora", s.SourceNotes, StringComparison.Ordinal);
    }

    [Fact]
    public void The_default_pain_protocol_is_a_rate_per_kg_per_hour()
    {
        var pain = Protocol.Defaults.Single(p => p.Indication == Indication.ChronicPain);

        Assert.Equal(DoseUnit.MgPerKgPerHour, pain.DoseUnit);
        Assert.Equal((0.5m, 2.0m), (pain.UsualMinDose, pain.UsualMaxDose));
        Assert.Equal(0.35m, pain.MaxBolusMgPerKg);
        Assert.Contains("Cohen", pain.SourceNotes, StringComparison.Ordinal);
    }

    [Fact]
    public void Revising_makes_a_new_version_and_keeps_the_old_one_unchanged()
    {
        var v1 = Protocol.Create(Depression, "admin", Now).Value;

        var v2 = v1.Revise(Depression with { ObservationMinutes = 120 }, "admin", Now.AddDays(1)).Value;

        Assert.Equal(1, v1.VersionNumber);
        Assert.False(v1.IsCurrent);
        Assert.Equal(60, v1.Settings.ObservationMinutes);
        Assert.Equal(2, v2.VersionNumber);
        Assert.True(v2.IsCurrent);
        Assert.Equal(v1.FamilyId, v2.FamilyId);
        Assert.NotEqual(v1.Id, v2.Id);
        Assert.Equal(120, v2.Settings.ObservationMinutes);
    }

    [Fact]
    public void Only_the_current_version_can_be_revised()
    {
        var v1 = Protocol.Create(Depression, "admin", Now).Value;
        v1.Revise(Depression, "admin", Now);

        Assert.Equal(ProtocolErrors.NotCurrent, v1.Revise(Depression, "admin", Now).Error);
    }

    [Theory]
    [InlineData(0.6, 0.5, 0.75, 1.0)] // usual minimum above the default
    [InlineData(0.1, 0.8, 0.75, 1.0)] // default above the usual maximum
    [InlineData(0.1, 0.5, 1.2, 1.0)] // usual maximum above the ceiling
    [InlineData(0, 0.5, 0.75, 1.0)] // no lower bound
    public void Doses_out_of_order_are_refused(double min, double dflt, double max, double ceiling)
    {
        var settings = Depression with { UsualMinDose = (decimal)min, DefaultDose = (decimal)dflt, UsualMaxDose = (decimal)max, CeilingDose = (decimal)ceiling };

        Assert.Equal(ProtocolErrors.DoseOrder, Protocol.Create(settings, "admin", Now).Error);
    }

    [Fact]
    public void Clear_liquids_cannot_stop_before_solid_food()
    {
        Assert.Equal(ProtocolErrors.Fasting, Protocol.Create(Depression with { FastingClearLiquidHours = 8 }, "admin", Now).Error);
    }

    [Fact]
    public void The_review_point_must_fall_within_the_course()
    {
        Assert.Equal(ProtocolErrors.ReviewPoint, Protocol.Create(Depression with { ReviewAfterInfusions = 7 }, "admin", Now).Error);
    }

    [Theory]
    [InlineData(31, 2)]
    [InlineData(6, 6)]
    public void Course_defaults_a_plan_could_not_use_are_refused(int sessions, int perWeek)
    {
        var result = Protocol.Create(Depression with { DefaultSessions = sessions, DefaultSessionsPerWeek = perWeek, ReviewAfterInfusions = 1 }, "admin", Now);

        Assert.Equal("protocol.range", result.Error!.Code);
    }

    [Fact]
    public void The_depression_protocol_asks_for_a_PHQ9_before_each_infusion_and_the_pain_protocol_a_pain_score()
    {
        Assert.Equal([InstrumentCode.Phq9], Protocol.Defaults[0].PreInfusionMeasures.Items);
        Assert.Equal([InstrumentCode.PainNrs], Protocol.Defaults[1].PreInfusionMeasures.Items);
        Assert.Equal(Protocol.Defaults[0] with { }, Protocol.Defaults[0] with { PreInfusionMeasures = InstrumentSet.Of(InstrumentCode.Phq9) });
    }

    [Fact]
    public void Measures_before_an_infusion_are_patient_questionnaires()
    {
        Assert.Equal(ProtocolErrors.PreInfusionMeasures, Protocol.Create(Depression with { PreInfusionMeasures = InstrumentSet.Of(InstrumentCode.Madrs) }, "admin", Now).Error);
        Assert.True(Protocol.Create(Depression with { PreInfusionMeasures = InstrumentSet.Empty }, "admin", Now).IsSuccess);
        Assert.True(Protocol.Create(Depression with { PreInfusionMeasures = InstrumentSet.Of(InstrumentCode.Gad7, InstrumentCode.Phq9) }, "admin", Now).IsSuccess);
    }

    [Fact]
    public void An_instrument_set_reads_back_what_it_writes_in_a_fixed_order()
    {
        var set = InstrumentSet.Of(InstrumentCode.Pcl5, InstrumentCode.Phq9, InstrumentCode.Phq9);

        Assert.Equal("Phq9,Pcl5", set.ToString());
        Assert.Equal(set, InstrumentSet.Parse("Phq9, Pcl5"));
        Assert.Equal(InstrumentSet.Empty, InstrumentSet.Parse(""));
        Assert.Equal(2, set.Count);
    }
}
