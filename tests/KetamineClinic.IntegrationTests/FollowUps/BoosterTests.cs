using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.IntegrationTests.Sessions;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.FollowUps.FollowUpArrange;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.FollowUps;

/// <summary>Booster (maintenance) courses: planned by a clinician after a completed course, then booked and run like
/// any course's infusions.</summary>
public abstract class BoosterTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Only_a_clinician_plans_a_booster_and_only_after_a_completed_course()
    {
        var course = await FinishedCourseAsync(app);
        var protocol = await ClinicalArrange.CurrentProtocolAsync(app, Indication.TreatmentResistantDepression);
        var intake = course.Stage.Booker;
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var clinician = course.Stage.Clinician;

        Assert.Equal(AccessErrors.NotAllowed, (await PlanAsync(intake, Booster(course.PatientId, protocol.Id, 1))).Error);
        Assert.Equal(AccessErrors.NotAllowed, (await PlanAsync(nurse, Booster(course.PatientId, protocol.Id, 1))).Error);
        Assert.Equal(AccessErrors.NotAllowed, (await DefaultsAsync(nurse, course.CourseId)).Error);
        Assert.Equal(CourseErrors.BoosterWhileCourseOpen, (await PlanAsync(clinician, Booster(course.PatientId, protocol.Id, 1))).Error);
        Assert.Equal(CourseErrors.BoosterNeedsEndedCourse, (await DefaultsAsync(clinician, course.CourseId)).Error);

        await CompleteAsync(clinician, course.CourseId);
        var defaults = await DefaultsAsync(clinician, course.CourseId);
        var tooLong = await PlanAsync(clinician, Booster(course.PatientId, protocol.Id, 4));
        var planned = await PlanAsync(clinician, Booster(course.PatientId, defaults.Value.ProtocolId!.Value, defaults.Value.Sessions) with { Goals = defaults.Value.Goals });
        var second = await PlanAsync(clinician, Booster(course.PatientId, protocol.Id, 1));

        Assert.True(defaults.IsSuccess, defaults.Error?.Message);
        Assert.Equal((Indication.TreatmentResistantDepression, protocol.Id, 1), (defaults.Value.Indication, defaults.Value.ProtocolId, defaults.Value.Sessions));
        Assert.Equal(CourseErrors.BoosterSessions.Message, tooLong.Error?.Message);
        Assert.True(planned.IsSuccess, planned.Error?.Message);
        Assert.Equal(CourseErrors.BoosterWhileCourseOpen, second.Error);
        var courses = await ClinicalArrange.CoursesAsync(app, course.PatientId);
        var induction = courses.Single(c => c.Id == course.CourseId);
        var booster = courses.Single(c => c.Id == planned.Value.Id);
        Assert.Equal((CourseKind.Booster, 1, CourseStatus.Planned), (booster.Kind, booster.PlannedSessions, booster.Status));
        Assert.Equal(induction.IntakeAssessmentId, booster.IntakeAssessmentId);
        Assert.Contains("original baseline", booster.Goals, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_booster_course_is_booked_singly_and_as_a_series_and_its_sessions_open_as_infusion_sessions()
    {
        var course = await FinishedCourseAsync(app);
        var protocol = await ClinicalArrange.CurrentProtocolAsync(app, Indication.TreatmentResistantDepression);
        var stage = course.Stage;
        await CompleteAsync(stage.Clinician, course.CourseId);
        var planned = await PlanAsync(stage.Clinician, Booster(course.PatientId, protocol.Id, 3));
        Assert.True(planned.IsSuccess, planned.Error?.Message);
        var started = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, Result<CourseView>>(app, h => h.HandleAsync(stage.Clinician,
            new ChangeCourseStatus(planned.Value.Id, CourseStatusChange.Activate, null, planned.Value.Version)));
        Assert.True(started.IsSuccess, started.Error?.Message);

        var single = await BookAsync(app, stage.Booker, Infusion(stage, course.PatientId, WeekdayAt(3, DayOfWeek.Tuesday, 9)));
        Assert.True(single.Succeeded, single.Message);
        var first = WeekdayAt(4, DayOfWeek.Monday, 9);
        var preview = await ClinicalArrange.WithAsync<SeriesBookingService, Result<SeriesPreview>>(app, s => s.PreviewAsync(stage.Booker,
            new PreviewSeries(course.PatientId, null, DateOnly.FromDateTime(first), TimeOnly.FromDateTime(first), [DayOfWeek.Monday, DayOfWeek.Thursday], null, null,
                stage.ChairId, stage.NurseId, stage.ClinicianId)));
        Assert.True(preview.IsSuccess, preview.Error?.Message);
        Assert.Equal((planned.Value.Id, 3, 1), (preview.Value.CourseId, preview.Value.PlannedSessions, preview.Value.AlreadyBooked));
        Assert.Equal([new SessionNumber(2, 3), new SessionNumber(3, 3)], preview.Value.Items.Select(i => i.Session));
        var series = await ClinicalArrange.WithAsync<SeriesBookingService, SeriesOutcome>(app, s => s.BookAsync(stage.Booker,
            new BookSeries(course.PatientId, null, [.. preview.Value.Items.Select(i => i.Occurrence)])));
        Assert.True(series.Succeeded, series.Error?.Message);

        await using (var db = await ClinicalArrange.DbAsync(app))
        {
            var bookings = await db.Appointments.AsNoTracking().Where(a => a.PatientId == course.PatientId && a.StartUtc > DateTime.UtcNow).ToListAsync();
            Assert.Equal(3, bookings.Count);
            Assert.All(bookings, b => Assert.Equal((planned.Value.Id, AppointmentType.InfusionSession), (b.CourseId!.Value, b.Type)));
            var numbers = await SessionNumbering.ForCoursesAsync(db, [planned.Value.Id], TestContext.Current.CancellationToken);
            Assert.Equal([1, 2, 3], bookings.OrderBy(b => b.StartUtc).Select(b => numbers[b.Id].N));
        }

        var arrange = new SignOffArrange(app);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var start = await StartOfAsync(single.AppointmentId!.Value);
        var checkedIn = await arrange.ChangeAsync(new SignOffCase(stage, course.PatientId, single.AppointmentId.Value, nurse, start), nurse, start, Policies.CheckIn,
            (s, actor, clock) => s.RecordCheckIn(new CheckInInput(start.AddHours(-8), start.AddHours(-3), "Sam Escort", "+1 555 0100", true, 80m, clock.TodayInClinic, SignOffArrange.Normal),
                new CheckInFacts(true, true, start), actor, clock.NowUtc, clock.TodayInClinic), openIfMissing: true);

        Assert.True(checkedIn.IsSuccess, checkedIn.Error?.Message);
        var session = await arrange.StoredAsync(new SignOffCase(stage, course.PatientId, single.AppointmentId.Value, nurse, start));
        Assert.Equal((planned.Value.Id, SessionPhase.CheckedIn, protocol.VersionNumber), (session.CourseId, session.Phase, session.ProtocolVersion));
        var loaded = await arrange.LoadAsync(new SignOffCase(stage, course.PatientId, single.AppointmentId.Value, nurse, start), stage.Clinician, start);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        Assert.Equal(AppointmentStatus.Arrived, loaded.Value.Booking.Status);
    }

    private static PlanTreatmentCourse Booster(Guid patientId, Guid protocolId, int sessions) =>
        ClinicalArrange.Plan(patientId, protocolId) with
        {
            Kind = CourseKind.Booster,
            PlannedSessions = sessions,
            SessionsPerWeek = 1,
            ReviewAfterInfusions = 1,
            Goals = "Keep the response of the induction course",
        };

    private Task<Result<CourseView>> PlanAsync(ClaimsPrincipal user, PlanTreatmentCourse command) =>
        ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, Result<CourseView>>(app, h => h.HandleAsync(user, command));

    private Task<Result<BoosterDefaults>> DefaultsAsync(ClaimsPrincipal user, Guid courseId) =>
        ClinicalArrange.WithAsync<BoosterPlanningHandler, Result<BoosterDefaults>>(app, h => h.DefaultsAsync(user, courseId));

    private async Task CompleteAsync(ClaimsPrincipal clinician, Guid courseId)
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        var version = await db.TreatmentCourses.Where(c => c.Id == courseId).Select(c => c.Version).SingleAsync();
        var completed = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, Result<CourseView>>(app, h => h.HandleAsync(clinician,
            new ChangeCourseStatus(courseId, CourseStatusChange.Complete, null, version)));
        Assert.True(completed.IsSuccess, completed.Error?.Message);
    }

    private async Task<DateTime> StartOfAsync(Guid appointmentId)
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        return DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
    }
}

public sealed class BoosterTestsOnSqlite(SqliteApp app) : BoosterTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class BoosterTestsOnPostgres(PostgresApp app) : BoosterTests<PostgresApp>(app), IClassFixture<PostgresApp>;
