using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>The vitals curve the treatment history draws: readings at their minute from the infusion's start, the
/// infusion and its pauses, the protocol's thresholds, and the readings a clinician checks first.</summary>
public sealed class VitalsCurveTests
{
    [Fact]
    public void Readings_are_placed_in_minutes_from_the_start_of_the_infusion()
    {
        var session = Observing();

        var curve = VitalsCurve.Of(session, DischargeUtc);

        Assert.Equal(StartUtc, curve.ZeroUtc);
        Assert.True(curve.InfusionStarted);
        // Baseline at check-in (10 min before the start), then the two observation readings after the 40-minute infusion.
        Assert.Equal([-10.0, 70.0, 100.0], curve.Points.Select(p => p.Minute));
        Assert.Equal([VitalsKind.Baseline, VitalsKind.Observation, VitalsKind.Observation], curve.Points.Select(p => p.Kind));
        Assert.Equal(new MinuteSpan(0, 40), curve.Infusion);
    }

    [Fact]
    public void A_pause_is_a_span_on_the_curve_and_one_still_running_ends_at_now()
    {
        var session = Infusing();
        Ok(session.Pause(StartUtc.AddMinutes(10), "Nausea", Nurse, StartUtc.AddMinutes(10)));
        Ok(session.Resume(StartUtc.AddMinutes(14), Nurse, StartUtc.AddMinutes(14)));
        Ok(session.Pause(StartUtc.AddMinutes(25), "Blood pressure", Nurse, StartUtc.AddMinutes(25)));

        var curve = VitalsCurve.Of(session, StartUtc.AddMinutes(30));

        Assert.Equal([new MinuteSpan(10, 14), new MinuteSpan(25, 30)], curve.Pauses);
        Assert.Equal(new MinuteSpan(0, 30), curve.Infusion);
    }

    [Fact]
    public void The_protocol_versions_thresholds_come_with_the_curve()
    {
        var settings = Depression with { AlertSystolicAtOrAbove = 170, AlertDiastolicAtOrAbove = 105, AlertHeartRateAtOrAbove = 120, AlertSpO2Below = 90 };
        var session = Booked(settings);
        Ok(session.RecordCheckIn(GoodCheckIn(), Facts, Nurse, CheckInUtc, Today));

        var curve = VitalsCurve.Of(session, CheckInUtc);

        Assert.Equal(new VitalsAlertLines(170, 105, 120, 90), curve.AlertLines);
    }

    [Fact]
    public void The_highest_pressure_fastest_heart_and_lowest_saturation_are_picked_and_alerting_readings_marked()
    {
        var session = Infusing();
        Ok(session.RecordVitals(new VitalsInput(150, 92, 88, 96, 14), StartUtc.AddMinutes(20), Nurse, StartUtc.AddMinutes(20)));
        Ok(session.RecordVitals(new VitalsInput(184, 98, 96, 95, 14), StartUtc.AddMinutes(40), Nurse, StartUtc.AddMinutes(40)));
        Ok(session.RecordVitals(new VitalsInput(140, 86, 112, 91, 14), StartUtc.AddMinutes(50), Nurse, StartUtc.AddMinutes(50)));

        var curve = VitalsCurve.Of(session, StartUtc.AddMinutes(50));

        Assert.Equal((184, 98, 40.0), (curve.HighestBloodPressure!.Systolic, curve.HighestBloodPressure.Diastolic, curve.HighestBloodPressure.Minute));
        Assert.Equal(112, curve.MaxHeartRate);
        Assert.Equal(91, curve.MinSpO2);
        // 184/98 alerts on blood pressure; 112 on heart rate and 91 % on oxygen (one reading, two alerts).
        Assert.Equal(2, curve.AlertReadings);
        Assert.Equal([false, false, true, true], curve.Points.Select(p => p.RaisedAlert));
    }

    [Fact]
    public void Without_an_infusion_the_curve_starts_at_check_in()
    {
        var session = CheckedIn();
        Ok(session.RecordVitals(new VitalsInput(150, 95, 80, 97, 14), CheckInUtc.AddMinutes(15), Nurse, CheckInUtc.AddMinutes(15)));
        Ok(session.MarkNotStarted("Blood pressure stayed high", Nurse, CheckInUtc.AddMinutes(20)));

        var curve = VitalsCurve.Of(session, CheckInUtc.AddMinutes(30));

        Assert.False(curve.InfusionStarted);
        Assert.Null(curve.Infusion);
        Assert.Equal(CheckInUtc, curve.ZeroUtc);
        Assert.Equal([0.0, 15.0], curve.Points.Select(p => p.Minute));
    }

    [Fact]
    public void A_session_without_readings_has_an_empty_curve_and_no_extremes()
    {
        var curve = VitalsCurve.Of(Booked(), CheckInUtc);

        Assert.Empty(curve.Points);
        Assert.Null(curve.HighestBloodPressure);
        Assert.Null(curve.MaxHeartRate);
        Assert.Null(curve.MinSpO2);
    }
}
