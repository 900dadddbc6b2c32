using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>A session and its parts survive the round trip through the database, and the booking follows the session.</summary>
public abstract class SessionPersistenceTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task A_checked_in_session_keeps_its_checklist_protocol_vitals_and_alerts_and_the_booking_becomes_checked_in()
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, WeekdayAt(7, DayOfWeek.Monday, 9)));
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var now = await StartAsync(booked.AppointmentId!.Value);
        var input = new CheckInInput(now.AddHours(-8), now.AddHours(-3), "Sam Escort", "+1 555 0100", true, 82.4m,
            DateOnly.FromDateTime(now), new VitalsInput(182, 95, 88, 98, 14));

        var checkedIn = await OnTheDayAsync<Result<InfusionSession>>(booked.AppointmentId!.Value, w => w.ChangeAsync(nurse, booked.AppointmentId!.Value, null, Policies.CheckIn, "check in",
            (s, actor, clock) => s.RecordCheckIn(input, new CheckInFacts(true, true, now), actor, clock.NowUtc, clock.TodayInClinic), openIfMissing: true));
        var loaded = await OnTheDayAsync<Result<SessionSnapshot>>(booked.AppointmentId!.Value, w => w.LoadAsync(nurse, booked.AppointmentId!.Value, Policies.ViewClinical));

        Assert.True(checkedIn.IsSuccess, checkedIn.Error?.Message);
        var session = loaded.Value.Session!;
        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
        Assert.Equal("Sam Escort", session.CheckIn!.EscortName);
        Assert.Equal(82.4m, session.CheckIn.WeightKg);
        Assert.Equal(40, session.Protocol.InfusionMinutes);
        Assert.True(session.GoAheadRequired);
        Assert.Equal(182, Assert.Single(session.Vitals).Systolic);
        Assert.Contains(session.Alerts, a => a.Kind == VitalsAlertKind.BloodPressureHigh && a.IsOpen);
        Assert.Equal(AppointmentStatus.Arrived, loaded.Value.Booking.Status);
    }

    [Fact]
    public async Task A_change_made_on_an_old_version_is_refused_and_nothing_is_saved()
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, WeekdayAt(7, DayOfWeek.Tuesday, 9)));
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var now = await StartAsync(booked.AppointmentId!.Value);
        var input = new CheckInInput(now.AddHours(-8), now.AddHours(-3), "Sam Escort", "+1 555 0100", true, 70m, DateOnly.FromDateTime(now), new VitalsInput(120, 80, 70, 98, 14));
        var checkedIn = await OnTheDayAsync<Result<InfusionSession>>(booked.AppointmentId!.Value, w => w.ChangeAsync(nurse, booked.AppointmentId!.Value, null, Policies.CheckIn, "check in",
            (s, actor, clock) => s.RecordCheckIn(input, new CheckInFacts(true, true, now), actor, clock.NowUtc, clock.TodayInClinic), openIfMissing: true));
        var seen = checkedIn.Value.Version;
        var first = await OnTheDayAsync<Result<VitalsReading>>(booked.AppointmentId!.Value, w => w.ChangeAsync(nurse, booked.AppointmentId!.Value, seen, Policies.RunSession, "vitals",
            (s, actor, clock) => s.RecordVitals(new VitalsInput(124, 82, 72, 97, 14), clock.NowUtc, actor, clock.NowUtc)));

        var second = await OnTheDayAsync<Result<VitalsReading>>(booked.AppointmentId!.Value, w => w.ChangeAsync(nurse, booked.AppointmentId!.Value, seen, Policies.RunSession, "vitals",
            (s, actor, clock) => s.RecordVitals(new VitalsInput(200, 110, 72, 97, 14), clock.NowUtc, actor, clock.NowUtc)));

        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal(SessionErrors.Changed, second.Error);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(2, await db.VitalsReadings.CountAsync(v => v.PatientId == patient));
    }

    private async Task<DateTime> StartAsync(Guid appointmentId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
    }

    /// <summary>The workspace as on the day of the booking: its clock reads the booking's start.</summary>
    private async Task<T> OnTheDayAsync<T>(Guid appointmentId, Func<SessionWorkspace, Task<T>> call)
    {
        var start = await StartAsync(appointmentId);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, new FakeTimeProvider(new DateTimeOffset(start)));
        return await call(workspace);
    }
}

public sealed class SessionPersistenceTestsOnSqlite(SqliteApp app) : SessionPersistenceTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SessionPersistenceTestsOnPostgres(PostgresApp app) : SessionPersistenceTests<PostgresApp>(app), IClassFixture<PostgresApp>;
