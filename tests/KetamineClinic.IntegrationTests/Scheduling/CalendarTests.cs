using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Calendar;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

public abstract class CalendarTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Session_numbers_count_the_course_sessions_that_stand_so_a_cancelled_one_takes_no_number()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var monday = WeekdayAt(4, DayOfWeek.Monday, 9);
        var first = await BookAsync(app, stage.Booker, Infusion(stage, patientId, monday));
        var second = await BookAsync(app, stage.Booker, Infusion(stage, patientId, monday.AddDays(2)));
        var third = await BookAsync(app, stage.Booker, Infusion(stage, patientId, monday.AddDays(4)));
        Assert.All(new[] { first, second, third }, o => Assert.True(o.Succeeded, o.Message));
        await CancelAsync(stage, second.AppointmentId!.Value);

        var week = await LoadAsync(stage, DateOnly.FromDateTime(monday), 7, new CalendarFilter(NurseId: stage.NurseId, IncludeCancelled: true));

        var planned = (await ClinicalArrange.CoursesAsync(app, patientId)).Single().PlannedSessions;
        Assert.Equal(new SessionNumber(1, planned), week.Bookings.Single(b => b.Id == first.AppointmentId).Session);
        Assert.Null(week.Bookings.Single(b => b.Id == second.AppointmentId).Session);
        Assert.Equal(new SessionNumber(2, planned), week.Bookings.Single(b => b.Id == third.AppointmentId).Session);
    }

    [Fact]
    public async Task Filtering_by_nurse_shows_only_that_nurses_bookings()
    {
        var mine = await StageAsync(app);
        var theirs = await StageAsync(app);
        var at = WeekdayAt(4, DayOfWeek.Tuesday, 10);
        var booked = await BookAsync(app, mine.Booker, Infusion(mine, (await PatientWithActiveCourseAsync(app, mine)).PatientId, at));
        var other = await BookAsync(app, theirs.Booker, Infusion(theirs, (await PatientWithActiveCourseAsync(app, theirs)).PatientId, at));
        Assert.True(booked.Succeeded, booked.Message);
        Assert.True(other.Succeeded, other.Message);

        var day = await LoadAsync(mine, DateOnly.FromDateTime(at), 1, new CalendarFilter(NurseId: mine.NurseId));

        var only = Assert.Single(day.Bookings);
        Assert.Equal(booked.AppointmentId, only.Id);
        Assert.Equal(10, only.LocalStart.Hour);
        Assert.Contains(day.Chairs, c => c.Id == mine.ChairId);
    }

    [Fact]
    public async Task A_cancelled_booking_is_hidden_unless_cancelled_ones_are_asked_for()
    {
        var stage = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var at = WeekdayAt(4, DayOfWeek.Thursday, 11);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patientId, at));
        Assert.True(booked.Succeeded, booked.Message);
        await CancelAsync(stage, booked.AppointmentId!.Value);

        var hidden = await LoadAsync(stage, DateOnly.FromDateTime(at), 1, new CalendarFilter(ClinicianId: stage.ClinicianId));
        var shown = await LoadAsync(stage, DateOnly.FromDateTime(at), 1, new CalendarFilter(ClinicianId: stage.ClinicianId, IncludeCancelled: true));

        Assert.Empty(hidden.Bookings);
        var cancelled = Assert.Single(shown.Bookings);
        Assert.Equal(AppointmentStatus.Cancelled, cancelled.Entry.Status);
    }

    [Fact]
    public async Task A_closed_date_shows_its_reason_on_the_day()
    {
        var stage = await StageAsync(app);
        var date = DateOnly.FromDateTime(WeekdayAt(9, DayOfWeek.Friday, 0));
        await using (var db = await ClinicalArrange.DbAsync(app))
        {
            db.ClosedDates.Add(ClosedDate.Create(date, "Staff training day").Value);
            await db.SaveChangesAsync();
        }

        var day = await LoadAsync(stage, date, 1, new CalendarFilter());

        var shown = Assert.Single(day.Dates);
        Assert.False(shown.IsOpen);
        Assert.Equal("Staff training day", shown.ClosedReason);
    }

    [Fact]
    public async Task Opening_a_booking_shows_its_history_and_is_recorded_as_a_read_of_the_patients_record()
    {
        var stage = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patientId, WeekdayAt(4, DayOfWeek.Friday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        await CancelAsync(stage, booked.AppointmentId!.Value);

        var opened = await ClinicalArrange.WithAsync<GetAppointmentHandler, Result<AppointmentDetails>>(app, h => h.HandleAsync(stage.Booker, booked.AppointmentId!.Value));

        Assert.True(opened.IsSuccess, opened.Error?.Message);
        Assert.Equal([AppointmentAction.Cancelled, AppointmentAction.Created], opened.Value.History.Select(h => h.Action));
        Assert.Equal("Test IntakeStaff", opened.Value.History[0].ByName);
        Assert.Equal(CancellationReason.Patient, opened.Value.CancellationReason);
        await using var db = await ClinicalArrange.DbAsync(app);
        Assert.True(await db.AuditEvents.AnyAsync(e =>
            e.PatientId == patientId.ToString() && e.Action == AuditAction.Read && e.EntityId == booked.AppointmentId.ToString()));
    }

    private async Task<CalendarView> LoadAsync(BookingStage stage, DateOnly first, int days, CalendarFilter filter)
    {
        var view = await ClinicalArrange.WithAsync<CalendarHandler, Result<CalendarView>>(app, h => h.LoadAsync(stage.Booker, first, days, filter));
        Assert.True(view.IsSuccess, view.Error?.Message);
        return view.Value;
    }

    private async Task CancelAsync(BookingStage stage, Guid appointmentId)
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        var version = await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.Version).SingleAsync();
        var cancelled = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(
            app, s => s.CancelAsync(stage.Booker, new CancelAppointment(appointmentId, version, CancellationReason.Patient, "Unwell")));
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
    }
}

public sealed class CalendarTestsOnSqlite(SqliteApp app) : CalendarTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CalendarTestsOnPostgres(PostgresApp app) : CalendarTests<PostgresApp>(app), IClassFixture<PostgresApp>;
