using System.Security.Claims;
using KetamineClinic.Domain.Common;
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

/// <summary>
/// One booked infusion on its day: a clock that starts at the booking's start and moves when the test says, the
/// nurse, the clinician and the intake staff member of the booking, and the session's handlers run as a page's
/// circuit would (a scope of their own) with that clock.
/// </summary>
public sealed class InfusionDay(ClinicAppFixture app, Guid appointmentId, Guid patientId, DateTime startUtc, ClaimsPrincipal nurse, ClaimsPrincipal clinician, ClaimsPrincipal intake)
{
    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(startUtc));

    public Guid AppointmentId => appointmentId;

    public Guid PatientId => patientId;

    public DateTime StartUtc => startUtc;

    public ClaimsPrincipal Nurse => nurse;

    public ClaimsPrincipal Clinician => clinician;

    public ClaimsPrincipal Intake => intake;

    /// <summary>A booked, checked-in (baseline 120/80) and ordered (0.5 mg/kg × 82.4 kg over 40 min) infusion.</summary>
    public static async Task<InfusionDay> OrderedAsync(ClinicAppFixture app, DayOfWeek day)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, WeekdayAt(8, day, 9)));
        Assert.True(booked.AppointmentId is not null, "the infusion was booked");
        await using var db = await app.Factory.CreateDbContextAsync();
        var start = DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == booked.AppointmentId).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var infusion = new InfusionDay(app, booked.AppointmentId!.Value, patient, start, nurse, stage.Clinician, stage.Booker);
        var input = new CheckInInput(start.AddHours(-8), start.AddHours(-3), "Sam Escort", "+1 555 0100", true, 82.4m,
            DateOnly.FromDateTime(start), new VitalsInput(120, 80, 70, 98, 14));
        var checkedIn = await infusion.WithWorkspaceAsync(w => w.ChangeAsync(nurse, infusion.AppointmentId, null, Policies.CheckIn, "check in",
            (s, actor, clock) => s.RecordCheckIn(input, new CheckInFacts(true, true, start), actor, clock.NowUtc, clock.TodayInClinic), openIfMissing: true));
        Assert.True(checkedIn.IsSuccess, checkedIn.Error?.Message);
        var ordered = await infusion.WithWorkspaceAsync(w => w.ChangeAsync(stage.Clinician, infusion.AppointmentId, checkedIn.Value.Version, Policies.Assess, "order",
            (s, actor, clock) => s.Order(new DoseInput(0.5m, 82.4m, DateOnly.FromDateTime(start), 40, null), actor, clock.NowUtc, clock.TodayInClinic)));
        Assert.True(ordered.IsSuccess, ordered.Error?.Message);
        return infusion;
    }

    /// <summary>Moves the clock to <paramref name="minutes"/> after the booking's start.</summary>
    public void At(double minutes) => Clock.SetUtcNow(new DateTimeOffset(startUtc.AddMinutes(minutes)));

    /// <summary>A clinic local time <paramref name="minutes"/> after the booking's start, as a nurse types it.</summary>
    public async Task<DateTime> LocalAsync(double minutes) => (await SnapshotAsync()).Clock.ToLocal(startUtc.AddMinutes(minutes));

    public async Task<SessionSnapshot> SnapshotAsync(ClaimsPrincipal? user = null)
    {
        var loaded = await WithWorkspaceAsync(w => w.LoadAsync(user ?? nurse, appointmentId, Policies.ViewClinical));
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }

    public async Task<InfusionSession> SessionAsync() => (await SnapshotAsync()).Session!;

    public async Task<Guid> VersionAsync() => (await SessionAsync()).Version;

    public async Task<T> WithWorkspaceAsync<T>(Func<SessionWorkspace, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(call);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await call(ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, (TimeProvider)Clock));
    }

    /// <summary>Runs a session handler from a scope of its own, on this day's clock.</summary>
    public Task<T> HandleAsync<THandler, T>(Func<THandler, Task<T>> call)
        where THandler : class =>
        InScope(app.Factory, call);

    /// <summary>The same on another host of the same database (the server after a restart).</summary>
    public async Task<T> InScope<THandler, T>(ClinicAppFactory factory, Func<THandler, Task<T>> call)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(call);
        await using var scope = factory.Services.CreateAsyncScope();
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, (TimeProvider)Clock);
        return await call(ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider, workspace));
    }

    public async Task<Result<InfusionSession>> StartAsync(DateTime? atLocal = null, string lot = "KET-24117")
    {
        var seen = await VersionAsync();
        return await HandleAsync<StartInfusionHandler, Result<InfusionSession>>(h => h.HandleAsync(nurse, new StartInfusion(appointmentId, seen, atLocal, lot)));
    }

    public async Task<Result<VitalsReading>> VitalsAsync(VitalsInput v, ClaimsPrincipal? user = null, Guid? version = null, DateTime? takenLocal = null)
    {
        ArgumentNullException.ThrowIfNull(v);
        var seen = version ?? await VersionAsync();
        return await HandleAsync<RecordVitalsHandler, Result<VitalsReading>>(h => h.HandleAsync(user ?? nurse, new RecordVitals(appointmentId, seen,
            new VitalsEntry(takenLocal, v.Systolic, v.Diastolic, v.HeartRate, v.SpO2, v.RespiratoryRate, v.TemperatureC, v.Comment))));
    }
}
