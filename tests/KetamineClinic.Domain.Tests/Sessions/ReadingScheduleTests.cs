using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class ReadingScheduleTests
{
    private static readonly DateTime Start = StartUtc;

    private static IReadOnlyList<DueReading> Schedule(DateTime nowUtc, DateTime? stopUtc = null, ProtocolSettings? protocol = null, params int[] readingMinutes) =>
        ReadingSchedule.For(protocol ?? Depression, Start, stopUtc, readingMinutes.Select(m => Start.AddMinutes(m)), nowUtc);

    private static DueReading At(IReadOnlyList<DueReading> schedule, int minuteOfInfusion) => schedule.Single(d => d.DueUtc == Start.AddMinutes(minuteOfInfusion));

    [Fact]
    public void A_40_minute_infusion_has_readings_at_10_20_30_and_40_minutes_with_the_40_minute_reading_once()
    {
        var schedule = Schedule(Start);

        Assert.Equal([10, 20, 30, 40], schedule.Select(d => (int)(d.DueUtc - Start).TotalMinutes));
        Assert.All(schedule, d => Assert.Equal(ReadingPhase.Infusion, d.Phase));
        Assert.Equal("Infusion minute 40", schedule[^1].Label);
        Assert.All(schedule, d => Assert.Equal(ReadingStatus.Upcoming, d.Status));
    }

    [Fact]
    public void The_40_minute_reading_is_added_between_the_regular_ones()
    {
        var every15 = Depression with { VitalsIntervalMinutes = 15, InfusionMinutes = 50 };

        var schedule = Schedule(Start, protocol: every15);

        Assert.Equal([15, 30, 40, 45], schedule.Select(d => (int)(d.DueUtc - Start).TotalMinutes));
    }

    [Fact]
    public void A_long_pain_infusion_has_a_reading_every_10_minutes_and_the_40th_once()
    {
        var schedule = Schedule(Start, protocol: Pain);

        Assert.Equal(Enumerable.Range(1, 15).Select(k => k * 10), schedule.Select(d => (int)(d.DueUtc - Start).TotalMinutes));
    }

    [Fact]
    public void A_60_minute_observation_has_two_readings_at_30_and_60_minutes_after_the_stop()
    {
        var stop = Start.AddMinutes(40);

        var observation = Schedule(stop, stop).Where(d => d.Phase == ReadingPhase.Observation).ToList();

        Assert.Equal([stop.AddMinutes(30), stop.AddMinutes(60)], observation.Select(d => d.DueUtc));
        Assert.Equal(["Observation minute 30", "Observation minute 60"], observation.Select(d => d.Label));
    }

    [Fact]
    public void The_observation_readings_are_spread_over_the_protocols_observation_time()
    {
        var stop = Start.AddMinutes(40);
        var longer = Depression with { ObservationMinutes = 120, MinObservationReadings = 3 };

        var observation = Schedule(stop, stop, longer).Where(d => d.Phase == ReadingPhase.Observation);

        Assert.Equal([stop.AddMinutes(40), stop.AddMinutes(80), stop.AddMinutes(120)], observation.Select(d => d.DueUtc));
    }

    [Fact]
    public void An_infusion_stopped_early_asks_for_no_infusion_readings_after_the_stop()
    {
        var stop = Start.AddMinutes(25);

        var schedule = Schedule(stop, stop);

        Assert.Equal([Start.AddMinutes(10), Start.AddMinutes(20)], schedule.Where(d => d.Phase == ReadingPhase.Infusion).Select(d => d.DueUtc));
        Assert.Equal([stop.AddMinutes(30), stop.AddMinutes(60)], schedule.Where(d => d.Phase == ReadingPhase.Observation).Select(d => d.DueUtc));
    }

    [Theory]
    [InlineData(0, ReadingStatus.Upcoming)]
    [InlineData(6 * 60 + 59, ReadingStatus.Upcoming)]
    [InlineData(7 * 60, ReadingStatus.Due)] // 3 minutes early
    [InlineData(10 * 60, ReadingStatus.Due)]
    [InlineData(12 * 60, ReadingStatus.Due)] // due + 2 min: not yet overdue
    [InlineData(12 * 60 + 1, ReadingStatus.Overdue)]
    public void A_reading_is_overdue_only_after_its_time_plus_two_minutes(int secondsIntoInfusion, ReadingStatus expected)
    {
        var schedule = Schedule(Start.AddSeconds(secondsIntoInfusion));

        Assert.Equal(expected, At(schedule, 10).Status);
    }

    [Theory]
    [InlineData(7, ReadingStatus.OnTime)]
    [InlineData(10, ReadingStatus.OnTime)]
    [InlineData(12, ReadingStatus.OnTime)]
    [InlineData(13, ReadingStatus.Late)]
    [InlineData(16, ReadingStatus.Late)]
    public void A_reading_taken_after_its_time_plus_two_minutes_is_marked_late(int takenMinute, ReadingStatus expected)
    {
        var due = At(Schedule(Start.AddMinutes(25), null, null, takenMinute), 10);

        Assert.Equal(expected, due.Status);
        Assert.Equal(Start.AddMinutes(takenMinute), due.TakenUtc);
    }

    [Fact]
    public void A_reading_counts_for_one_due_time_only()
    {
        var schedule = Schedule(Start.AddMinutes(25), null, null, 10);

        Assert.Equal(ReadingStatus.OnTime, At(schedule, 10).Status);
        Assert.Equal(ReadingStatus.Overdue, At(schedule, 20).Status);
        Assert.Null(At(schedule, 20).TakenUtc);
    }

    [Fact]
    public void Two_readings_for_one_due_time_do_not_fill_the_next()
    {
        var schedule = Schedule(Start.AddMinutes(25), null, null, 9, 11);

        Assert.Equal(Start.AddMinutes(9), At(schedule, 10).TakenUtc);
        Assert.Equal(ReadingStatus.Overdue, At(schedule, 20).Status);
    }

    [Fact]
    public void A_reading_taken_near_the_next_due_time_counts_for_that_one_and_the_missed_one_stays_overdue()
    {
        var schedule = Schedule(Start.AddMinutes(25), null, null, 18);

        Assert.Equal(ReadingStatus.Overdue, At(schedule, 10).Status);
        Assert.Equal((ReadingStatus.OnTime, Start.AddMinutes(18)), (At(schedule, 20).Status, At(schedule, 20).TakenUtc));
    }

    [Fact]
    public void An_infusion_ordered_longer_than_the_protocols_default_keeps_its_readings_to_the_end()
    {
        // Pain protocol: 150 min by default; this order runs 180 min.
        var session = Booked(Pain);
        Ok(session.RecordCheckIn(GoodCheckIn(), Facts, Nurse, CheckInUtc, Today));
        Ok(session.Order(StandardDose with { Dose = 1.0m, DurationMinutes = 180 }, Clinician, OrderUtc, Today));
        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));

        var schedule = session.DueReadings(StartUtc.AddMinutes(175));

        Assert.Equal(Enumerable.Range(1, 18).Select(k => k * 10), schedule.Select(d => (int)(d.DueUtc - StartUtc).TotalMinutes));
        Assert.Equal(ReadingStatus.Overdue, schedule.Single(d => d.DueUtc == StartUtc.AddMinutes(170)).Status);
    }

    [Fact]
    public void An_infusion_ordered_shorter_than_the_protocols_default_plans_no_readings_past_its_end()
    {
        var session = Ordered(dose: StandardDose with { DurationMinutes = 20 });
        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));

        Assert.Equal([10, 20], session.DueReadings(StartUtc).Select(d => (int)(d.DueUtc - StartUtc).TotalMinutes));
    }

    [Fact]
    public void The_session_has_no_due_readings_before_the_start()
    {
        Assert.Empty(Ordered().DueReadings(StartUtc));
    }

    [Fact]
    public void The_session_counts_its_infusion_and_observation_readings_but_not_the_baseline()
    {
        var session = Ordered();
        Ok(session.RecordVitals(NormalVitals, StartUtc.AddMinutes(-1), Nurse, StartUtc.AddMinutes(-1))); // baseline, within 3 min of the start
        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));
        foreach (var minute in new[] { 10, 20, 31, 40 })
        {
            var at = StartUtc.AddMinutes(minute);
            Ok(session.RecordVitals(NormalVitals, at, Nurse, at));
        }

        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));
        Ok(session.RecordVitals(NormalVitals, StopUtc.AddMinutes(29), Nurse, StopUtc.AddMinutes(29)));

        var schedule = session.DueReadings(StopUtc.AddMinutes(63));

        Assert.Equal(
            [ReadingStatus.OnTime, ReadingStatus.OnTime, ReadingStatus.OnTime, ReadingStatus.OnTime, ReadingStatus.OnTime, ReadingStatus.Overdue],
            schedule.Select(d => d.Status));
        Assert.Equal(StartUtc.AddMinutes(10), schedule[0].TakenUtc);
    }
}
