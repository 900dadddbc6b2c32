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

/// <summary>One booking, worked on at its start time (check-in is refused more than 12 h before).</summary>
public sealed record SessionDay(ClinicAppFixture App, Guid AppointmentId, Guid PatientId, DateTime Start, TimeZoneInfo Zone, ClaimsPrincipal Nurse, ClaimsPrincipal Clinician)
{
    public static async Task<SessionDay> ArrangeAsync(ClinicAppFixture app, DayOfWeek weekday, int weeksAhead = 7)
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, WeekdayAt(weeksAhead, weekday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        await using var db = await app.Factory.CreateDbContextAsync();
        var start = DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == booked.AppointmentId).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var zone = (await scope.ServiceProvider.GetRequiredService<SessionWorkspace>().ClockAsync()).Zone;
        return new SessionDay(app, booked.AppointmentId!.Value, patient, start, zone, nurse, stage.Clinician);
    }

    public DateTime Local(DateTime utc) => TimeZoneInfo.ConvertTimeFromUtc(utc, Zone);

    /// <summary>Every item met: fasted 8 h and 3 h, escort, medicines held, weighed now at 82.4 kg, normal baseline.</summary>
    public CheckIn Checklist() => new(AppointmentId, null, Local(Start.AddHours(-8)), Local(Start.AddHours(-3)), "Sam Escort", "+1 555 0100", true,
        false, 82.4m, 128, 82, 72, 98, 14, null);

    public Task<CheckInOutcome> CheckInAsync(ClaimsPrincipal user, CheckIn command) =>
        WithAsync<CheckInHandler, CheckInOutcome>(h => h.HandleAsync(user, command));

    public async Task CheckedInAsync()
    {
        var outcome = await CheckInAsync(Nurse, Checklist());
        Assert.True(outcome.IsSuccess, outcome.Result.Error?.Message);
    }

    public async Task<Result<DoseFigures>> OrderAsync(ClaimsPrincipal user, decimal dose, string? reason = null)
    {
        var (session, _) = await LoadAsync();
        var checkIn = session.CheckIn!;
        return await WithAsync<OrderDoseHandler, Result<DoseFigures>>(h => h.HandleAsync(user,
            new OrderDose(AppointmentId, session.Version, dose, checkIn.WeightKg, checkIn.WeightMeasuredOn, session.Protocol.InfusionMinutes, reason)));
    }

    public async Task<(InfusionSession Session, SessionBooking Booking)> LoadAsync()
    {
        var loaded = await WithAsync<SessionWorkspace, Result<SessionSnapshot>>(w => w.LoadAsync(Clinician, AppointmentId, Policies.ViewClinical));
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return (loaded.Value.Session!, loaded.Value.Booking);
    }

    public async Task WeighAsync(decimal kg, DateTime measuredUtc)
    {
        await using var db = await App.Factory.CreateDbContextAsync();
        var patient = await db.Patients.SingleAsync(p => p.Id == PatientId);
        Assert.True(patient.RecordWeight(kg, measuredUtc, "Test Nurse", measuredUtc).IsSuccess);
        await db.SaveChangesAsync();
    }

    /// <summary>The session page's data as <paramref name="user"/> loads it on the day.</summary>
    public Task<Result<SessionSnapshot>> SnapshotAsync(ClaimsPrincipal user, string policy) =>
        WithAsync<SessionWorkspace, Result<SessionSnapshot>>(w => w.LoadAsync(user, AppointmentId, policy));

    /// <summary>A handler whose workspace reads the booking's start as "now", from <paramref name="scope"/>.</summary>
    public THandler HandlerOn<THandler>(IServiceProvider scope)
        where THandler : notnull
    {
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope, new FakeTimeProvider(new DateTimeOffset(Start)));
        return typeof(THandler) == typeof(SessionWorkspace) ? (THandler)(object)workspace : ActivatorUtilities.CreateInstance<THandler>(scope, workspace);
    }

    /// <summary>A handler from a scope of its own whose workspace reads the booking's start as "now".</summary>
    public async Task<T> WithAsync<THandler, T>(Func<THandler, Task<T>> call)
        where THandler : notnull
    {
        await using var scope = App.Factory.Services.CreateAsyncScope();
        return await call(HandlerOn<THandler>(scope.ServiceProvider));
    }
}
