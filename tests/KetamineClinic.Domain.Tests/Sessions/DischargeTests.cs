using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class DischargeTests
{
    private static readonly DischargeCriterion[] Everything = Enum.GetValues<DischargeCriterion>();

    private static DischargeCriterion[] Unmet(InfusionSession session, DischargeAttestation attestation, DateTime nowUtc) =>
        session.DischargeChecks(attestation, nowUtc).Where(c => !c.Met).Select(c => c.Criterion).ToArray();

    /// <summary>Stopped at <see cref="SessionArrange.StopUtc"/>, with one observation reading at the given minute.</summary>
    private static InfusionSession ObservedWith(VitalsInput vitals, int minuteAfterStop = 60)
    {
        var session = Infusing();
        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));
        var at = StopUtc.AddMinutes(minuteAfterStop);
        Ok(session.RecordVitals(vitals, at, Nurse, at));
        return session;
    }

    [Fact]
    public void The_list_shows_every_criterion_and_all_are_met_when_the_patient_is_ready()
    {
        var session = Observing();

        var checks = session.DischargeChecks(AllAttested, DischargeUtc);

        Assert.Equal(Everything, checks.Select(c => c.Criterion));
        Assert.All(checks, c => Assert.True(c.Met, c.Text));
        Assert.All(checks, c => Assert.False(string.IsNullOrWhiteSpace(c.Text)));
    }

    [Fact]
    public void A_ready_patient_is_discharged_with_who_and_when()
    {
        var session = Observing();

        Ok(session.Discharge(AllAttested, Nurse, DischargeUtc));

        Assert.Equal(SessionPhase.Discharged, session.Phase);
        Assert.Equal((DischargeUtc, Nurse.Name), (session.DischargedUtc, session.DischargedByName));
    }

    [Theory]
    [InlineData(59, false)]
    [InlineData(60, true)]
    public void The_observation_minutes_are_counted_from_the_stop(int minutesSinceStop, bool met)
    {
        var session = ObservedWith(NormalVitals, minuteAfterStop: 30);

        var check = session.DischargeChecks(AllAttested, StopUtc.AddMinutes(minutesSinceStop)).Single(c => c.Criterion == DischargeCriterion.ObservationTime);

        Assert.Equal(met, check.Met);
        Assert.Equal($"Observed {minutesSinceStop} of 60 min.", check.Text);
    }

    [Fact]
    public void An_early_stop_starts_the_observation_at_the_stop()
    {
        var session = Infusing();
        var stop = StartUtc.AddMinutes(20);
        Ok(session.Stop(stop, "Anxiety", Nurse, stop));
        Ok(session.RecordVitals(NormalVitals, stop.AddMinutes(60), Nurse, stop.AddMinutes(60)));

        Assert.Empty(Unmet(session, AllAttested, stop.AddMinutes(60)));
    }

    [Fact]
    public void Observation_time_is_the_protocols_setting()
    {
        var session = Booked(Depression with { ObservationMinutes = 120 });
        Ok(session.RecordCheckIn(GoodCheckIn(), Facts, Nurse, CheckInUtc, Today));
        Ok(session.Order(StandardDose, Clinician, OrderUtc, Today));
        Ok(session.Start(StartUtc, "LOT-1", Nurse, StartUtc, Today));
        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));
        Ok(session.RecordVitals(NormalVitals, DischargeUtc, Nurse, DischargeUtc));

        Assert.Equal([DischargeCriterion.ObservationTime], Unmet(session, AllAttested, DischargeUtc));
        Assert.Empty(Unmet(session, AllAttested, StopUtc.AddMinutes(120)));
    }

    public static TheoryData<string, VitalsInput, DischargeCriterion[]> DischargeVitals() => new()
    {
        { "160/100 is the limit", NormalVitals with { Systolic = 160, Diastolic = 100 }, [] },
        { "systolic 161", NormalVitals with { Systolic = 161 }, [DischargeCriterion.BloodPressure] },
        { "diastolic 101", NormalVitals with { Systolic = 150, Diastolic = 101 }, [DischargeCriterion.BloodPressure] },
        { "heart rate 50", NormalVitals with { HeartRate = 50 }, [] },
        { "heart rate 49", NormalVitals with { HeartRate = 49 }, [DischargeCriterion.HeartRate] },
        { "heart rate 110", NormalVitals with { HeartRate = 110 }, [] },
        { "heart rate 111", NormalVitals with { HeartRate = 111 }, [DischargeCriterion.HeartRate] },
        { "SpO2 94", NormalVitals with { SpO2 = 94 }, [] },
        { "SpO2 93", NormalVitals with { SpO2 = 93 }, [DischargeCriterion.SpO2] },
    };

    [Theory]
    [MemberData(nameof(DischargeVitals))]
    public void The_latest_observation_vitals_must_be_within_the_discharge_limits(string what, VitalsInput vitals, DischargeCriterion[] unmet)
    {
        var session = ObservedWith(vitals);

        Assert.True(unmet.SequenceEqual(Unmet(session, AllAttested, DischargeUtc)), what);
    }

    [Fact]
    public void Only_the_latest_observation_reading_counts()
    {
        var recovered = ObservedWith(NormalVitals with { Systolic = 170 }, minuteAfterStop: 30);
        Ok(recovered.RecordVitals(NormalVitals, DischargeUtc, Nurse, DischargeUtc));
        var worsened = ObservedWith(NormalVitals, minuteAfterStop: 30);
        Ok(worsened.RecordVitals(NormalVitals with { SpO2 = 90 }, DischargeUtc, Nurse, DischargeUtc));

        Assert.Empty(Unmet(recovered, AllAttested, DischargeUtc));
        Assert.Equal([DischargeCriterion.SpO2], Unmet(worsened, AllAttested, DischargeUtc));
    }

    [Fact]
    public void Readings_taken_during_the_infusion_do_not_count_for_discharge()
    {
        var session = Infusing();
        Ok(session.RecordVitals(NormalVitals, StartUtc.AddMinutes(30), Nurse, StartUtc.AddMinutes(30)));
        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));

        var checks = session.DischargeChecks(AllAttested, DischargeUtc);

        Assert.Equal([DischargeCriterion.BloodPressure, DischargeCriterion.HeartRate, DischargeCriterion.SpO2], checks.Where(c => !c.Met).Select(c => c.Criterion));
        Assert.All(checks.Where(c => !c.Met), c => Assert.Equal("No vitals since the infusion stopped.", c.Text));
    }

    [Theory]
    [InlineData(false, true, true, DischargeCriterion.AlertAndAmbulatory)]
    [InlineData(true, false, true, DischargeCriterion.EscortPresent)]
    [InlineData(true, true, false, DischargeCriterion.InstructionsGiven)]
    public void Each_attestation_is_its_own_criterion(bool alert, bool escort, bool instructions, DischargeCriterion missing)
    {
        var session = Observing();

        Assert.Equal([missing], Unmet(session, new DischargeAttestation(alert, escort, instructions), DischargeUtc));
    }

    [Fact]
    public void The_escort_criterion_names_the_escort_from_check_in_and_the_instructions_say_what_to_avoid()
    {
        var checks = Observing().DischargeChecks(AllAttested, DischargeUtc);

        Assert.Contains("Sam Lee", checks.Single(c => c.Criterion == DischargeCriterion.EscortPresent).Text, StringComparison.Ordinal);
        var instructions = checks.Single(c => c.Criterion == DischargeCriterion.InstructionsGiven).Text;
        Assert.Contains("no driving", instructions, StringComparison.Ordinal);
        Assert.Contains("no alcohol or cannabis for 24 h", instructions, StringComparison.Ordinal);
        Assert.Contains("no opioids or benzodiazepines for 4 h", instructions, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_shows_exactly_which_criteria_are_unmet_and_discharge_is_refused_with_them()
    {
        var session = ObservedWith(NormalVitals with { HeartRate = 118 }, minuteAfterStop: 30);
        var now = StopUtc.AddMinutes(35);
        var attestation = new DischargeAttestation(AlertAndAmbulatory: true, EscortPresent: false, InstructionsGiven: true);

        var checks = session.DischargeChecks(attestation, now);
        var error = Refused(session.Discharge(attestation, Nurse, now));

        Assert.Equal([DischargeCriterion.ObservationTime, DischargeCriterion.HeartRate, DischargeCriterion.EscortPresent], checks.Where(c => !c.Met).Select(c => c.Criterion));
        Assert.Equal("session.discharge", error.Code);
        Assert.All(checks.Where(c => !c.Met), c => Assert.Contains(c.Text, error.Message, StringComparison.Ordinal));
        Assert.All(checks.Where(c => c.Met), c => Assert.DoesNotContain(c.Text, error.Message, StringComparison.Ordinal));
        Assert.Equal(SessionPhase.Observing, session.Phase);
        Assert.Null(session.DischargedUtc);
    }

    [Fact]
    public void Before_the_stop_nothing_counts_towards_discharge()
    {
        var checks = Infusing().DischargeChecks(AllAttested, StopUtc);

        Assert.Equal("Observation has not started.", checks.Single(c => c.Criterion == DischargeCriterion.ObservationTime).Text);
        Assert.Equal(4, checks.Count(c => !c.Met));
    }
}
