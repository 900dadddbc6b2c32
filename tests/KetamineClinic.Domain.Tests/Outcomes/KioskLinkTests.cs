using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class KioskLinkTests
{
    private static readonly DateTime Now = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);
    private static readonly int?[] Phq9Answers = [1, 1, 1, 1, 1, 1, 1, 1, 0];

    private static KioskLink Open(InstrumentCode instrument = InstrumentCode.Phq9) =>
        KioskLink.Open(Guid.NewGuid(), instrument, MeasureContext.PreInfusion, "hash", "nurse-1", "Nurse One", Now).Value;

    [Fact]
    public void A_link_is_valid_for_30_minutes()
    {
        var link = Open();

        Assert.Equal(KioskLinkState.Open, link.StateAt(Now.AddMinutes(29).AddSeconds(59)));
        Assert.Equal(KioskLinkState.Expired, link.StateAt(Now.AddMinutes(30)));
    }

    [Fact]
    public void Submitting_stores_a_kiosk_measure_and_locks_the_link()
    {
        var link = Open();

        var measure = link.Submit(Phq9Answers, Now.AddMinutes(5));

        Assert.True(measure.IsSuccess);
        Assert.Equal(MeasureSource.Kiosk, measure.Value.Source);
        Assert.Equal(8, measure.Value.Total);
        Assert.Equal(link.PatientId, measure.Value.PatientId);
        Assert.Equal(measure.Value.Id, link.MeasureId);
        Assert.Equal(KioskLinkState.Used, link.StateAt(Now.AddMinutes(6)));
        Assert.Equal("kiosk.used", link.Submit(Phq9Answers, Now.AddMinutes(6)).Error!.Code);
    }

    [Fact]
    public void Incomplete_answers_are_refused_and_the_link_stays_open()
    {
        var link = Open();

        var measure = link.Submit([1, 1, 1, null, 1, 1, 1, 1, 0], Now.AddMinutes(5));

        Assert.Equal("outcome.item_missing", measure.Error!.Code);
        Assert.Equal(KioskLinkState.Open, link.StateAt(Now.AddMinutes(5)));
    }

    [Fact]
    public void An_expired_or_withdrawn_link_takes_no_answers()
    {
        var expired = Open();
        Assert.Equal("kiosk.closed", expired.Submit(Phq9Answers, Now.AddMinutes(31)).Error!.Code);

        var withdrawn = Open();
        Assert.True(withdrawn.Withdraw(Now.AddMinutes(1)).IsSuccess);
        Assert.Equal("kiosk.closed", withdrawn.Submit(Phq9Answers, Now.AddMinutes(2)).Error!.Code);
        Assert.False(withdrawn.Withdraw(Now.AddMinutes(3)).IsSuccess);
    }

    [Fact]
    public void The_clinician_rated_MADRS_and_baselines_are_not_kiosk_measures()
    {
        Assert.Equal(KioskErrors.ClinicianRated, KioskLink.Open(Guid.NewGuid(), InstrumentCode.Madrs, MeasureContext.FollowUp, "h", "c", "C", Now).Error);
        Assert.Equal(KioskErrors.NotForBaseline, KioskLink.Open(Guid.NewGuid(), InstrumentCode.Phq9, MeasureContext.Baseline, "h", "c", "C", Now).Error);
    }

    [Fact]
    public void A_positive_item_9_on_the_kiosk_is_flagged_for_the_alert()
    {
        var link = Open();

        var measure = link.Submit([0, 0, 0, 0, 0, 0, 0, 0, 1], Now.AddMinutes(1));

        Assert.True(measure.Value.RaisedSuicideRiskAlert);
    }
}
