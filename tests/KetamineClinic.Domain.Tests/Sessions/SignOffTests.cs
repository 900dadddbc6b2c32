using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using static KetamineClinic.Domain.Tests.Sessions.SessionArrange;

namespace KetamineClinic.Domain.Tests.Sessions;

public sealed class SignOffTests
{
    private static readonly DateTime SignedUtc = DischargeUtc.AddMinutes(10);
    private static readonly DateTime Later = SignedUtc.AddMinutes(30);

    /// <summary>A signed session with something of everything: a go-ahead, a replaced order, a pause, an acknowledged
    /// alert, a side effect, observation readings and a note.</summary>
    private static InfusionSession SignedWithHistory()
    {
        var session = CheckedIn(NormalVitals with { Systolic = 150, Diastolic = 85 });
        Ok(session.GiveGoAhead("Anxious; recheck 146/88", Clinician, CheckInUtc.AddMinutes(2)));
        Ok(session.Order(StandardDose, Clinician, CheckInUtc.AddMinutes(3), Today));
        Ok(session.Order(StandardDose with { Dose = 0.45m }, Clinician, OrderUtc, Today));
        Ok(session.Start(StartUtc, "LOT-123", Nurse, StartUtc, Today));
        Ok(session.Pause(StartUtc.AddMinutes(5), "Nausea", Nurse, StartUtc.AddMinutes(5)));
        Ok(session.Resume(StartUtc.AddMinutes(8), Nurse, StartUtc.AddMinutes(8)));
        Ok(session.RecordVitals(NormalVitals with { HeartRate = 115 }, StartUtc.AddMinutes(10), Nurse, StartUtc.AddMinutes(10)));
        Ok(session.AcknowledgeAlert(session.Alerts.Single().Id, "Reassured; HR 98 at recheck", Nurse, StartUtc.AddMinutes(11)));
        Ok(session.RecordSideEffect(null, Nausea(StartUtc.AddMinutes(4), StartUtc.AddMinutes(20)), Nurse, StartUtc.AddMinutes(20)));
        // Stopped at the planned time after a 3-minute pause: 37 of 40 minutes given, so the stop needs its reason.
        Ok(session.Stop(StopUtc, "Stopped at the planned time after the pause", Nurse, StopUtc));
        Ok(session.RecordVitals(NormalVitals, StopUtc.AddMinutes(30), Nurse, StopUtc.AddMinutes(30)));
        Ok(session.RecordVitals(NormalVitals, DischargeUtc, Nurse, DischargeUtc));
        Ok(session.SaveNote("Tolerated well after a short pause.", Nurse, DischargeUtc));
        Ok(session.Discharge(AllAttested, Nurse, DischargeUtc));
        Ok(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(5)));
        Ok(session.Sign(Clinician, SignedUtc));
        return session;
    }

    [Fact]
    public void Completion_is_refused_while_an_alert_is_open()
    {
        var session = Infusing();
        Ok(session.RecordVitals(NormalVitals with { RespiratoryRate = 8 }, StartUtc.AddMinutes(10), Nurse, StartUtc.AddMinutes(10)));
        Ok(session.Stop(StopUtc, null, Nurse, StopUtc));
        Ok(session.RecordVitals(NormalVitals, DischargeUtc, Nurse, DischargeUtc));
        Ok(session.Discharge(AllAttested, Nurse, DischargeUtc));

        Assert.Equal("session.open_alerts", Refused(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(1))).Code);
        Assert.Null(session.NurseCompletedUtc);

        Ok(session.AcknowledgeAlert(session.Alerts.Single().Id, "Roused, RR 14", Nurse, DischargeUtc.AddMinutes(2)));
        Ok(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(3)));

        Assert.Equal((DischargeUtc.AddMinutes(3), Nurse.Name), (session.NurseCompletedUtc, session.NurseCompletedByName));
    }

    [Fact]
    public void A_record_is_completed_once_and_its_note_is_then_closed()
    {
        var session = Discharged();
        Ok(session.SaveNote("Draft", Nurse, DischargeUtc));
        Ok(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(1)));

        Assert.Equal("session.completed", Refused(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(2))).Code);
        Assert.Equal("session.closed", Refused(session.SaveNote("Changed", Nurse, DischargeUtc.AddMinutes(2))).Code);
        Assert.Equal("Draft", session.NurseNote);
    }

    [Fact]
    public void The_note_is_saved_as_a_draft_and_may_not_exceed_its_length()
    {
        var session = Infusing();

        Ok(session.SaveNote("Calm", Nurse, StartUtc));
        Assert.Equal("session.note", Refused(session.SaveNote(new string('n', InfusionSession.MaxNoteLength + 1), Nurse, StartUtc)).Code);

        Assert.Equal("Calm", session.NurseNote);
    }

    [Fact]
    public void Only_a_clinician_signs()
    {
        var session = Completed();

        Assert.Equal("session.clinician_only", Refused(session.Sign(Nurse, SignedUtc)).Code);
        Assert.Equal(SessionPhase.Discharged, session.Phase);
        Assert.Null(session.SignedUtc);
    }

    [Fact]
    public void A_clinician_signs_only_after_the_nurse_completed_the_record()
    {
        var session = Discharged();

        Assert.Equal("session.not_completed", Refused(session.Sign(Clinician, SignedUtc)).Code);
        Ok(session.CompleteRecord(Nurse, DischargeUtc.AddMinutes(5)));
        Ok(session.Sign(Clinician, SignedUtc));

        Assert.Equal(SessionPhase.Signed, session.Phase);
        Assert.True(session.IsSigned);
        Assert.Equal((SignedUtc, Clinician.Id, Clinician.Name), (session.SignedUtc, session.SignedBy, session.SignedByName));
    }

    [Fact]
    public void A_session_that_never_started_is_completed_and_signed_too()
    {
        var session = NotStarted();

        Ok(session.CompleteRecord(Nurse, CheckInUtc.AddMinutes(25)));
        Ok(session.Sign(Clinician, CheckInUtc.AddMinutes(30)));

        Assert.Equal(SessionPhase.Signed, session.Phase);
        Assert.Equal("Blood pressure stayed high", session.EndReason);
    }

    public static TheoryData<string> EveryChange() => [.. Changes.Keys];

    private static readonly Dictionary<string, Func<InfusionSession, DomainError?>> Changes = new()
    {
        ["check in"] = s => s.RecordCheckIn(GoodCheckIn(), Facts, Nurse, Later, Today).Error,
        ["give the go-ahead"] = s => s.GiveGoAhead("Again", Clinician, Later).Error,
        ["order a dose"] = s => s.Order(StandardDose with { Dose = 0.3m }, Clinician, Later, Today).Error,
        ["start"] = s => s.Start(Later, "LOT-2", Nurse, Later, Today).Error,
        ["pause"] = s => s.Pause(Later, "Nausea", Nurse, Later).Error,
        ["resume"] = s => s.Resume(Later, Nurse, Later).Error,
        ["slow"] = s => s.Slow(Later, 10m, "Dizzy", Nurse, Later).Error,
        ["slow at a faster rate"] = s => s.Slow(Later, 500m, "Dizzy", Nurse, Later).Error,
        ["stop"] = s => s.Stop(Later, "Patient asked", Nurse, Later).Error,
        ["mark not started"] = s => s.MarkNotStarted("Patient declined", Nurse, Later).Error,
        ["record vitals"] = s => s.RecordVitals(NormalVitals, Later, Nurse, Later).Error,
        ["record alarming vitals"] = s => s.RecordVitals(NormalVitals with { SpO2 = 85 }, Later, Nurse, Later).Error,
        ["acknowledge an alert"] = s => s.AcknowledgeAlert(s.Alerts.First().Id, "Again", Nurse, Later).Error,
        ["add a side effect"] = s => s.RecordSideEffect(null, Nausea(Later), Nurse, Later).Error,
        ["change a side effect"] = s => s.RecordSideEffect(s.SideEffects.First().Id, Nausea(StartUtc, Later), Nurse, Later).Error,
        ["discharge"] = s => s.Discharge(AllAttested, Nurse, Later).Error,
        ["save the note"] = s => s.SaveNote("Rewritten", Nurse, Later).Error,
        ["clear the note"] = s => s.SaveNote(null, Nurse, Later).Error,
        ["complete"] = s => s.CompleteRecord(Nurse, Later).Error,
        ["sign again"] = s => s.Sign(Clinician, Later).Error,
    };

    [Theory]
    [MemberData(nameof(EveryChange))]
    public void A_signed_session_refuses_every_change(string change)
    {
        var session = SignedWithHistory();
        var before = RecordSnapshot.Of(session);
        var version = session.Version;

        var error = Changes[change](session);

        Assert.NotNull(error);
        Assert.Equal("session.closed", error.Code);
        Assert.Contains("amendment", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, RecordSnapshot.Of(session));
        Assert.Equal(version, session.Version);
        Assert.Empty(session.Amendments);
    }

    [Fact]
    public void The_snapshot_sees_a_change_deep_inside_the_record()
    {
        // Guards the test above: the snapshot must notice a change inside a part of the record, not only the phase.
        var session = Infusing();
        Ok(session.RecordVitals(NormalVitals with { HeartRate = 120 }, StartUtc.AddMinutes(10), Nurse, StartUtc.AddMinutes(10)));
        var before = RecordSnapshot.Of(session);

        Ok(session.AcknowledgeAlert(session.Alerts.Single().Id, "Rest", Nurse, StartUtc.AddMinutes(11)));

        var after = RecordSnapshot.Of(session);
        Assert.NotEqual(before, after);
        Assert.Contains("ActionTaken = \"Rest\"", after, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsigned_session_is_corrected_in_place_not_amended()
    {
        var session = Completed();

        Assert.Equal("session.amend_unsigned", Refused(session.Amend("Nurse's note", "Correct text", "Typo", Clinician, SignedUtc)).Code);
        Assert.Empty(session.Amendments);
    }

    [Theory]
    [InlineData(null, "Corrected", "Typo", "session.amend_refers")]
    [InlineData("Nurse's note", " ", "Typo", "session.amend_text")]
    [InlineData("Nurse's note", "Corrected", "", "session.reason")]
    public void An_amendment_says_what_it_corrects_the_correction_and_why(string? refersTo, string? text, string? reason, string refusal)
    {
        var session = SignedWithHistory();

        Assert.Equal(refusal, Refused(session.Amend(refersTo, text, reason, Nurse, Later)).Code);
        Assert.Empty(session.Amendments);
    }

    [Fact]
    public void A_signed_session_accepts_amendments_with_author_time_and_reason_beside_the_unchanged_original()
    {
        var session = SignedWithHistory();
        var before = RecordSnapshot.Of(session);
        var version = session.Version;

        var first = Ok(session.Amend(" Vitals 14:20 ", " Heart rate was 105, not 115 ", " Transcription error ", Nurse, Later));
        Ok(session.Amend("Nurse's note", "Pause lasted 3 minutes.", "Detail added", Clinician, Later.AddMinutes(5)));

        Assert.Equal(2, session.Amendments.Count);
        Assert.Same(first, session.Amendments[0]);
        Assert.Equal(("Vitals 14:20", "Heart rate was 105, not 115", "Transcription error"), (first.RefersTo, first.Text, first.Reason));
        Assert.Equal((Nurse.Id, Nurse.Name, Later), (first.AuthorId, first.AuthorName, first.AtUtc));
        Assert.Equal((Clinician.Name, Later.AddMinutes(5)), (session.Amendments[1].AuthorName, session.Amendments[1].AtUtc));
        Assert.Equal(before, RecordSnapshot.Of(session));
        Assert.Equal(115, session.Vitals.Single(v => v.TakenUtc == StartUtc.AddMinutes(10)).HeartRate);
        Assert.NotEqual(version, session.Version); // another reader sees that something was added
        Assert.Equal(SessionPhase.Signed, session.Phase);
    }
}
