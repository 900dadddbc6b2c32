using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class CheckInTests
{
    private static IReadOnlyList<string> Problems(CheckInInput input, CheckInFacts? facts = null, DateTime? nowUtc = null) =>
        InfusionSession.CheckInProblems(Depression, input, facts ?? Facts, nowUtc ?? CheckInUtc, Today);

    [Fact]
    public void A_complete_checklist_checks_the_patient_in_and_records_the_baseline()
    {
        var session = Booked();

        Ok(session.RecordCheckIn(GoodCheckIn() with { EscortName = "  Sam Lee ", EscortPhone = " 555-0100 " }, Facts, Nurse, CheckInUtc, Today));

        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
        var record = session.CheckIn!;
        Assert.Equal(("Sam Lee", "555-0100"), (record.EscortName, record.EscortPhone));
        Assert.True(record.MedicinesHeld && record.ConsentCurrent && record.EligibilityCurrent);
        Assert.Equal((82.4m, Today.AddDays(-3)), (record.WeightKg, record.WeightMeasuredOn));
        Assert.Equal((CheckInUtc, Nurse.Name), (record.CheckedInUtc, record.CheckedInBy));
        var baseline = Assert.Single(session.Vitals);
        Assert.Equal(VitalsKind.Baseline, baseline.Kind);
        Assert.Equal(NormalVitals, baseline.ToInput());
        Assert.False(session.GoAheadRequired);
    }

    [Fact]
    public void An_incomplete_checklist_is_refused_with_every_problem_and_nothing_is_recorded()
    {
        var session = Booked();
        var empty = new CheckInInput(null, null, null, null, null, null, null, null);

        var error = Refused(session.RecordCheckIn(empty, Facts with { ConsentCurrent = false, EligibilityCurrent = false }, Nurse, CheckInUtc, Today));

        Assert.Equal("session.check_in", error.Code);
        Assert.Equal(8, Problems(empty, Facts with { ConsentCurrent = false, EligibilityCurrent = false }).Count);
        foreach (var fragment in new[] { "solid food", "clear liquids", "escort", "medicines", "consent", "eligibility", "weight", "baseline" })
        {
            Assert.Contains(fragment, error.Message, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(SessionPhase.Booked, session.Phase);
        Assert.Null(session.CheckIn);
        Assert.Empty(session.Vitals);
    }

    [Theory]
    [InlineData(360, true)] // exactly 6 h
    [InlineData(359, false)]
    public void Solid_food_needs_six_hours_of_fasting_by_default(int minutesBeforeStart, bool met)
    {
        var problems = Problems(GoodCheckIn() with { LastSolidFoodUtc = CheckInUtc.AddMinutes(-minutesBeforeStart) });

        if (met)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains("6 h", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData(120, true)] // exactly 2 h
    [InlineData(119, false)]
    public void Clear_liquids_need_two_hours_of_fasting_by_default(int minutesBeforeStart, bool met)
    {
        var problems = Problems(GoodCheckIn() with { LastClearLiquidUtc = CheckInUtc.AddMinutes(-minutesBeforeStart) });

        if (met)
        {
            Assert.Empty(problems);
        }
        else
        {
            Assert.Contains("2 h", Assert.Single(problems), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Fasting_is_measured_to_the_planned_start_when_the_patient_checks_in_early()
    {
        var early = CheckInUtc.AddMinutes(-60); // planned start stays at CheckInUtc
        var input = GoodCheckIn() with
        {
            LastSolidFoodUtc = CheckInUtc.AddHours(-6), // 5 h before check-in, 6 h before the start
            LastClearLiquidUtc = CheckInUtc.AddHours(-2), // 1 h before check-in, 2 h before the start
        };

        Assert.Empty(Problems(input, nowUtc: early));
    }

    [Fact]
    public void Fasting_is_measured_to_now_when_the_patient_is_late()
    {
        var late = CheckInUtc.AddMinutes(45); // 45 min after the planned start
        var input = GoodCheckIn() with
        {
            LastSolidFoodUtc = late.AddHours(-6), // only 5 h 15 min before the planned start
            LastClearLiquidUtc = late.AddHours(-2),
        };

        Assert.Empty(Problems(input, nowUtc: late));
        Assert.Single(Problems(input with { LastSolidFoodUtc = late.AddHours(-6).AddMinutes(1) }, nowUtc: late));
    }

    [Fact]
    public void The_fasting_hours_are_the_protocols_settings()
    {
        var strict = Depression with { FastingSolidHours = 8, FastingClearLiquidHours = 4 };
        var input = GoodCheckIn() with { LastSolidFoodUtc = CheckInUtc.AddHours(-7), LastClearLiquidUtc = CheckInUtc.AddHours(-3) };

        var problems = InfusionSession.CheckInProblems(strict, input, Facts, CheckInUtc, Today);

        Assert.Equal(2, problems.Count);
        Assert.Contains("8 h", problems[0], StringComparison.Ordinal);
        Assert.Contains("4 h", problems[1], StringComparison.Ordinal);
    }

    [Fact]
    public void A_meal_in_the_future_is_a_typing_error()
    {
        var problems = Problems(GoodCheckIn() with { LastSolidFoodUtc = CheckInUtc.AddHours(1), LastClearLiquidUtc = CheckInUtc.AddHours(1) });

        Assert.Equal(2, problems.Count);
        Assert.All(problems, p => Assert.Contains("future", p, StringComparison.Ordinal));
    }

    public static TheoryData<string, CheckInInput, CheckInFacts, string> EachMissingItem() => new()
    {
        { "no solid food time", GoodCheckIn() with { LastSolidFoodUtc = null }, Facts, "solid food" },
        { "no clear liquid time", GoodCheckIn() with { LastClearLiquidUtc = null }, Facts, "clear liquids" },
        { "no escort name", GoodCheckIn() with { EscortName = " " }, Facts, "escort" },
        { "no escort phone", GoodCheckIn() with { EscortPhone = null }, Facts, "escort" },
        { "medicines not held", GoodCheckIn() with { MedicinesHeldAsInstructed = false }, Facts, "medicines" },
        { "medicines not confirmed", GoodCheckIn() with { MedicinesHeldAsInstructed = null }, Facts, "medicines" },
        { "no current consent", GoodCheckIn(), Facts with { ConsentCurrent = false }, "consent" },
        { "eligibility not current", GoodCheckIn(), Facts with { EligibilityCurrent = false }, "eligibility" },
        { "no weight", GoodCheckIn() with { WeightKg = null }, Facts, "weight" },
        { "no weight date", GoodCheckIn() with { WeightMeasuredOn = null }, Facts, "weight" },
        { "weight out of range", GoodCheckIn() with { WeightKg = 19.5m }, Facts, "20 to 300 kg" },
        { "weight 31 days old", GoodCheckIn() with { WeightMeasuredOn = Today.AddDays(-31) }, Facts, "older than 30 days" },
        { "no baseline vitals", GoodCheckIn() with { Baseline = null }, Facts, "baseline" },
        { "implausible baseline", GoodCheckIn() with { Baseline = NormalVitals with { SpO2 = 101 } }, Facts, "SpO2" },
    };

    [Theory]
    [MemberData(nameof(EachMissingItem))]
    public void Each_unmet_checklist_item_is_named(string item, CheckInInput input, CheckInFacts facts, string expected)
    {
        var session = Booked();

        var problem = Assert.Single(Problems(input, facts));
        var error = Refused(session.RecordCheckIn(input, facts, Nurse, CheckInUtc, Today));

        Assert.Contains(expected, problem, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(problem, error.Message);
        Assert.True(session.Phase == SessionPhase.Booked, item);
    }

    [Fact]
    public void A_weight_measured_exactly_at_the_protocols_maximum_age_is_still_current()
    {
        Assert.Empty(Problems(GoodCheckIn() with { WeightMeasuredOn = Today.AddDays(-30) }));
    }

    [Theory]
    [InlineData(140, 90, false)]
    [InlineData(141, 90, true)]
    [InlineData(140, 91, true)]
    [InlineData(139, 89, false)]
    [InlineData(150, 95, true)]
    public void A_baseline_above_140_over_90_needs_a_go_ahead_and_exactly_140_over_90_does_not(int systolic, int diastolic, bool needed)
    {
        var session = CheckedIn(NormalVitals with { Systolic = systolic, Diastolic = diastolic });

        Assert.Equal(needed, session.GoAheadRequired);
    }

    [Fact]
    public void The_go_ahead_threshold_is_the_protocols_setting()
    {
        var session = CheckedIn(NormalVitals with { Systolic = 135 }, Depression with { GoAheadSystolicAbove = 130 });

        Assert.True(session.GoAheadRequired);
    }

    [Fact]
    public void Only_a_clinician_may_give_the_go_ahead()
    {
        var session = CheckedIn(NormalVitals with { Systolic = 152, Diastolic = 94 });

        Assert.Equal("session.clinician_only", Refused(session.GiveGoAhead("Looks fine", Nurse, CheckInUtc.AddMinutes(2))).Code);
        Assert.Null(session.GoAheadUtc);

        Ok(session.GiveGoAhead("  Rechecked 148/92, anxious; proceed ", Clinician, CheckInUtc.AddMinutes(3)));

        Assert.Equal(CheckInUtc.AddMinutes(3), session.GoAheadUtc);
        Assert.Equal(Clinician.Name, session.GoAheadByName);
        Assert.Equal("Rechecked 148/92, anxious; proceed", session.GoAheadNote);
    }

    [Fact]
    public void A_go_ahead_that_is_not_needed_is_refused()
    {
        var session = CheckedIn(NormalVitals with { Systolic = 140, Diastolic = 90 });

        Assert.Equal("session.go_ahead_not_needed", Refused(session.GiveGoAhead(null, Clinician, CheckInUtc.AddMinutes(2))).Code);
    }

    [Fact]
    public void Start_is_refused_without_the_go_ahead_when_the_baseline_was_high_and_accepted_after_it()
    {
        var session = Ordered(NormalVitals with { Systolic = 160, Diastolic = 85 });

        var error = Refused(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));

        Assert.Equal("session.go_ahead", error.Code);
        Assert.Contains("140/90", error.Message, StringComparison.Ordinal);
        Assert.Empty(session.Events);
        Assert.Equal(SessionPhase.Ordered, session.Phase);

        Ok(session.GiveGoAhead(null, Clinician, StartUtc));
        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));

        Assert.Equal(SessionPhase.Infusing, session.Phase);
    }

    [Fact]
    public void The_go_ahead_may_come_before_or_after_the_order()
    {
        var session = CheckedIn(NormalVitals with { Systolic = 160 });

        Ok(session.GiveGoAhead(null, Clinician, CheckInUtc.AddMinutes(1)));
        Ok(session.Order(StandardDose, Clinician, OrderUtc, Today));

        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));
    }

    [Fact]
    public void Start_is_refused_when_the_orders_weight_has_gone_stale()
    {
        // Ordered late in the evening on a weight exactly 30 days old; the start slips past midnight.
        var session = Ordered(dose: StandardDose with { WeightMeasuredOn = Today.AddDays(-30) });
        var afterMidnight = new DateTime(2026, 3, 11, 0, 5, 0, DateTimeKind.Utc);

        var error = Refused(session.Start(afterMidnight, "LOT-1", Nurse, afterMidnight, Today.AddDays(1)));

        Assert.Equal("session.stale_weight", error.Code);
        Assert.Empty(session.Events);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Start_needs_the_vial_lot(string? lot)
    {
        var session = Ordered();

        Assert.Equal("session.vial_lot", Refused(session.Start(StartUtc, lot, Nurse, StartUtc, Today)).Code);
        Assert.Equal("session.vial_lot", Refused(session.Start(StartUtc, new string('L', InfusionSession.MaxVialLotLength + 1), Nurse, StartUtc, Today)).Code);
    }

    [Fact]
    public void Start_records_time_lot_rate_and_who()
    {
        var session = Ordered();

        Ok(session.Start(StartUtc.AddMinutes(-1), " LOT-77 ", Nurse, StartUtc, Today));

        var started = Assert.Single(session.Events);
        Assert.Equal(InfusionEventKind.Started, started.Kind);
        Assert.Equal((StartUtc.AddMinutes(-1), "LOT-77", 61.8m), (started.AtUtc, started.VialLot, started.RateMgPerHour));
        Assert.Equal((Nurse.Id, StartUtc), (started.RecordedBy, started.RecordedUtc));
        Assert.Equal(StartUtc.AddMinutes(-1), session.InfusionStartUtc);
    }

    [Fact]
    public void A_start_time_in_the_future_is_refused()
    {
        var session = Ordered();

        Assert.Equal("session.time_future", Refused(session.Start(StartUtc.AddMinutes(3), "LOT-1", Nurse, StartUtc, Today)).Code);
    }

    [Fact]
    public void A_start_time_before_the_order_is_refused()
    {
        var session = Ordered();

        Assert.Equal("session.time_order", Refused(session.Start(OrderUtc.AddMinutes(-1), "LOT-1", Nurse, StartUtc, Today)).Code);
    }

    [Fact]
    public void A_start_time_before_the_go_ahead_is_refused()
    {
        var session = Ordered(NormalVitals with { Systolic = 160 });
        Ok(session.GiveGoAhead(null, Clinician, StartUtc));

        Assert.Equal("session.time_order", Refused(session.Start(StartUtc.AddMinutes(-1), "LOT-1", Nurse, StartUtc, Today)).Code);
    }
}
