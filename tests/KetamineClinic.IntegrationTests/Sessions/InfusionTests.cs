using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Sessions;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>The infusion, its vitals, alerts and side effects through the handlers and the real database: what nurses
/// rely on at the chair.</summary>
public abstract class InfusionTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Starting_the_infusion_at_a_corrected_time_records_the_vial_lot_and_puts_the_booking_in_progress()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Monday);
        day.At(8);

        var started = await day.StartAsync(await day.LocalAsync(5), "KET-24117");

        Assert.True(started.IsSuccess, started.Error?.Message);
        var snapshot = await day.SnapshotAsync();
        Assert.Equal(SessionPhase.Infusing, snapshot.Session!.Phase);
        Assert.Equal(day.StartUtc.AddMinutes(5), snapshot.Session.InfusionStartUtc);
        Assert.Equal("KET-24117", Assert.Single(snapshot.Session.Events).VialLot);
        Assert.Equal(AppointmentStatus.InProgress, snapshot.Booking.Status);
    }

    [Fact]
    public async Task A_reading_at_180_over_100_raises_an_open_alert_that_a_nurse_acknowledges_with_the_action_taken()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Tuesday);
        day.At(2);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(12);

        var reading = await day.VitalsAsync(new VitalsInput(180, 100, 90, 97, 14));
        var raised = Assert.Single((await day.SessionAsync()).Alerts, a => a.ReadingId == reading.Value.Id);
        Assert.True(raised.IsOpen);
        Assert.Equal(VitalsAlertKind.BloodPressureHigh, raised.Kind);
        Assert.Contains("hold or stop the infusion", raised.Message, StringComparison.Ordinal);
        day.At(13);
        var version = await day.VersionAsync();
        var acknowledged = await day.HandleAsync<AcknowledgeAlertHandler, Result<SessionAlert>>(h => h.HandleAsync(day.Nurse,
            new AcknowledgeAlert(day.AppointmentId, version, raised.Id, "Infusion paused, clinician informed")));

        Assert.True(acknowledged.IsSuccess, acknowledged.Error?.Message);
        var alert = Assert.Single((await day.SessionAsync()).Alerts, a => a.Id == raised.Id);
        Assert.False(alert.IsOpen);
        Assert.Equal("Infusion paused, clinician informed", alert.ActionTaken);
        Assert.Equal(StaffIdentity.From(day.Nurse).Id, alert.AcknowledgedBy);
        Assert.Equal(StaffIdentity.From(day.Nurse).Name, alert.AcknowledgedByName);
        Assert.Equal(day.StartUtc.AddMinutes(13), alert.AcknowledgedUtc);
    }

    [Fact]
    public async Task An_alert_is_not_acknowledged_without_the_action_taken()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Wednesday);
        day.At(2);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(10);
        Assert.True((await day.VitalsAsync(new VitalsInput(130, 80, 72, 90, 14))).IsSuccess);
        var alert = Assert.Single((await day.SessionAsync()).Alerts);
        var version = await day.VersionAsync();

        var refused = await day.HandleAsync<AcknowledgeAlertHandler, Result<SessionAlert>>(h => h.HandleAsync(day.Nurse,
            new AcknowledgeAlert(day.AppointmentId, version, alert.Id, "  ")));

        Assert.Equal(SessionErrors.ActionRequired.Message, refused.Error?.Message);
        Assert.True(Assert.Single((await day.SessionAsync()).Alerts).IsOpen);
    }

    [Fact]
    public async Task A_reading_saved_mid_session_is_there_after_a_server_restart()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Thursday);
        day.At(1);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(10);
        var saved = await day.VitalsAsync(new VitalsInput(134, 86, 77, 97, 13, 36.8m, "Feels floaty"));
        Assert.True(saved.IsSuccess, saved.Error?.Message);

        await using var restarted = new ClinicAppFactory(app.Factory.Database);
        var reloaded = await day.InScope<SessionWorkspaceReader, SessionSnapshot>(restarted, r => r.LoadAsync(day.Nurse, day.AppointmentId));

        var reading = Assert.Single(reloaded.Session!.Vitals, v => v.Kind == VitalsKind.Infusion);
        Assert.Equal((134, 86, 77, 97, 13, 36.8m, "Feels floaty"),
            (reading.Systolic, reading.Diastolic, reading.HeartRate, reading.SpO2, reading.RespiratoryRate, reading.TemperatureC, reading.Comment));
        Assert.Equal(day.StartUtc.AddMinutes(10), reading.TakenUtc);
        Assert.Equal(SessionPhase.Infusing, reloaded.Session.Phase);
    }

    [Fact]
    public async Task A_reading_not_taken_shows_as_overdue_only_after_its_due_time_plus_two_minutes()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Friday);
        Assert.True((await day.StartAsync()).IsSuccess);
        var firstDue = day.StartUtc.AddMinutes(10);

        day.At(12);
        var atGrace = await DueAtAsync(day, firstDue);
        day.At(12.5);
        var afterGrace = await DueAtAsync(day, firstDue);
        Assert.True((await day.VitalsAsync(new VitalsInput(128, 82, 74, 98, 14))).IsSuccess);
        var taken = await DueAtAsync(day, firstDue);

        Assert.Equal(ReadingStatus.Due, atGrace.Status);
        Assert.Equal(ReadingStatus.Overdue, afterGrace.Status);
        Assert.Equal(ReadingStatus.Late, taken.Status);
    }

    [Fact]
    public async Task Two_nurses_saving_on_the_same_version_the_second_is_told_it_changed_and_nothing_of_theirs_is_saved_until_they_retry()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Monday);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(10);
        var second = await Courses.ClinicalArrange.StaffAsync(app, KetamineClinic.Domain.Staff.StaffRoles.Nurse);
        var seen = await day.VersionAsync();

        var first = await day.VitalsAsync(new VitalsInput(126, 84, 75, 98, 14), day.Nurse, seen);
        var late = await day.VitalsAsync(new VitalsInput(150, 95, 88, 96, 16), second, seen);

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal(SessionErrors.Changed, late.Error);
        Assert.DoesNotContain((await day.SessionAsync()).Vitals, v => v.Systolic == 150);
        var retried = await day.VitalsAsync(new VitalsInput(150, 95, 88, 96, 16), second);
        Assert.True(retried.IsSuccess, retried.Error?.Message);
        Assert.Equal([126, 150], (await day.SessionAsync()).Vitals.Where(v => v.Kind == VitalsKind.Infusion).Select(v => v.Systolic).Order());
    }

    [Fact]
    public async Task Pause_resume_slow_and_an_early_stop_are_kept_in_order_and_the_early_stop_needs_its_reason()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Tuesday);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(6);
        Assert.True((await day.HandleAsync<PauseInfusionHandler, Result<InfusionSession>>(async h => await h.HandleAsync(day.Nurse,
            new PauseInfusion(day.AppointmentId, await day.VersionAsync(), null, "Patient anxious")))).IsSuccess);
        day.At(9);
        Assert.True((await day.HandleAsync<ResumeInfusionHandler, Result<InfusionSession>>(async h => await h.HandleAsync(day.Nurse,
            new ResumeInfusion(day.AppointmentId, await day.VersionAsync(), null)))).IsSuccess);
        day.At(12);
        var tooFast = await day.HandleAsync<SlowInfusionHandler, Result<InfusionSession>>(async h => await h.HandleAsync(day.Nurse,
            new SlowInfusion(day.AppointmentId, await day.VersionAsync(), null, 70m, "Dissociation")));
        Assert.True((await day.HandleAsync<SlowInfusionHandler, Result<InfusionSession>>(async h => await h.HandleAsync(day.Nurse,
            new SlowInfusion(day.AppointmentId, await day.VersionAsync(), null, 40m, "Dissociation")))).IsSuccess);
        day.At(20);

        var withoutReason = await day.HandleAsync<StopInfusionHandler, Result<InfusionSession>>(async h => await h.HandleAsync(day.Nurse,
            new StopInfusion(day.AppointmentId, await day.VersionAsync(), null, null)));
        var stopped = await day.HandleAsync<StopInfusionHandler, Result<InfusionSession>>(async h => await h.HandleAsync(day.Nurse,
            new StopInfusion(day.AppointmentId, await day.VersionAsync(), null, "Marked dissociation, patient asked to stop")));

        Assert.Equal(SessionErrors.SlowerRate(61.8m), tooFast.Error);
        Assert.Equal(SessionErrors.ReasonRequired, withoutReason.Error);
        Assert.True(stopped.IsSuccess, stopped.Error?.Message);
        var session = await day.SessionAsync();
        Assert.Equal(SessionPhase.Observing, session.Phase);
        Assert.True(session.StoppedEarly);
        Assert.Equal("Marked dissociation, patient asked to stop", session.EndReason);
        Assert.Equal(
            [InfusionEventKind.Started, InfusionEventKind.Paused, InfusionEventKind.Resumed, InfusionEventKind.Slowed, InfusionEventKind.Stopped],
            session.Events.OrderBy(e => e.AtUtc).Select(e => e.Kind));
        Assert.Equal(40m, session.Events.Single(e => e.Kind == InfusionEventKind.Slowed).RateMgPerHour);
    }

    [Fact]
    public async Task A_side_effect_recorded_at_onset_gets_its_resolution_time_later_and_keeps_the_rest()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Wednesday);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(16);
        var onset = await day.LocalAsync(15);
        var added = await day.HandleAsync<RecordSideEffectHandler, Result<SideEffect>>(async h => await h.HandleAsync(day.Nurse, new RecordSideEffect(
            day.AppointmentId, await day.VersionAsync(), null, SideEffectType.Sedation, null, onset, SideEffectSeverity.Moderate, 3, null, null,
            SideEffectAction.Slow, null, null)));
        Assert.True(added.IsSuccess, added.Error?.Message);
        Assert.Null(Assert.Single((await day.SessionAsync()).SideEffects).ResolvedUtc);
        day.At(35);
        var resolvedAt = await day.LocalAsync(32);

        var resolved = await day.HandleAsync<RecordSideEffectHandler, Result<SideEffect>>(async h => await h.HandleAsync(day.Nurse, new RecordSideEffect(
            day.AppointmentId, await day.VersionAsync(), added.Value.Id, SideEffectType.Sedation, null, onset, SideEffectSeverity.Moderate, 3, null, null,
            SideEffectAction.Slow, null, resolvedAt)));

        Assert.True(resolved.IsSuccess, resolved.Error?.Message);
        var effect = Assert.Single((await day.SessionAsync()).SideEffects);
        Assert.Equal(day.StartUtc.AddMinutes(15), effect.OnsetUtc);
        Assert.Equal(day.StartUtc.AddMinutes(32), effect.ResolvedUtc);
        Assert.Equal((SideEffectType.Sedation, SideEffectSeverity.Moderate, 3, SideEffectAction.Slow), (effect.Type, effect.Severity, effect.Moaas!.Value, effect.Action));
    }

    [Fact]
    public async Task Sedation_without_a_moaas_score_is_refused_and_nothing_is_recorded()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Thursday);
        Assert.True((await day.StartAsync()).IsSuccess);
        day.At(10);

        var refused = await day.HandleAsync<RecordSideEffectHandler, Result<SideEffect>>(async h => await h.HandleAsync(day.Nurse, new RecordSideEffect(
            day.AppointmentId, await day.VersionAsync(), null, SideEffectType.Sedation, null, null, SideEffectSeverity.Mild, null, null, null,
            SideEffectAction.None, null, null)));

        Assert.Equal(SessionErrors.MoaasRequired.Message, refused.Error?.Message);
        Assert.Empty((await day.SessionAsync()).SideEffects);
    }

    [Fact]
    public async Task Intake_staff_are_refused_by_every_infusion_handler_and_the_session_stays_as_it_was()
    {
        var day = await InfusionDay.OrderedAsync(app, DayOfWeek.Friday);
        var before = await day.SessionAsync();
        var v = before.Version;
        var id = day.AppointmentId;
        var intake = day.Intake;
        var alertId = before.Alerts.FirstOrDefault()?.Id ?? Guid.NewGuid();

        Result<InfusionSession>[] infusion =
        [
            await day.HandleAsync<StartInfusionHandler, Result<InfusionSession>>(h => h.HandleAsync(intake, new StartInfusion(id, v, null, "KET-1"))),
            await day.HandleAsync<PauseInfusionHandler, Result<InfusionSession>>(h => h.HandleAsync(intake, new PauseInfusion(id, v, null, "Reason"))),
            await day.HandleAsync<ResumeInfusionHandler, Result<InfusionSession>>(h => h.HandleAsync(intake, new ResumeInfusion(id, v, null))),
            await day.HandleAsync<SlowInfusionHandler, Result<InfusionSession>>(h => h.HandleAsync(intake, new SlowInfusion(id, v, null, 10m, "Reason"))),
            await day.HandleAsync<StopInfusionHandler, Result<InfusionSession>>(h => h.HandleAsync(intake, new StopInfusion(id, v, null, "Reason"))),
        ];
        var vitals = await day.VitalsAsync(new VitalsInput(120, 80, 70, 98, 14), intake, v);
        var acknowledged = await day.HandleAsync<AcknowledgeAlertHandler, Result<SessionAlert>>(h => h.HandleAsync(intake, new AcknowledgeAlert(id, v, alertId, "Done")));
        var sideEffect = await day.HandleAsync<RecordSideEffectHandler, Result<SideEffect>>(h => h.HandleAsync(intake, new RecordSideEffect(
            id, v, null, SideEffectType.Headache, null, null, SideEffectSeverity.Mild, null, null, null, SideEffectAction.Reassurance, null, null)));

        Assert.All(infusion, r => Assert.Equal(AccessErrors.NotAllowed, r.Error));
        Assert.Equal(AccessErrors.NotAllowed, vitals.Error);
        Assert.Equal(AccessErrors.NotAllowed, acknowledged.Error);
        Assert.Equal(AccessErrors.NotAllowed, sideEffect.Error);
        var after = await day.SessionAsync();
        Assert.Equal(v, after.Version);
        Assert.Equal(SessionPhase.Ordered, after.Phase);
        Assert.Single(after.Vitals);
        Assert.Empty(after.SideEffects);
    }

    /// <summary>The due reading at <paramref name="dueUtc"/> as the session page computes it from the day's clock.</summary>
    private static async Task<DueReading> DueAtAsync(InfusionDay day, DateTime dueUtc)
    {
        var snapshot = await day.SnapshotAsync();
        return Assert.Single(snapshot.Session!.DueReadings(snapshot.Clock.NowUtc), d => d.DueUtc == dueUtc);
    }
}

/// <summary>Reads a session as the nurse's page does, on whichever host it is created in.</summary>
public sealed class SessionWorkspaceReader(SessionWorkspace workspace)
{
    public async Task<SessionSnapshot> LoadAsync(System.Security.Claims.ClaimsPrincipal user, Guid appointmentId)
    {
        var loaded = await workspace.LoadAsync(user, appointmentId, KetamineClinic.Web.Auth.Policies.ViewClinical);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }
}

public sealed class InfusionTestsOnSqlite(SqliteApp app) : InfusionTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class InfusionTestsOnPostgres(PostgresApp app) : InfusionTests<PostgresApp>(app), IClassFixture<PostgresApp>;
