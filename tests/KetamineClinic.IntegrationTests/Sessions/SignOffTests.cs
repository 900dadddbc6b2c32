using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Sessions.SignOffArrange;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>Observation and discharge, the nurse's note, completion, signature and amendments, and two people acting
/// on the same session version, through the real handlers and database.</summary>
public abstract class SignOffTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private readonly SignOffArrange _arrange = new(app);

    [Fact]
    public async Task Discharge_is_refused_before_the_observation_minutes_and_with_a_reading_outside_the_limits_naming_what_is_unmet()
    {
        var session = await _arrange.ToObservationAsync();
        await _arrange.ReadingAsync(session, session.StopUtc.AddMinutes(10), Normal);

        var early = await DischargeAsync(session, session.StopUtc.AddMinutes(30), alertAndAmbulatory: true);
        await _arrange.ReadingAsync(session, session.StopUtc.AddMinutes(55), new VitalsInput(171, 96, 80, 97, 14));
        var highBp = await DischargeAsync(session, session.StopUtc.AddMinutes(61), alertAndAmbulatory: false);

        Assert.Equal("session.discharge", early.Error?.Code);
        Assert.Contains("Observed 30 of 60 min.", early.Error!.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Latest BP", early.Error.Message, StringComparison.Ordinal);
        Assert.Equal("session.discharge", highBp.Error?.Code);
        Assert.Contains("Latest BP 171/96 (at most 160/100).", highBp.Error!.Message, StringComparison.Ordinal);
        Assert.Contains("Alert and walking steadily.", highBp.Error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Observed", highBp.Error.Message, StringComparison.Ordinal);
        var stored = await _arrange.StoredAsync(session);
        Assert.Equal(SessionPhase.Observing, stored.Phase);
        Assert.Null(stored.DischargedUtc);
    }

    [Fact]
    public async Task A_discharge_with_every_criterion_met_records_the_nurse_and_fulfils_the_booking()
    {
        var session = await _arrange.DischargedAsync();

        var stored = await _arrange.StoredAsync(session);
        Assert.Equal(SessionPhase.Discharged, stored.Phase);
        Assert.Equal(session.StopUtc.AddMinutes(60), stored.DischargedUtc);
        Assert.Equal(SessionWorkspace.ActorOf(session.Nurse).Name, stored.DischargedByName);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(AppointmentStatus.Fulfilled, await db.Appointments.Where(a => a.Id == session.AppointmentId).Select(a => a.Status).SingleAsync());
    }

    [Fact]
    public async Task The_nurses_note_draft_survives_a_restart_of_the_server()
    {
        var session = await _arrange.CheckedInAsync();
        var at = session.StartUtc.AddMinutes(3);
        var saved = await _arrange.HandleAsync<SaveSessionNoteHandler>(at, async h => await h.HandleAsync(session.Nurse,
            new SaveSessionNote(session.AppointmentId, await _arrange.VersionAsync(session), null, "Anxious at arrival; reassured.")));
        Ok(saved);

        await using var restarted = new ClinicAppFactory(app.Factory.Database);
        _ = restarted.Server;
        var reloaded = await _arrange.LoadAsync(session, session.Nurse, at.AddMinutes(1), restarted);

        Assert.True(reloaded.IsSuccess, reloaded.Error?.Message);
        Assert.Equal("Anxious at arrival; reassured.", reloaded.Value.Session!.NurseNote);
        Assert.Equal(saved.Value.Version, reloaded.Value.Session.Version);
    }

    [Fact]
    public async Task A_note_draft_is_saved_after_someone_else_recorded_a_reading_but_not_over_a_note_someone_else_changed()
    {
        var session = await _arrange.CheckedInAsync();
        var at = session.StartUtc.AddMinutes(3);
        var seen = await _arrange.VersionAsync(session);
        await _arrange.ReadingAsync(session, at, Normal);

        var afterReading = await _arrange.HandleAsync<SaveSessionNoteHandler>(at, h => h.HandleAsync(session.Nurse,
            new SaveSessionNote(session.AppointmentId, seen, null, "Settled in the chair.")));
        var otherNurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var overwrite = await _arrange.HandleAsync<SaveSessionNoteHandler>(at, h => h.HandleAsync(otherNurse,
            new SaveSessionNote(session.AppointmentId, seen, null, "Another nurse's words.")));

        Ok(afterReading);
        Assert.Equal(SessionErrors.Changed, overwrite.Error);
        Assert.Equal("Settled in the chair.", (await _arrange.StoredAsync(session)).NurseNote);
    }

    [Fact]
    public async Task Completion_is_refused_while_an_alert_is_open_and_allowed_once_it_is_acknowledged()
    {
        var session = await _arrange.ToObservationAsync();
        await _arrange.ReadingAsync(session, session.StopUtc.AddMinutes(10), new VitalsInput(120, 78, 76, 90, 14));
        await _arrange.ReadingAsync(session, session.StopUtc.AddMinutes(50), Normal);
        Ok(await DischargeAsync(session, session.StopUtc.AddMinutes(60), alertAndAmbulatory: true));
        var at = session.StopUtc.AddMinutes(62);

        var refused = await CompleteAsync(session, session.Nurse, at);
        var alert = Assert.Single((await _arrange.StoredAsync(session)).Alerts, a => a.IsOpen);
        Ok(await _arrange.ChangeAsync(session, session.Nurse, at, Policies.RunSession,
            (s, actor, clock) => s.AcknowledgeAlert(alert.Id, "Oxygen 2 L/min by nasal cannula; SpO2 97 % after 5 min.", actor, clock.NowUtc)));
        var completed = await CompleteAsync(session, session.Nurse, at.AddMinutes(1));

        Assert.Equal(SessionErrors.OpenAlerts, refused.Error);
        Ok(completed);
        var stored = await _arrange.StoredAsync(session);
        Assert.Equal(at.AddMinutes(1), stored.NurseCompletedUtc);
        Assert.Equal(SessionWorkspace.ActorOf(session.Nurse).Name, stored.NurseCompletedByName);
    }

    [Fact]
    public async Task A_nurse_cannot_sign_and_the_refusal_is_audited_while_the_clinician_signs()
    {
        var session = await _arrange.CompletedAsync();
        var at = session.StopUtc.AddMinutes(80);

        var byNurse = await SignAsync(session, session.Nurse, at);
        var byClinician = await SignAsync(session, session.Stage.Clinician, at);

        Assert.Equal(AccessErrors.NotAllowed, byNurse.Error);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == session.PatientId.ToString() && e.Action == AuditAction.Denied && e.EntityType == nameof(InfusionSession)));
        Ok(byClinician);
        var stored = await _arrange.StoredAsync(session);
        Assert.Equal(SessionPhase.Signed, stored.Phase);
        Assert.Equal(SessionWorkspace.ActorOf(session.Stage.Clinician).Name, stored.SignedByName);
        Assert.Equal(at, stored.SignedUtc);
    }

    [Fact]
    public async Task A_signed_session_refuses_every_change_and_keeps_an_amendment_beside_the_unchanged_original()
    {
        var session = await _arrange.SignedAsync();
        var before = await _arrange.StoredAsync(session);
        var at = session.StopUtc.AddMinutes(120);

        var vitals = await _arrange.ReadingAsync(session, at, Normal, mustSucceed: false);
        var note = await _arrange.HandleAsync<SaveSessionNoteHandler>(at, h => h.HandleAsync(session.Nurse,
            new SaveSessionNote(session.AppointmentId, before.Version, before.NurseNote, "Rewritten afterwards.")));
        var sideEffect = await _arrange.ChangeAsync(session, session.Nurse, at, Policies.RunSession, (s, actor, clock) => s.RecordSideEffect(null,
            new SideEffectInput(SideEffectType.NauseaOrVomiting, null, session.StopUtc, SideEffectSeverity.Mild, null, null, null, SideEffectAction.Antiemetic, null, null), actor, clock.NowUtc));
        var order = await _arrange.ChangeAsync(session, session.Stage.Clinician, at, Policies.Assess,
            (s, actor, clock) => s.Order(new DoseInput(0.6m, 82.4m, clock.TodayInClinic, 40, null), actor, clock.NowUtc, clock.TodayInClinic));
        var amended = await _arrange.HandleAsync<AmendSessionHandler>(at, async h => await h.HandleAsync(session.Nurse, new AmendSession(session.AppointmentId,
            await _arrange.VersionAsync(session), AmendableParts.NurseNote, "Dissociation settled by 30 min, not 20.", "Times checked against the vitals sheet.")));

        Assert.All([vitals.Error, note.Error, sideEffect.Error, order.Error], e => Assert.Equal("session.closed", e?.Code));
        Ok(amended);
        var after = await _arrange.StoredAsync(session);
        Assert.Equal(before.NurseNote, after.NurseNote);
        Assert.Equal(before.Vitals.Count, after.Vitals.Count);
        Assert.Empty(after.SideEffects);
        Assert.Equal(0.5m, Assert.Single(after.Orders).Dose);
        var amendment = Assert.Single(after.Amendments);
        Assert.Equal(AmendableParts.NurseNote, amendment.RefersTo);
        Assert.Equal("Dissociation settled by 30 min, not 20.", amendment.Text);
        Assert.Equal("Times checked against the vitals sheet.", amendment.Reason);
        Assert.Equal(SessionWorkspace.ActorOf(session.Nurse).Name, amendment.AuthorName);
        Assert.Equal(at, amendment.AtUtc);
    }

    [Fact]
    public async Task An_amendment_without_its_reason_is_refused_and_nothing_is_stored()
    {
        var session = await _arrange.SignedAsync();

        var refused = await _arrange.HandleAsync<AmendSessionHandler>(session.StopUtc.AddMinutes(120), async h => await h.HandleAsync(session.Stage.Clinician,
            new AmendSession(session.AppointmentId, await _arrange.VersionAsync(session), "Vitals 10:20", "SpO2 was 96 %.", " ")));

        Assert.Equal("Say why the record is corrected.", refused.Error?.Message);
        Assert.Empty((await _arrange.StoredAsync(session)).Amendments);
    }

    [Fact]
    public async Task Two_nurses_completing_on_the_same_version_one_wins_and_the_other_is_told_the_session_changed()
    {
        var session = await _arrange.DischargedAsync();
        var otherNurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var seen = await _arrange.VersionAsync(session);
        var at = session.StopUtc.AddMinutes(62);

        var results = await Task.WhenAll(
            _arrange.HandleAsync<CompleteRecordHandler>(at, h => h.HandleAsync(session.Nurse, new CompleteRecord(session.AppointmentId, seen))),
            _arrange.HandleAsync<CompleteRecordHandler>(at, h => h.HandleAsync(otherNurse, new CompleteRecord(session.AppointmentId, seen))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(SessionErrors.Changed, Assert.Single(results, r => !r.IsSuccess).Error);
    }

    [Fact]
    public async Task Two_clinicians_signing_on_the_same_version_one_signs_and_the_other_is_told_the_session_changed()
    {
        var session = await _arrange.CompletedAsync();
        var otherClinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);
        var seen = await _arrange.VersionAsync(session);
        var at = session.StopUtc.AddMinutes(80);

        var results = await Task.WhenAll(
            _arrange.HandleAsync<SignSessionHandler>(at, h => h.HandleAsync(session.Stage.Clinician, new SignSession(session.AppointmentId, seen))),
            _arrange.HandleAsync<SignSessionHandler>(at, h => h.HandleAsync(otherClinician, new SignSession(session.AppointmentId, seen))));

        Assert.Single(results, r => r.IsSuccess);
        Assert.Equal(SessionErrors.Changed, Assert.Single(results, r => !r.IsSuccess).Error);
        Assert.Equal(SessionPhase.Signed, (await _arrange.StoredAsync(session)).Phase);
    }

    [Fact]
    public async Task What_changed_since_a_user_looked_names_the_new_reading_and_the_replaced_order_with_their_authors()
    {
        var session = await _arrange.CheckedInAsync();
        var start = session.StartUtc;
        Ok(await _arrange.ChangeAsync(session, session.Stage.Clinician, start.AddMinutes(2), Policies.Assess,
            (s, actor, clock) => s.Order(new DoseInput(0.5m, 82.4m, clock.TodayInClinic, 40, null), actor, clock.NowUtc, clock.TodayInClinic)));
        var seen = (await _arrange.LoadAsync(session, session.Nurse, start.AddMinutes(3))).Value.Session;
        await _arrange.ReadingAsync(session, start.AddMinutes(4), new VitalsInput(126, 80, 74, 97, 15));
        Ok(await _arrange.ChangeAsync(session, session.Stage.Clinician, start.AddMinutes(5), Policies.Assess,
            (s, actor, clock) => s.Order(new DoseInput(0.4m, 82.4m, clock.TodayInClinic, 40, null), actor, clock.NowUtc, clock.TodayInClinic)));
        var now = (await _arrange.LoadAsync(session, session.Nurse, start.AddMinutes(6))).Value;

        var changes = SessionChanges.Between(seen, now.Session, now.Clock);

        var nurse = SessionWorkspace.ActorOf(session.Nurse).Name;
        var clinician = SessionWorkspace.ActorOf(session.Stage.Clinician).Name;
        var readingTime = now.Clock.ToLocal(start.AddMinutes(4)).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [$"Dose order replaced by {clinician}: 32.96 mg over 40 min.", $"New reading {readingTime} by {nurse}: BP 126/80, HR 74, SpO2 97 %."],
            changes);
    }

    private Task<KetamineClinic.Domain.Common.Result<SessionSaved>> DischargeAsync(SignOffCase session, DateTime at, bool alertAndAmbulatory) =>
        _arrange.HandleAsync<DischargePatientHandler>(at, async h => await h.HandleAsync(session.Nurse,
            new DischargePatient(session.AppointmentId, await _arrange.VersionAsync(session), alertAndAmbulatory, true, true)));

    private Task<KetamineClinic.Domain.Common.Result<SessionSaved>> CompleteAsync(SignOffCase session, System.Security.Claims.ClaimsPrincipal user, DateTime at) =>
        _arrange.HandleAsync<CompleteRecordHandler>(at, async h => await h.HandleAsync(user, new CompleteRecord(session.AppointmentId, await _arrange.VersionAsync(session))));

    private Task<KetamineClinic.Domain.Common.Result<SessionSaved>> SignAsync(SignOffCase session, System.Security.Claims.ClaimsPrincipal user, DateTime at) =>
        _arrange.HandleAsync<SignSessionHandler>(at, async h => await h.HandleAsync(user, new SignSession(session.AppointmentId, await _arrange.VersionAsync(session))));
}

public sealed class SignOffTestsOnSqlite(SqliteApp app) : SignOffTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SignOffTestsOnPostgres(PostgresApp app) : SignOffTests<PostgresApp>(app), IClassFixture<PostgresApp>;
