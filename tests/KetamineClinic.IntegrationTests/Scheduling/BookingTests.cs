using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

public abstract class BookingTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Sixteen_people_booking_one_chair_at_one_moment_book_exactly_one()
    {
        var stage = await StageAsync(app);
        var patients = new List<Guid>();
        for (var i = 0; i < 16; i++)
        {
            patients.Add((await PatientWithActiveCourseAsync(app, stage)).PatientId);
        }

        var start = WeekdayAt(3, DayOfWeek.Tuesday, 9);
        using var gate = new SemaphoreSlim(0);
        var attempts = patients.Select(async (patientId, i) =>
        {
            // Each request its own nurse: only the chair (and the on-call clinician, who may cover many chairs) is shared.
            var nurse = await app.CreateStaffAsync(KetamineClinic.Domain.Staff.StaffRoles.Nurse);
            await gate.WaitAsync();
            return await BookAsync(app, stage.Booker, Infusion(stage, patientId, start, nurseId: nurse.Id));
        }).ToList();
        await Task.Delay(200);
        gate.Release(16);
        var outcomes = await Task.WhenAll(attempts);

        Assert.Single(outcomes, o => o.Succeeded);
        var refused = outcomes.Where(o => !o.Succeeded).ToList();
        Assert.Equal(15, refused.Count);
        Assert.All(refused, o => Assert.Contains(o.Conflicts, c => c.Kind == ConflictKind.Chair));
        Assert.All(refused, o => Assert.StartsWith("The chair is booked", o.Message, StringComparison.Ordinal));
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.Appointments.CountAsync(a => a.ChairId == stage.ChairId));
    }

    [Fact]
    public async Task An_infusion_takes_its_length_from_the_protocol_and_keeps_who_booked_it()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var protocol = await ClinicalArrange.CurrentProtocolAsync(app, Indication.TreatmentResistantDepression);

        var outcome = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(3, DayOfWeek.Wednesday, 10)));

        Assert.True(outcome.Succeeded, outcome.Message);
        await using var db = await app.Factory.CreateDbContextAsync();
        var saved = await db.Appointments.Include(a => a.History).AsNoTracking().SingleAsync(a => a.Id == outcome.AppointmentId);
        Assert.Equal(ChairMinutes(protocol), (saved.EndUtc - saved.StartUtc).TotalMinutes);
        Assert.Equal(courseId, saved.CourseId);
        var created = Assert.Single(saved.History);
        Assert.Equal(AppointmentAction.Created, created.Action);
        Assert.Equal("Test IntakeStaff", created.ByName);
    }

    [Fact]
    public async Task The_same_patient_cannot_be_booked_with_two_clinicians_at_once()
    {
        var stage = await StageAsync(app);
        var other = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var at = WeekdayAt(3, DayOfWeek.Thursday, 11);

        var first = await BookAsync(app, stage.Booker, Consultation(stage, patientId, at));
        var second = await BookAsync(app, other.Booker, Consultation(other, patientId, at.AddMinutes(30)));

        Assert.True(first.Succeeded, first.Message);
        Assert.False(second.Succeeded);
        Assert.Contains(second.Conflicts, c => c.Kind == ConflictKind.Patient);
        Assert.NotEmpty(second.Alternatives);
        await using var db = await app.Factory.CreateDbContextAsync();
        var taken = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == first.AppointmentId);
        Assert.All(second.Alternatives, a => Assert.True(a.StartUtc >= taken.EndUtc || a.EndUtc <= taken.StartUtc, "An alternative overlaps the patient's other booking."));
    }

    [Fact]
    public async Task An_infusion_for_a_patient_without_an_active_course_is_refused()
    {
        var stage = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);

        var outcome = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(3, DayOfWeek.Monday, 9)));

        Assert.False(outcome.Succeeded);
        Assert.Equal(SchedulingChecks.NoActiveCourse, outcome.Error);
    }

    [Fact]
    public async Task A_cancelled_slot_is_free_again_and_the_cancellation_is_kept_with_its_reason()
    {
        var stage = await StageAsync(app);
        var (first, _) = await PatientWithActiveCourseAsync(app, stage);
        var (second, _) = await PatientWithActiveCourseAsync(app, stage);
        var at = WeekdayAt(4, DayOfWeek.Tuesday, 13);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, first, at));
        var refused = await BookAsync(app, stage.Booker, Infusion(stage, second, at));
        var version = await VersionAsync(booked.AppointmentId!.Value);

        var cancelled = await ClinicalArrange.WithAsync<BookingService, KetamineClinic.Domain.Common.Result<Guid>>(app,
            s => s.CancelAsync(stage.Booker, new CancelAppointment(booked.AppointmentId!.Value, version, CancellationReason.Patient, "Unwell")));
        var rebooked = await BookAsync(app, stage.Booker, Infusion(stage, second, at));

        Assert.False(refused.Succeeded);
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        Assert.True(rebooked.Succeeded, rebooked.Message);
        await using var db = await app.Factory.CreateDbContextAsync();
        var old = await db.Appointments.Include(a => a.History).AsNoTracking().SingleAsync(a => a.Id == booked.AppointmentId);
        Assert.Equal(AppointmentStatus.Cancelled, old.Status);
        Assert.False(old.LateCancellation);
        Assert.Equal([AppointmentAction.Created, AppointmentAction.Cancelled], old.History.OrderBy(h => h.AtUtc).Select(h => h.Action));
        Assert.Equal("Unwell", old.History.Single(h => h.Action == AppointmentAction.Cancelled).Reason);
    }

    [Fact]
    public async Task Moving_into_a_conflict_is_refused_and_the_booking_stays_where_it_was()
    {
        var stage = await StageAsync(app);
        var (first, _) = await PatientWithActiveCourseAsync(app, stage);
        var (second, _) = await PatientWithActiveCourseAsync(app, stage);
        var at = WeekdayAt(4, DayOfWeek.Wednesday, 9);
        var a = await BookAsync(app, stage.Booker, Infusion(stage, first, at));
        var b = await BookAsync(app, stage.Booker, Infusion(stage, second, at.AddHours(3)));
        var version = await VersionAsync(b.AppointmentId!.Value);

        var moved = await ClinicalArrange.WithAsync<BookingService, BookingOutcome>(app,
            s => s.MoveAsync(stage.Booker, new MoveAppointment(b.AppointmentId!.Value, version, at.AddMinutes(30), null, stage.ChairId, stage.NurseId, stage.ClinicianId, "Patient asked")));

        Assert.True(a.Succeeded && b.Succeeded);
        Assert.False(moved.Succeeded);
        Assert.Contains(moved.Conflicts, c => c.Kind == ConflictKind.Chair && c.WithBookingId == a.AppointmentId);
        await using var db = await app.Factory.CreateDbContextAsync();
        var unchanged = await db.Appointments.Include(x => x.History).AsNoTracking().SingleAsync(x => x.Id == b.AppointmentId);
        Assert.Equal(version, unchanged.Version);
        Assert.Single(unchanged.History);
    }

    [Fact]
    public async Task A_move_by_someone_who_saw_an_old_version_is_refused()
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var at = WeekdayAt(5, DayOfWeek.Monday, 9);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patient, at));
        var seen = await VersionAsync(booked.AppointmentId!.Value);
        var firstMove = await ClinicalArrange.WithAsync<BookingService, BookingOutcome>(app,
            s => s.MoveAsync(stage.Booker, new MoveAppointment(booked.AppointmentId!.Value, seen, at.AddHours(2), null, stage.ChairId, stage.NurseId, stage.ClinicianId, null)));

        var staleMove = await ClinicalArrange.WithAsync<BookingService, BookingOutcome>(app,
            s => s.MoveAsync(stage.Booker, new MoveAppointment(booked.AppointmentId!.Value, seen, at.AddHours(4), null, stage.ChairId, stage.NurseId, stage.ClinicianId, null)));

        Assert.True(firstMove.Succeeded, firstMove.Message);
        Assert.Equal(AppointmentErrors.Changed, staleMove.Error);
        await using var db = await app.Factory.CreateDbContextAsync();
        var saved = await db.Appointments.AsNoTracking().SingleAsync(x => x.Id == booked.AppointmentId);
        Assert.Equal(at.AddHours(2).Hour, TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(saved.StartUtc, DateTimeKind.Utc), TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).Hour);
    }

    private async Task<Guid> VersionAsync(Guid appointmentId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId).Select(a => a.Version).SingleAsync();
    }
}

public sealed class BookingTestsOnSqlite(SqliteApp app) : BookingTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class BookingTestsOnPostgres(PostgresApp app) : BookingTests<PostgresApp>(app), IClassFixture<PostgresApp>;
