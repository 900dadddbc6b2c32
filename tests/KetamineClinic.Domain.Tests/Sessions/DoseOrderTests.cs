using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class DoseOrderTests
{
    private static DoseInput Dose(decimal dose, decimal weightKg = 82.4m, int minutes = 40, string? reason = null, int weightAgeDays = 3) =>
        new(dose, weightKg, Today.AddDays(-weightAgeDays), minutes, reason);

    [Fact]
    public void Half_a_milligram_per_kg_for_82_4_kg_is_41_2_mg_over_40_minutes_at_61_8_mg_per_hour()
    {
        var figures = Ok(DoseCalculation.Compute(Depression, Dose(0.5m), Today));

        Assert.Equal(DoseUnit.MgPerKg, figures.Unit);
        Assert.Equal(41.2m, figures.TotalMg);
        Assert.Equal(61.8m, figures.RateMgPerHour);
        Assert.Equal(40, figures.DurationMinutes);
        Assert.False(figures.OutsideUsualRange);
    }

    [Theory]
    [InlineData(1.0, 70.0, 150, 70.0, 175.0)] // 70 mg/h for 2.5 h
    [InlineData(0.5, 82.4, 120, 41.2, 82.4)] // 41.2 mg/h for 2 h
    [InlineData(2.0, 60.0, 90, 120.0, 180.0)] // the top of the range, 1.5 h
    public void A_pain_protocol_rate_is_dose_times_weight_and_the_total_is_rate_times_hours(double dose, double kg, int minutes, double rate, double total)
    {
        var figures = Ok(DoseCalculation.Compute(Pain, Dose((decimal)dose, (decimal)kg, minutes), Today));

        Assert.Equal(DoseUnit.MgPerKgPerHour, figures.Unit);
        Assert.Equal((decimal)rate, figures.RateMgPerHour);
        Assert.Equal((decimal)total, figures.TotalMg);
    }

    [Fact]
    public void Figures_are_rounded_to_two_decimals()
    {
        // 0.33 mg/kg × 71.3 kg = 23.529 mg; over 35 min = 40.336 mg/h.
        var figures = Ok(DoseCalculation.Compute(Depression, Dose(0.33m, 71.3m, 35), Today));

        Assert.Equal(23.53m, figures.TotalMg);
        Assert.Equal(40.34m, figures.RateMgPerHour);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.75)]
    [InlineData(0.5)]
    public void A_dose_inside_the_usual_range_needs_no_reason(double dose)
    {
        var figures = Ok(DoseCalculation.Compute(Depression, Dose((decimal)dose), Today));

        Assert.False(figures.OutsideUsualRange);
    }

    [Theory]
    [InlineData(0.09)]
    [InlineData(0.76)]
    [InlineData(1.0)]
    public void A_dose_outside_the_usual_range_needs_an_override_reason(double dose)
    {
        var error = Refused(DoseCalculation.Compute(Depression, Dose((decimal)dose), Today));
        Assert.Equal("session.override", error.Code);
        Assert.Contains("0.1–0.75 mg/kg", error.Message, StringComparison.Ordinal);
        Assert.Equal("session.override", Refused(DoseCalculation.Compute(Depression, Dose((decimal)dose, reason: "   "), Today)).Code);

        var figures = Ok(DoseCalculation.Compute(Depression, Dose((decimal)dose, reason: "Partial response at 0.75 mg/kg"), Today));

        Assert.True(figures.OutsideUsualRange);
    }

    [Fact]
    public void A_dose_above_the_ceiling_is_refused_even_with_a_reason()
    {
        var error = Refused(DoseCalculation.Compute(Depression, Dose(1.01m, reason: "Clinician insists"), Today));

        Assert.Equal("session.above_ceiling", error.Code);
        Assert.Contains("1.0 mg/kg", error.Message, StringComparison.Ordinal);
        Assert.Equal("session.above_ceiling", Refused(DoseCalculation.Compute(Pain, Dose(2.01m, reason: "Clinician insists"), Today)).Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-0.5)]
    public void A_dose_of_zero_or_less_is_refused(double dose)
    {
        Assert.Equal("session.dose_positive", Refused(DoseCalculation.Compute(Depression, Dose((decimal)dose), Today)).Code);
    }

    [Theory]
    [InlineData(19.9, false)]
    [InlineData(20.0, true)]
    [InlineData(300.0, true)]
    [InlineData(300.1, false)]
    public void The_weight_must_lie_between_20_and_300_kg(double kg, bool accepted)
    {
        var result = DoseCalculation.Compute(Depression, Dose(0.5m, (decimal)kg), Today);

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("session.weight_range", result.Error!.Code);
        }
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(1, true)]
    [InlineData(1440, true)]
    [InlineData(1441, false)]
    public void The_duration_must_lie_between_1_minute_and_24_hours(int minutes, bool accepted)
    {
        var result = DoseCalculation.Compute(Depression, Dose(0.5m, minutes: minutes), Today);

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("session.duration", result.Error!.Code);
        }
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(31, false)]
    [InlineData(-1, false)] // measured "tomorrow": a typing error
    public void A_weight_older_than_the_protocol_allows_must_be_measured_again(int ageDays, bool accepted)
    {
        var result = DoseCalculation.Compute(Depression, Dose(0.5m, weightAgeDays: ageDays), Today);

        Assert.Equal(accepted, result.IsSuccess);
        if (!accepted)
        {
            Assert.Equal("session.stale_weight", result.Error!.Code);
        }
    }

    [Fact]
    public void The_maximum_weight_age_is_the_protocols_setting()
    {
        var weekly = Depression with { MaxWeightAgeDays = 7 };

        Assert.True(DoseCalculation.Compute(weekly, Dose(0.5m, weightAgeDays: 7), Today).IsSuccess);
        var error = Refused(DoseCalculation.Compute(weekly, Dose(0.5m, weightAgeDays: 8), Today));

        Assert.Equal("session.stale_weight", error.Code);
        Assert.Contains("7 days", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_order_stores_the_figures_the_weight_date_and_who_ordered_it()
    {
        var session = CheckedIn();

        var figures = Ok(session.Order(Dose(0.8m, reason: "Partial response last time"), Clinician, OrderUtc, Today));

        var order = Assert.Single(session.Orders);
        Assert.Same(order, session.CurrentOrder);
        Assert.Equal(SessionPhase.Ordered, session.Phase);
        Assert.Equal((0.8m, 82.4m, 65.92m, 98.88m), (order.Dose, order.WeightKg, order.TotalMg, order.RateMgPerHour));
        Assert.Equal((figures.TotalMg, figures.RateMgPerHour), (order.TotalMg, order.RateMgPerHour));
        Assert.Equal(Today.AddDays(-3), order.WeightMeasuredOn);
        Assert.Equal(40, order.DurationMinutes);
        Assert.Equal("IV", order.Route);
        Assert.Equal("Partial response last time", order.OverrideReason);
        Assert.Equal((Clinician.Id, Clinician.Name, OrderUtc), (order.OrderedBy, order.OrderedByName, order.OrderedUtc));
        Assert.Equal(1, order.ProtocolVersion);
    }

    [Fact]
    public void A_nurse_cannot_order_a_dose()
    {
        var session = CheckedIn();

        var error = Refused(session.Order(StandardDose, Nurse, OrderUtc, Today));

        Assert.Equal("session.clinician_only", error.Code);
        Assert.Empty(session.Orders);
        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
    }

    [Fact]
    public void A_refused_order_leaves_the_current_order_in_force()
    {
        var session = Ordered();

        Assert.Equal("session.above_ceiling", Refused(session.Order(Dose(1.5m, reason: "x"), Clinician, OrderUtc.AddMinutes(1), Today)).Code);

        var order = Assert.Single(session.Orders);
        Assert.True(order.IsCurrent);
        Assert.Equal(0.5m, order.Dose);
    }

    [Fact]
    public void A_new_order_replaces_the_current_one_and_keeps_the_history()
    {
        var session = Ordered();
        var replacedAt = OrderUtc.AddMinutes(2);

        Ok(session.Order(Dose(0.4m), Clinician, replacedAt, Today));
        Ok(session.Order(Dose(0.45m), Clinician, replacedAt.AddMinutes(1), Today));

        Assert.Equal([0.5m, 0.4m, 0.45m], session.Orders.Select(o => o.Dose));
        Assert.Equal([replacedAt, replacedAt.AddMinutes(1), (DateTime?)null], session.Orders.Select(o => o.ReplacedUtc));
        Assert.Single(session.Orders, o => o.IsCurrent);
        Assert.Equal(0.45m, session.CurrentOrder!.Dose);
        Assert.Equal(SessionPhase.Ordered, session.Phase);
    }

    [Fact]
    public void The_infusion_runs_at_the_current_orders_rate()
    {
        var session = Ordered();
        Ok(session.Order(Dose(0.4m), Clinician, OrderUtc.AddMinutes(1), Today));

        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));

        Assert.Equal(49.44m, session.Events.Single().RateMgPerHour); // 0.4 × 82.4 = 32.96 mg over 40 min
    }
}
