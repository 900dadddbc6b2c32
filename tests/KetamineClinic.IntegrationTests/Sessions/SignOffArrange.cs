using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.IntegrationTests.Scheduling;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>A booked infusion taken through the real workspace to a point of the session, each step at its own time.</summary>
public sealed record SignOffCase(BookingStage Stage, Guid PatientId, Guid AppointmentId, ClaimsPrincipal Nurse, DateTime StartUtc)
{
    /// <summary>When the infusion stopped (observation began); set by <see cref="SignOffArrange.ToObservationAsync(SignOffCase)"/>.</summary>
    public DateTime StopUtc { get; init; }
}

public sealed class SignOffArrange(ClinicAppFixture app)
{
    public static readonly VitalsInput Normal = new(122, 78, 72, 98, 14);

    /// <summary>A patient with an active course (of <paramref name="plannedSessions"/> sessions), booked for an infusion
    /// and checked in at the booking's start.</summary>
    public async Task<SignOffCase> CheckedInAsync(VitalsInput? baseline = null, int plannedSessions = 6)
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage, plannedSessions);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, WeekdayAt(7, DayOfWeek.Wednesday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var id = booked.AppointmentId!.Value;
        await using var db = await app.Factory.CreateDbContextAsync();
        var start = DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == id).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
        return await CheckInAsync(new SignOffCase(stage, patient, id, nurse, start), baseline);
    }

    /// <summary>An infusion already booked (e.g. in the past, for reports), checked in at the booking's start.</summary>
    public async Task<SignOffCase> CheckInAsync(SignOffCase arranged, VitalsInput? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        var start = arranged.StartUtc;
        var checkedIn = await ChangeAsync(arranged, arranged.Nurse, start, Policies.CheckIn, (s, actor, clock) =>
            s.RecordCheckIn(new CheckInInput(start.AddHours(-8), start.AddHours(-3), "Sam Escort", "+1 555 0100", true, 82.4m, clock.TodayInClinic, baseline ?? Normal),
                new CheckInFacts(true, true, start), actor, clock.NowUtc, clock.TodayInClinic), openIfMissing: true);
        Assert.True(checkedIn.IsSuccess, checkedIn.Error?.Message);
        return arranged;
    }

    /// <summary>Checked in, ordered (0.5 mg/kg over 40 min), infused from start + 5 min and stopped on time: observing.</summary>
    public async Task<SignOffCase> ToObservationAsync(int plannedSessions = 6) => await ToObservationAsync(await CheckedInAsync(plannedSessions: plannedSessions));

    /// <summary>The same from a checked-in case.</summary>
    public async Task<SignOffCase> ToObservationAsync(SignOffCase arranged)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        var start = arranged.StartUtc;
        Ok(await ChangeAsync(arranged, arranged.Stage.Clinician, start.AddMinutes(2), Policies.Assess,
            (s, actor, clock) => s.Order(new DoseInput(0.5m, 82.4m, clock.TodayInClinic, 40, null), actor, clock.NowUtc, clock.TodayInClinic)));
        Ok(await ChangeAsync(arranged, arranged.Nurse, start.AddMinutes(5), Policies.RunSession,
            (s, actor, clock) => s.Start(clock.NowUtc, "LOT-2211", actor, clock.NowUtc, clock.TodayInClinic)));
        var stop = start.AddMinutes(45);
        Ok(await ChangeAsync(arranged, arranged.Nurse, stop, Policies.RunSession, (s, actor, clock) => s.Stop(clock.NowUtc, null, actor, clock.NowUtc)));
        return arranged with { StopUtc = stop };
    }

    /// <summary>Observing, a normal reading at 10 and 50 minutes, discharged at 60 minutes with every attestation.</summary>
    public async Task<SignOffCase> DischargedAsync() => await DischargedAsync(await ToObservationAsync());

    /// <summary>The same from an observing case.</summary>
    public async Task<SignOffCase> DischargedAsync(SignOffCase arranged)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        await ReadingAsync(arranged, arranged.StopUtc.AddMinutes(10), Normal);
        await ReadingAsync(arranged, arranged.StopUtc.AddMinutes(50), Normal);
        var discharged = await HandleAsync<DischargePatientHandler>(arranged.StopUtc.AddMinutes(60), async h =>
            await h.HandleAsync(arranged.Nurse, new DischargePatient(arranged.AppointmentId, await VersionAsync(arranged), true, true, true)));
        Assert.True(discharged.IsSuccess, discharged.Error?.Message);
        return arranged;
    }

    /// <summary>Discharged and completed by the nurse; waits for the signature.</summary>
    public async Task<SignOffCase> CompletedAsync(string? note = "Tolerated well; mild dissociation settled by 20 min.")
    {
        var arranged = await DischargedAsync();
        var at = arranged.StopUtc.AddMinutes(65);
        if (note is not null)
        {
            Ok(await HandleAsync<SaveSessionNoteHandler>(at, async h =>
                await h.HandleAsync(arranged.Nurse, new SaveSessionNote(arranged.AppointmentId, await VersionAsync(arranged), null, note))));
        }

        Ok(await HandleAsync<CompleteRecordHandler>(at, async h => await h.HandleAsync(arranged.Nurse, new CompleteRecord(arranged.AppointmentId, await VersionAsync(arranged)))));
        return arranged;
    }

    /// <summary>Completed and signed by the stage's clinician.</summary>
    public async Task<SignOffCase> SignedAsync()
    {
        var arranged = await CompletedAsync();
        Ok(await HandleAsync<SignSessionHandler>(arranged.StopUtc.AddMinutes(90), async h =>
            await h.HandleAsync(arranged.Stage.Clinician, new SignSession(arranged.AppointmentId, await VersionAsync(arranged)))));
        return arranged;
    }

    public async Task<Result<VitalsReading>> ReadingAsync(SignOffCase arranged, DateTime atUtc, VitalsInput vitals, bool mustSucceed = true)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        var result = await ChangeAsync(arranged, arranged.Nurse, atUtc, Policies.RunSession, (s, actor, clock) => s.RecordVitals(vitals, clock.NowUtc, actor, clock.NowUtc));
        if (mustSucceed)
        {
            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        return result;
    }

    /// <summary>A change through the workspace, on the version now stored, with the clock at <paramref name="nowUtc"/>.</summary>
    public async Task<Result<T>> ChangeAsync<T>(SignOffCase arranged, ClaimsPrincipal user, DateTime nowUtc, string policy,
        Func<InfusionSession, SessionActor, SessionClock, Result<T>> change, bool openIfMissing = false)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        var version = openIfMissing ? (Guid?)null : await VersionAsync(arranged);
        return await AtAsync(nowUtc, (_, w) => w.ChangeAsync(user, arranged.AppointmentId, version, policy, "test step", change, openIfMissing: openIfMissing));
    }

    /// <summary>A session handler whose workspace's clock reads <paramref name="nowUtc"/>, on <paramref name="host"/>
    /// (another app on the same database, as after a restart) or this fixture's app.</summary>
    public Task<Result<SessionSaved>> HandleAsync<THandler>(DateTime nowUtc, Func<THandler, Task<Result<SessionSaved>>> call, ClinicAppFactory? host = null)
        where THandler : notnull =>
        AtAsync(nowUtc, (services, workspace) => call(ActivatorUtilities.CreateInstance<THandler>(services, workspace)), host);

    public Task<Result<SessionSnapshot>> LoadAsync(SignOffCase arranged, ClaimsPrincipal user, DateTime nowUtc, ClinicAppFactory? host = null)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        return AtAsync(nowUtc, (_, w) => w.LoadAsync(user, arranged.AppointmentId, Policies.ViewClinical), host);
    }

    public async Task<Guid> VersionAsync(SignOffCase arranged)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.InfusionSessions.Where(s => s.AppointmentId == arranged.AppointmentId).Select(s => s.Version).SingleAsync();
    }

    public async Task<InfusionSession> StoredAsync(SignOffCase arranged)
    {
        ArgumentNullException.ThrowIfNull(arranged);
        await using var db = await app.Factory.CreateDbContextAsync();
        return await SessionWorkspace.WithParts(db.InfusionSessions.AsNoTracking()).SingleAsync(s => s.AppointmentId == arranged.AppointmentId);
    }

    public static void Ok<T>(Result<T> result) => Assert.True(result.IsSuccess, result.Error?.Message);

    private async Task<T> AtAsync<T>(DateTime nowUtc, Func<IServiceProvider, SessionWorkspace, Task<T>> call, ClinicAppFactory? host = null)
    {
        await using var scope = (host ?? app.Factory).Services.CreateAsyncScope();
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, new FakeTimeProvider(new DateTimeOffset(nowUtc)));
        return await call(scope.ServiceProvider, workspace);
    }
}
