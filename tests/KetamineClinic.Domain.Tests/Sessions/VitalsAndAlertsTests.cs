using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class VitalsAndAlertsTests
{
    private static VitalsAlertKind[] AlertsFor(VitalsInput reading) => VitalsThresholds.Alerts(Depression, reading).Select(a => a.Kind).ToArray();

    [Theory]
    [InlineData(179, 99, 109, 92, 10)] // everything just inside
    [InlineData(120, 80, 72, 98, 14)]
    public void Readings_just_inside_every_threshold_raise_no_alert(int systolic, int diastolic, int heartRate, int spo2, int respiratoryRate)
    {
        Assert.Empty(AlertsFor(new VitalsInput(systolic, diastolic, heartRate, spo2, respiratoryRate)));
    }

    [Theory]
    [InlineData(180, 80, VitalsAlertKind.BloodPressureHigh)]
    [InlineData(181, 80, VitalsAlertKind.BloodPressureHigh)]
    [InlineData(150, 100, VitalsAlertKind.BloodPressureHigh)]
    public void Blood_pressure_at_or_above_180_systolic_or_100_diastolic_says_hold_or_stop(int systolic, int diastolic, VitalsAlertKind kind)
    {
        var alert = Assert.Single(VitalsThresholds.Alerts(Depression, NormalVitals with { Systolic = systolic, Diastolic = diastolic }));

        Assert.Equal(kind, alert.Kind);
        Assert.Contains("hold or stop the infusion", alert.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(109, false)]
    [InlineData(110, true)]
    [InlineData(111, true)]
    public void A_heart_rate_at_or_above_110_raises_an_alert(int heartRate, bool alert)
    {
        Assert.Equal(alert ? [VitalsAlertKind.HeartRateHigh] : [], AlertsFor(NormalVitals with { HeartRate = heartRate }));
    }

    [Theory]
    [InlineData(92, false)]
    [InlineData(91, true)]
    public void Oxygen_saturation_below_92_percent_raises_an_alert(int spo2, bool alert)
    {
        Assert.Equal(alert ? [VitalsAlertKind.OxygenLow] : [], AlertsFor(NormalVitals with { SpO2 = spo2 }));
    }

    [Theory]
    [InlineData(10, false)]
    [InlineData(9, true)]
    public void A_respiratory_rate_below_10_raises_an_alert(int respiratoryRate, bool alert)
    {
        Assert.Equal(alert ? [VitalsAlertKind.BreathingSlow] : [], AlertsFor(NormalVitals with { RespiratoryRate = respiratoryRate }));
    }

    [Fact]
    public void One_bad_reading_raises_one_alert_per_rule_it_breaks()
    {
        Assert.Equal(
            [VitalsAlertKind.BloodPressureHigh, VitalsAlertKind.HeartRateHigh, VitalsAlertKind.OxygenLow, VitalsAlertKind.BreathingSlow],
            AlertsFor(new VitalsInput(190, 105, 120, 88, 8)));
    }

    [Fact]
    public void The_alert_thresholds_are_the_protocols_settings()
    {
        var stricter = Depression with { AlertSystolicAtOrAbove = 170, AlertHeartRateAtOrAbove = 100 };

        var kinds = VitalsThresholds.Alerts(stricter, NormalVitals with { Systolic = 170, HeartRate = 100 }).Select(a => a.Kind);

        Assert.Equal([VitalsAlertKind.BloodPressureHigh, VitalsAlertKind.HeartRateHigh], kinds);
    }

    [Fact]
    public void A_recorded_reading_raises_its_alert_at_once_and_it_stays_open()
    {
        var session = Infusing();
        var at = StartUtc.AddMinutes(10);

        var reading = Ok(session.RecordVitals(NormalVitals with { Systolic = 182, Diastolic = 101 }, at, Nurse, at));

        var alert = Assert.Single(session.Alerts);
        Assert.Equal((reading.Id, VitalsAlertKind.BloodPressureHigh, at), (alert.ReadingId, alert.Kind, alert.RaisedUtc));
        Assert.True(alert.IsOpen);
    }

    [Fact]
    public void A_high_baseline_at_check_in_raises_its_alert_too()
    {
        var session = CheckedIn(NormalVitals with { Systolic = 185 });

        Assert.Equal(VitalsAlertKind.BloodPressureHigh, Assert.Single(session.Alerts).Kind);
        Assert.True(session.GoAheadRequired);
    }

    [Fact]
    public void An_alert_is_acknowledged_with_the_action_taken_and_only_once()
    {
        var session = Infusing();
        var at = StartUtc.AddMinutes(10);
        Ok(session.RecordVitals(NormalVitals with { SpO2 = 89 }, at, Nurse, at));
        var alert = session.Alerts.Single();

        Assert.Equal("session.action", Refused(session.AcknowledgeAlert(alert.Id, "  ", Nurse, at.AddMinutes(1))).Code);
        Assert.True(alert.IsOpen);

        Ok(session.AcknowledgeAlert(alert.Id, " Oxygen 2 L, infusion paused ", Clinician, at.AddMinutes(1)));

        Assert.False(alert.IsOpen);
        Assert.Equal(("Oxygen 2 L, infusion paused", Clinician.Id, Clinician.Name, at.AddMinutes(1)),
            (alert.ActionTaken, alert.AcknowledgedBy, alert.AcknowledgedByName, alert.AcknowledgedUtc));
        Assert.Equal("session.alert_acknowledged", Refused(session.AcknowledgeAlert(alert.Id, "Again", Nurse, at.AddMinutes(2))).Code);
        Assert.Equal("session.alert_not_found", Refused(session.AcknowledgeAlert(Guid.NewGuid(), "x", Nurse, at.AddMinutes(2))).Code);
    }

    public static TheoryData<string, VitalsInput, bool> Plausibility() => new()
    {
        { "systolic 49", NormalVitals with { Systolic = 49 }, false },
        { "systolic 50 over 20", NormalVitals with { Systolic = 50, Diastolic = 20 }, true },
        { "systolic 300", NormalVitals with { Systolic = 300 }, true },
        { "systolic 301", NormalVitals with { Systolic = 301 }, false },
        { "diastolic 19", NormalVitals with { Diastolic = 19 }, false },
        { "diastolic 200", NormalVitals with { Systolic = 250, Diastolic = 200 }, true },
        { "diastolic 201", NormalVitals with { Systolic = 250, Diastolic = 201 }, false },
        { "diastolic equal to systolic", NormalVitals with { Systolic = 90, Diastolic = 90 }, false },
        { "diastolic above systolic", NormalVitals with { Systolic = 80, Diastolic = 120 }, false },
        { "heart rate 19", NormalVitals with { HeartRate = 19 }, false },
        { "heart rate 20", NormalVitals with { HeartRate = 20 }, true },
        { "heart rate 250", NormalVitals with { HeartRate = 250 }, true },
        { "heart rate 251", NormalVitals with { HeartRate = 251 }, false },
        { "SpO2 49", NormalVitals with { SpO2 = 49 }, false },
        { "SpO2 50", NormalVitals with { SpO2 = 50 }, true },
        { "SpO2 100", NormalVitals with { SpO2 = 100 }, true },
        { "SpO2 101", NormalVitals with { SpO2 = 101 }, false },
        { "respiratory rate 3", NormalVitals with { RespiratoryRate = 3 }, false },
        { "respiratory rate 4", NormalVitals with { RespiratoryRate = 4 }, true },
        { "respiratory rate 60", NormalVitals with { RespiratoryRate = 60 }, true },
        { "respiratory rate 61", NormalVitals with { RespiratoryRate = 61 }, false },
        { "temperature 29.9", NormalVitals with { TemperatureC = 29.9m }, false },
        { "temperature 36.8", NormalVitals with { TemperatureC = 36.8m }, true },
        { "temperature 43.1", NormalVitals with { TemperatureC = 43.1m }, false },
        { "comment of 500 characters", NormalVitals with { Comment = new string('c', 500) }, true },
        { "comment of 501 characters", NormalVitals with { Comment = new string('c', 501) }, false },
    };

    [Theory]
    [MemberData(nameof(Plausibility))]
    public void Implausible_values_are_refused_as_typing_errors(string what, VitalsInput input, bool plausible)
    {
        var session = Infusing();
        var at = StartUtc.AddMinutes(10);

        var result = session.RecordVitals(input, at, Nurse, at);

        Assert.True(plausible == result.IsSuccess, $"{what}: {result.Error}");
        Assert.Equal(plausible ? 2 : 1, session.Vitals.Count);
    }

    [Fact]
    public void A_reading_is_classed_by_when_it_was_taken()
    {
        var session = Ordered();
        Ok(session.RecordVitals(NormalVitals, OrderUtc, Nurse, OrderUtc));
        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));
        Ok(session.RecordVitals(NormalVitals, StartUtc.AddMinutes(10), Nurse, StartUtc.AddMinutes(10)));
        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));
        Ok(session.RecordVitals(NormalVitals, StopUtc.AddMinutes(30), Nurse, StopUtc.AddMinutes(30)));

        Assert.Equal([VitalsKind.Baseline, VitalsKind.Baseline, VitalsKind.Infusion, VitalsKind.Observation], session.Vitals.Select(v => v.Kind));
    }

    [Fact]
    public void A_reading_time_may_be_corrected_but_not_into_the_future_or_long_before_check_in()
    {
        var session = CheckedIn();

        Ok(session.RecordVitals(NormalVitals, CheckInUtc.AddMinutes(2), Nurse, CheckInUtc)); // device clocks differ a little
        Assert.Equal("session.time_future", Refused(session.RecordVitals(NormalVitals, CheckInUtc.AddMinutes(3), Nurse, CheckInUtc)).Code);
        Assert.Equal("session.time_order", Refused(session.RecordVitals(NormalVitals, CheckInUtc.AddMinutes(-31), Nurse, CheckInUtc)).Code);
    }
}
