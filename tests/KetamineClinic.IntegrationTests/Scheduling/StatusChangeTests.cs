using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

/// <summary>Statuses on the day of the booking (the service's clock is set to the booking's start), undo, and who may
/// do what, through <see cref="BookingService"/> on a real database.</summary>
public abstract class StatusChangeTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Check_in_start_and_complete_of_a_consultation_are_kept_in_the_history_with_who_did_them()
    {
        var stage = await StageAsync(app);
        var patient = await ClinicalArrange.PatientDecidedAsync(app);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patient, WeekdayAt(6, DayOfWeek.Monday, 13)));
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var start = await StartAsync(booked.AppointmentId!.Value);

        foreach (var to in new[] { AppointmentStatus.Arrived, AppointmentStatus.InProgress, AppointmentStatus.Fulfilled })
        {
            var changed = await OnTheDayAsync(start, s => s.ChangeStatusAsync(nurse, new ChangeAppointmentStatus(booked.AppointmentId!.Value, Version(booked.AppointmentId!.Value), to, null)));
            Assert.True(changed.IsSuccess, changed.Error?.Message);
        }

        await using var db = await app.Factory.CreateDbContextAsync();
        var saved = await db.Appointments.Include(a => a.History).AsNoTracking().SingleAsync(a => a.Id == booked.AppointmentId);
        Assert.Equal(AppointmentStatus.Fulfilled, saved.Status);
        Assert.Equal(
            [AppointmentStatus.Booked, AppointmentStatus.Arrived, AppointmentStatus.InProgress, AppointmentStatus.Fulfilled],
            saved.History.OrderBy(h => h.AtUtc).ThenBy(h => h.Action).Select(h => h.Status));
        Assert.All(saved.History.Where(h => h.Action == AppointmentAction.StatusChanged), h => Assert.Equal("Test Nurse", h.ByName));
    }

    [Fact]
    public async Task An_infusion_is_not_checked_in_by_a_bare_status_change_but_may_be_marked_a_no_show()
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, WeekdayAt(6, DayOfWeek.Monday, 9)));
        var id = booked.AppointmentId!.Value;
        var start = await StartAsync(id);

        var checkIn = await OnTheDayAsync(start, s => s.ChangeStatusAsync(stage.Booker, new ChangeAppointmentStatus(id, Version(id), AppointmentStatus.Arrived, null)));
        var noShow = await OnTheDayAsync(start.AddMinutes(30), s => s.ChangeStatusAsync(stage.Booker, new ChangeAppointmentStatus(id, Version(id), AppointmentStatus.NoShow, null)));

        Assert.Equal(AppointmentErrors.UseSession, checkIn.Error);
        Assert.True(noShow.IsSuccess, noShow.Error?.Message);
    }

    [Fact]
    public async Task A_no_show_is_undone_by_the_person_who_set_it_but_not_by_a_colleague()
    {
        var stage = await StageAsync(app);
        var patient = await ClinicalArrange.PatientDecidedAsync(app);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patient, WeekdayAt(6, DayOfWeek.Tuesday, 10)));
        var id = booked.AppointmentId!.Value;
        var start = await StartAsync(id);
        var colleague = await ClinicalArrange.StaffAsync(app, StaffRoles.IntakeStaff);
        var noShow = await OnTheDayAsync(start.AddMinutes(30), s => s.ChangeStatusAsync(stage.Booker, new ChangeAppointmentStatus(id, Version(id), AppointmentStatus.NoShow, null)));

        var byColleague = await UndoOnTheDayAsync(start.AddMinutes(40), colleague, id, "Patient was in the waiting room");
        var bySetter = await UndoOnTheDayAsync(start.AddMinutes(45), stage.Booker, id, "Patient was in the waiting room");

        Assert.True(noShow.IsSuccess, noShow.Error?.Message);
        Assert.Equal(AppointmentErrors.UndoNotYours, byColleague.Error);
        Assert.True(bySetter.Succeeded, bySetter.Message);
        await using var db = await app.Factory.CreateDbContextAsync();
        var saved = await db.Appointments.Include(a => a.History).AsNoTracking().SingleAsync(a => a.Id == id);
        Assert.Equal(AppointmentStatus.Booked, saved.Status);
        var undone = saved.History.Single(h => h.Action == AppointmentAction.Undone);
        Assert.Equal("Patient was in the waiting room", undone.Reason);
    }

    [Fact]
    public async Task Undoing_a_cancellation_is_refused_when_the_slot_was_given_to_someone_else()
    {
        var stage = await StageAsync(app);
        var (first, _) = await PatientWithActiveCourseAsync(app, stage);
        var (second, _) = await PatientWithActiveCourseAsync(app, stage);
        var at = WeekdayAt(6, DayOfWeek.Wednesday, 9);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, first, at));
        var id = booked.AppointmentId!.Value;
        var cancelled = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.CancelAsync(stage.Booker, new CancelAppointment(id, Version(id), CancellationReason.Clinic, null)));
        var taken = await BookAsync(app, stage.Booker, Infusion(stage, second, at));

        var undo = await ClinicalArrange.WithAsync<BookingService, BookingOutcome>(app,
            s => s.UndoStatusAsync(stage.Booker, new UndoAppointmentStatus(id, Version(id), "Cancelled the wrong patient")));

        Assert.True(cancelled.IsSuccess && taken.Succeeded);
        Assert.False(undo.Succeeded);
        Assert.Contains(undo.Conflicts, c => c.Kind == ConflictKind.Chair && c.WithBookingId == taken.AppointmentId);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(AppointmentStatus.Cancelled, await db.Appointments.Where(a => a.Id == id).Select(a => a.Status).SingleAsync());
    }

    [Fact]
    public async Task A_nurse_may_check_a_patient_in_but_not_cancel_and_the_refusal_is_audited()
    {
        var stage = await StageAsync(app);
        var patient = await ClinicalArrange.PatientDecidedAsync(app);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patient, WeekdayAt(6, DayOfWeek.Thursday, 14)));
        var id = booked.AppointmentId!.Value;
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        var cancel = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.CancelAsync(nurse, new CancelAppointment(id, Version(id), CancellationReason.Patient, null)));
        var checkIn = await OnTheDayAsync(await StartAsync(id), s => s.ChangeStatusAsync(nurse, new ChangeAppointmentStatus(id, Version(id), AppointmentStatus.Arrived, null)));

        Assert.Equal("access.not_allowed", cancel.Error?.Code);
        Assert.True(checkIn.IsSuccess, checkIn.Error?.Message);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patient.ToString() && e.Action == AuditAction.Denied && e.EntityType == nameof(Appointment)));
    }

    [Fact]
    public async Task Checking_in_weeks_before_the_day_is_refused()
    {
        var stage = await StageAsync(app);
        var patient = await ClinicalArrange.PatientDecidedAsync(app);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patient, WeekdayAt(6, DayOfWeek.Friday, 9)));
        var id = booked.AppointmentId!.Value;

        var early = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.ChangeStatusAsync(stage.Booker, new ChangeAppointmentStatus(id, Version(id), AppointmentStatus.Arrived, null)));

        Assert.Equal("appointment.too_early", early.Error?.Code);
    }

    private Guid Version(Guid id)
    {
        using var db = app.Factory.CreateDbContextAsync().GetAwaiter().GetResult();
        return db.Appointments.AsNoTracking().Where(a => a.Id == id).Select(a => a.Version).Single();
    }

    private async Task<DateTime> StartAsync(Guid id)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == id).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
    }

    /// <summary>The booking service as on the day of the booking: its clock reads <paramref name="nowUtc"/>.</summary>
    private async Task<T> OnTheDayAsync<T>(DateTime nowUtc, Func<BookingService, Task<T>> call)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var service = ActivatorUtilities.CreateInstance<BookingService>(scope.ServiceProvider, new FakeTimeProvider(new DateTimeOffset(nowUtc)));
        return await call(service);
    }

    private Task<BookingOutcome> UndoOnTheDayAsync(DateTime nowUtc, ClaimsPrincipal user, Guid id, string reason) =>
        OnTheDayAsync(nowUtc, s => s.UndoStatusAsync(user, new UndoAppointmentStatus(id, Version(id), reason)));
}

public sealed class StatusChangeTestsOnSqlite(SqliteApp app) : StatusChangeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class StatusChangeTestsOnPostgres(PostgresApp app) : StatusChangeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
