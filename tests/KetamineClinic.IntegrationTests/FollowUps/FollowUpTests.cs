using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Floor;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.IntegrationTests.Scheduling;
using KetamineClinic.IntegrationTests.Sessions;
using KetamineClinic.Web.Features.Admin.Availability;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.FollowUps;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.IntegrationTests.FollowUps.FollowUpArrange;

namespace KetamineClinic.IntegrationTests.FollowUps;

/// <summary>Follow-up proposals through the handlers the follow-ups page and the Course tab call, on a real database.</summary>
public abstract class FollowUpTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task No_follow_up_is_proposed_until_the_last_session_is_fulfilled_then_two_at_one_and_four_weeks()
    {
        var arrange = new SignOffArrange(app);
        var observing = await arrange.ToObservationAsync(plannedSessions: 1);
        var courseId = await CourseOfAsync(observing.AppointmentId);
        var intake = await ClinicalArrange.StaffAsync(app, StaffRoles.IntakeStaff);

        Assert.Empty(await RowsAsync(app, intake, courseId));
        Assert.Null((await TabAsync(observing.Stage.Clinician, observing.PatientId)).For(courseId));

        await arrange.DischargedAsync(observing);

        var rows = await RowsAsync(app, intake, courseId);
        var sessionDay = DateOnly.FromDateTime(await LocalAsync(observing.StartUtc));
        Assert.Equal([7, 28], rows.Select(r => r.DaysAfter));
        Assert.Equal([sessionDay.AddDays(7), sessionDay.AddDays(28)], rows.Select(r => r.DueDate));
        Assert.All(rows, r => Assert.Equal(sessionDay, r.LastSessionDate));
        Assert.All(rows, r => Assert.False(r.Overdue));
        var finished = (await TabAsync(observing.Stage.Clinician, observing.PatientId)).For(courseId)!;
        Assert.Equal((CourseStatus.Active, 1, 1), (finished.Status, finished.PlannedSessions, finished.FulfilledSessions));
    }

    [Fact]
    public async Task Booking_a_follow_up_for_the_course_answers_the_first_proposal_and_cancelling_it_brings_it_back()
    {
        var course = await FinishedCourseAsync(app);
        var intake = course.Stage.Booker;
        Assert.Equal([7, 28], (await RowsAsync(app, intake, course.CourseId)).Select(r => r.DaysAfter));

        var draft = await PrepareAsync(intake, course.CourseId, 7);
        Assert.True(draft.IsSuccess, draft.Error?.Message);
        Assert.Equal(course.PatientId, draft.Value.Patient.Id);
        Assert.Equal(course.LastSessionDate.AddDays(7), draft.Value.DueDate);
        Assert.True(DateOnly.FromDateTime(draft.Value.LocalStart) >= draft.Value.DueDate, "the suggested time is on or after the due date");
        Assert.True(draft.Value.SlotFound);
        Assert.Equal(course.Stage.ClinicianId, draft.Value.ClinicianId);
        var booked = await SchedulingArrange.BookAsync(app, intake, new BookAppointment(
            course.PatientId, AppointmentType.FollowUp, draft.Value.LocalStart, null, null, null, draft.Value.ClinicianId, draft.Value.CourseId));
        Assert.True(booked.Succeeded, booked.Message);

        Assert.Equal([28], (await RowsAsync(app, intake, course.CourseId)).Select(r => r.DaysAfter));
        var tab = (await TabAsync(course.Stage.Clinician, course.PatientId)).For(course.CourseId)!;
        Assert.Equal([FollowUpState.Booked, FollowUpState.Open], tab.Proposals.Select(p => p.State));
        Assert.Equal(booked.AppointmentId, tab.Proposals[0].AnsweredBy!.AppointmentId);
        Assert.Equal(FollowUpErrors.NotOpen, (await PrepareAsync(intake, course.CourseId, 7)).Error);

        var stored = await AppointmentAsync(booked.AppointmentId!.Value);
        Assert.Equal(course.CourseId, stored.CourseId);
        var cancelled = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.CancelAsync(intake, new CancelAppointment(stored.Id, stored.Version, CancellationReason.Patient, null)));
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);

        Assert.Equal([7, 28], (await RowsAsync(app, intake, course.CourseId)).Select(r => r.DaysAfter));
    }

    [Fact]
    public async Task A_follow_up_booked_for_another_patients_course_is_refused()
    {
        var course = await FinishedCourseAsync(app);
        var other = await ClinicalArrange.PatientDecidedAsync(app);

        var booked = await SchedulingArrange.BookAsync(app, course.Stage.Booker, new BookAppointment(
            other, AppointmentType.FollowUp, SchedulingArrange.WeekdayAt(2, DayOfWeek.Tuesday, 15), null, null, null, course.Stage.ClinicianId, course.CourseId));

        Assert.Equal(CourseErrors.NotFound, booked.Error);
        Assert.Equal([7, 28], (await RowsAsync(app, course.Stage.Booker, course.CourseId)).Select(r => r.DaysAfter));
    }

    [Fact]
    public async Task A_changed_follow_up_setting_changes_the_proposals_not_yet_booked()
    {
        var course = await FinishedCourseAsync(app);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        try
        {
            var refused = await ChangeFollowUpDaysAsync(admin, [28, 7]);
            Assert.Equal(StaffAvailabilityErrors.FollowUpsOrder.Message, refused.Error?.Message);
            Assert.Equal([7, 28], (await RowsAsync(app, course.Stage.Booker, course.CourseId)).Select(r => r.DaysAfter));

            var changed = await ChangeFollowUpDaysAsync(admin, [14, 42]);
            Assert.True(changed.IsSuccess, changed.Error?.Message);
            Assert.Equal([14, 42], changed.Value.FollowUpDays);

            var rows = await RowsAsync(app, course.Stage.Booker, course.CourseId);
            Assert.Equal([14, 42], rows.Select(r => r.DaysAfter));
            Assert.Equal([course.LastSessionDate.AddDays(14), course.LastSessionDate.AddDays(42)], rows.Select(r => r.DueDate));
        }
        finally
        {
            Assert.True((await ChangeFollowUpDaysAsync(admin, [7, 28])).IsSuccess);
        }
    }

    [Fact]
    public async Task A_follow_up_overdue_is_marked_and_listed_first()
    {
        var overdue = await FinishedCourseAsync(app, lastDaysAgo: 10);
        var recent = await FinishedCourseAsync(app, lastDaysAgo: 1);

        var list = await ClinicalArrange.WithAsync<ListFollowUpsHandler, Result<FollowUpList>>(app, h => h.HandleAsync(recent.Stage.Clinician));

        Assert.True(list.IsSuccess, list.Error?.Message);
        var weekAfterOverdue = list.Value.Rows.Single(r => r.CourseId == overdue.CourseId && r.DaysAfter == 7);
        var weekAfterRecent = list.Value.Rows.Single(r => r.CourseId == recent.CourseId && r.DaysAfter == 7);
        Assert.True(weekAfterOverdue.Overdue);
        Assert.False(weekAfterRecent.Overdue);
        Assert.True(list.Value.Rows.ToList().IndexOf(weekAfterOverdue) < list.Value.Rows.ToList().IndexOf(weekAfterRecent));
        Assert.Equal(list.Value.Rows.OrderBy(r => r.DueDate).Select(r => r.DueDate), list.Value.Rows.Select(r => r.DueDate));
    }

    [Fact]
    public async Task A_course_with_sessions_still_to_give_or_discontinued_proposes_nothing()
    {
        var unfinished = await FinishedCourseAsync(app, planned: 3, fulfilled: 2);
        var discontinued = await FinishedCourseAsync(app);
        var version = (await ClinicalArrange.CoursesAsync(app, discontinued.PatientId)).Single().Version;
        var stopped = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, Result<CourseView>>(app, h => h.HandleAsync(discontinued.Stage.Clinician,
            new ChangeCourseStatus(discontinued.CourseId, CourseStatusChange.Discontinue, "Moved abroad", version)));
        Assert.True(stopped.IsSuccess, stopped.Error?.Message);

        Assert.Empty(await RowsAsync(app, unfinished.Stage.Booker, unfinished.CourseId));
        Assert.Empty(await RowsAsync(app, discontinued.Stage.Booker, discontinued.CourseId));
    }

    [Fact]
    public async Task A_course_a_clinician_completes_early_proposes_its_follow_ups_from_the_last_session_given()
    {
        var early = await FinishedCourseAsync(app, planned: 3, fulfilled: 2);
        Assert.Empty(await RowsAsync(app, early.Stage.Booker, early.CourseId));
        var version = (await ClinicalArrange.CoursesAsync(app, early.PatientId)).Single().Version;

        var completed = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, Result<CourseView>>(app, h => h.HandleAsync(early.Stage.Clinician,
            new ChangeCourseStatus(early.CourseId, CourseStatusChange.Complete, null, version)));

        Assert.True(completed.IsSuccess, completed.Error?.Message);
        Assert.Equal([7, 28], (await RowsAsync(app, early.Stage.Booker, early.CourseId)).Select(r => r.DaysAfter));
    }

    [Fact]
    public async Task A_follow_up_marked_not_needed_leaves_the_list_with_its_reason_and_can_be_proposed_again()
    {
        var course = await FinishedCourseAsync(app);
        var intake = course.Stage.Booker;

        var noReason = await DecideAsync(h => h.MarkNotNeededAsync(intake, new MarkFollowUpNotNeeded(course.CourseId, 7, " ")));
        var marked = await DecideAsync(h => h.MarkNotNeededAsync(intake, new MarkFollowUpNotNeeded(course.CourseId, 7, "Patient declined; sees her psychiatrist next week.")));
        var again = await DecideAsync(h => h.MarkNotNeededAsync(intake, new MarkFollowUpNotNeeded(course.CourseId, 7, "Twice")));

        Assert.Equal(FollowUpErrors.ReasonRequired.Message, noReason.Error?.Message);
        Assert.True(marked.IsSuccess, marked.Error?.Message);
        Assert.Equal(FollowUpErrors.NotOpen, again.Error);
        Assert.Equal([28], (await RowsAsync(app, intake, course.CourseId)).Select(r => r.DaysAfter));
        var tab = (await TabAsync(course.Stage.Clinician, course.PatientId)).For(course.CourseId)!;
        Assert.Equal(FollowUpState.NotNeeded, tab.Proposals[0].State);
        Assert.Equal("Patient declined; sees her psychiatrist next week.", tab.NotNeeded.Single().Reason);
        Assert.Equal("Test IntakeStaff", tab.NotNeeded.Single().DecidedByName);

        var withdrawn = await DecideAsync(h => h.WithdrawAsync(course.Stage.Clinician, new WithdrawFollowUpDecision(marked.Value.Id, marked.Value.Version)));

        Assert.True(withdrawn.IsSuccess, withdrawn.Error?.Message);
        Assert.Equal([7, 28], (await RowsAsync(app, intake, course.CourseId)).Select(r => r.DaysAfter));
        await using var db = await ClinicalArrange.DbAsync(app);
        Assert.True(await db.FollowUpDecisions.AnyAsync(d => d.Id == marked.Value.Id && d.WithdrawnUtc != null), "the decision is kept, withdrawn");
    }

    [Fact]
    public async Task Intake_staff_and_clinicians_list_and_book_follow_ups_and_nurses_cannot()
    {
        var course = await FinishedCourseAsync(app);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        Assert.Equal(2, (await RowsAsync(app, course.Stage.Booker, course.CourseId)).Count);
        Assert.Equal(2, (await RowsAsync(app, course.Stage.Clinician, course.CourseId)).Count);
        var list = await ClinicalArrange.WithAsync<ListFollowUpsHandler, Result<FollowUpList>>(app, h => h.HandleAsync(nurse));
        var draft = await PrepareAsync(nurse, course.CourseId, 7);
        var marked = await DecideAsync(h => h.MarkNotNeededAsync(nurse, new MarkFollowUpNotNeeded(course.CourseId, 7, "Declined")));
        var booked = await SchedulingArrange.BookAsync(app, nurse, new BookAppointment(
            course.PatientId, AppointmentType.FollowUp, SchedulingArrange.WeekdayAt(2, DayOfWeek.Wednesday, 15), null, null, null, course.Stage.ClinicianId, course.CourseId));

        Assert.Equal(AccessErrors.NotAllowed, list.Error);
        Assert.Equal(AccessErrors.NotAllowed, draft.Error);
        Assert.Equal(AccessErrors.NotAllowed, marked.Error);
        Assert.Equal(AccessErrors.NotAllowed, booked.Error);
        Assert.Equal([7, 28], (await RowsAsync(app, course.Stage.Booker, course.CourseId)).Select(r => r.DaysAfter));
        await using var db = await ClinicalArrange.DbAsync(app);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == course.PatientId.ToString() && e.Action == AuditAction.Denied && e.EntityType == nameof(FollowUpDecision)));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == course.PatientId.ToString() && e.Action == AuditAction.Read && e.Detail == "follow-ups to book"));
    }

    [Fact]
    public async Task The_follow_up_list_is_read_in_the_same_number_of_queries_for_one_finished_course_as_for_five()
    {
        await FinishedCourseAsync(app);
        var one = await CountListQueriesAsync();
        for (var i = 0; i < 4; i++)
        {
            await FinishedCourseAsync(app);
        }

        var five = await CountListQueriesAsync();

        Assert.True(five.Courses >= one.Courses + 4);
        Assert.Equal(one.Commands, five.Commands);
        Assert.InRange(one.Commands, 1, 4);
    }

    /// <summary>The list's read of finished courses (the page also audits one read per listed patient).</summary>
    private async Task<(int Courses, int Commands)> CountListQueriesAsync()
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(KetamineClinic.Domain.Clinic.ClinicSettings.DefaultTimeZoneId);
        using var counter = new CommandCounter();
        var courses = await counter.CountAsync(() => FollowUpQuery.LoadAsync(db, null, openOnly: true, [7, 28], zone, TestContext.Current.CancellationToken));
        return (courses.Count, counter.Commands);
    }

    private async Task<DateTime> LocalAsync(DateTime utc)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var zone = (await scope.ServiceProvider.GetRequiredService<KetamineClinic.Web.Features.Admin.Settings.ClinicSettingsProvider>().GetAsync()).TimeZone;
        return TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
    }

    private async Task<Guid> CourseOfAsync(Guid appointmentId) => (await AppointmentAsync(appointmentId)).CourseId!.Value;

    private async Task<Appointment> AppointmentAsync(Guid id)
    {
        await using var db = await ClinicalArrange.DbAsync(app);
        return await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    private async Task<PatientFollowUps> TabAsync(ClaimsPrincipal user, Guid patientId)
    {
        var tab = await ClinicalArrange.WithAsync<GetPatientFollowUpsHandler, Result<PatientFollowUps>>(app, h => h.HandleAsync(user, patientId));
        Assert.True(tab.IsSuccess, tab.Error?.Message);
        return tab.Value;
    }

    private Task<Result<FollowUpBookingDraft>> PrepareAsync(ClaimsPrincipal user, Guid courseId, int days) =>
        ClinicalArrange.WithAsync<PrepareFollowUpBookingHandler, Result<FollowUpBookingDraft>>(app, h => h.HandleAsync(user, courseId, days));

    private Task<Result<FollowUpDecision>> DecideAsync(Func<FollowUpDecisionsHandler, Task<Result<FollowUpDecision>>> call) =>
        ClinicalArrange.WithAsync(app, call);

    private async Task<Result<SchedulingSettingsView>> ChangeFollowUpDaysAsync(ClaimsPrincipal admin, int[] days)
    {
        var current = await ClinicalArrange.WithAsync<AvailabilityAdministration, Result<SchedulingSettingsView>>(app, a => a.SettingsAsync(admin));
        var s = current.Value;
        return await ClinicalArrange.WithAsync<ChangeSchedulingSettingsHandler, Result<SchedulingSettingsView>>(app, h => h.HandleAsync(admin,
            new ChangeSchedulingSettings(s.NurseCapacity, s.ConsultationMinutes, s.FollowUpMinutes, s.SlotMinutes, s.FirstReminderHours, s.SecondReminderHours, s.Version, days)));
    }
}

public sealed class FollowUpTestsOnSqlite(SqliteApp app) : FollowUpTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FollowUpTestsOnPostgres(PostgresApp app) : FollowUpTests<PostgresApp>(app), IClassFixture<PostgresApp>;
