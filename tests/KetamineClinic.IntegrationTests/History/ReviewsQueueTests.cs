using System.Security.Claims;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Floor;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Reviews;
using KetamineClinic.Web.Features.Sessions;
using KetamineClinic.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static KetamineClinic.IntegrationTests.History.HistoryArrange;

namespace KetamineClinic.IntegrationTests.History;

/// <summary>
/// The clinicians' reviews queue through the real stack: each kind of item is listed (a session awaiting signature, an
/// unacknowledged alert, a course at its review point without a response, a positive PHQ-9 item 9) and leaves the
/// queue once handled through the ordinary handlers (signed, acknowledged, responding); nurses and intake staff are
/// refused; and the queue is read in a fixed number of statements however many patients are in it. Tests share the
/// fixture's database, so each looks for its own patients' rows.
/// </summary>
public abstract class ReviewsQueueTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly PastSession Given = new(0.5m, 80m);

    [Fact]
    public async Task A_session_awaiting_signature_is_listed_until_a_clinician_signs_it()
    {
        var stage = await StageAsync(app);
        var (patientId, appointmentId) = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 20);
            var course = await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(10), 6, 4, Given with { Phq9Before = 18, Sign = false });
            return (patient.Id, db.Appointments.Local.Single(a => a.CourseId == course.Id).Id);
        });

        var before = Ok(await QueueAsync(stage.Clinician));
        var version = await VersionAsync(appointmentId);
        var signed = await ClinicalArrange.WithAsync<SignSessionHandler, Result<SessionSaved>>(app, h => h.HandleAsync(stage.Clinician, new SignSession(appointmentId, version)));
        var after = Ok(await QueueAsync(stage.Clinician));

        var item = Assert.Single(before.AwaitingSignature, s => s.AppointmentId == appointmentId);
        Assert.Equal(patientId, item.PatientId);
        Assert.Equal(new SessionNumberView(1, 6), new SessionNumberView(item.Number!.Value.N, item.Number.Value.Of));
        Assert.Equal("Test Clinician", item.ClinicianName);
        Assert.Equal("Test Nurse", item.CompletedByName);
        Assert.True(signed.IsSuccess, signed.Error?.Message);
        Assert.DoesNotContain(after.AwaitingSignature, s => s.AppointmentId == appointmentId);
    }

    [Fact]
    public async Task Unacknowledged_chart_alerts_and_alerts_left_open_on_an_earlier_session_are_listed_until_acknowledged()
    {
        var stage = await StageAsync(app);
        var (patientId, appointmentId) = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 20);
            // Blood pressure 184 at minute 40 raised an alert nobody acknowledged; the session was left discharged, uncompleted.
            var course = await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(10), 6, 4,
                Given with { PeakSystolic = 184, AcknowledgeAlerts = false, Complete = false });
            return (patient.Id, db.Appointments.Local.Single(a => a.CourseId == course.Id).Id);
        });
        var chartAlert = PatientAlert.Raise(patientId, "chart.test", "Weight not recorded for 60 days: weigh before the next infusion.", null, DateTime.UtcNow.AddHours(-3));
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            db.PatientAlerts.Add(chartAlert);
            await db.SaveChangesAsync();
        }

        var before = Ok(await QueueAsync(stage.Clinician));
        var sessionAlert = Assert.Single(before.OpenAlerts, a => a.PatientId == patientId && a.Source == AlertSource.Session);
        var onChart = Assert.Single(before.OpenAlerts, a => a.PatientId == patientId && a.Source == AlertSource.Chart);
        var acknowledgedSession = await ClinicalArrange.WithAsync<AcknowledgeAlertHandler, Result<SessionAlert>>(app, async h =>
            await h.HandleAsync(stage.Nurse, new AcknowledgeAlert(appointmentId, await VersionAsync(appointmentId), sessionAlert.AlertId, "Repeat BP 150/88; clinician informed.")));
        var acknowledgedChart = await ClinicalArrange.WithAsync<AcknowledgePatientAlertHandler, Result<PatientAlert>>(app,
            h => h.HandleAsync(stage.Clinician, new AcknowledgePatientAlert(patientId, chartAlert.Id, "Weighed today: 79.5 kg.")));
        var after = Ok(await QueueAsync(stage.Clinician));

        Assert.Equal(appointmentId, sessionAlert.AppointmentId);
        Assert.StartsWith("Blood pressure 184/", sessionAlert.Message, StringComparison.Ordinal);
        Assert.Equal(chartAlert.Id, onChart.AlertId);
        // Oldest first: the session's alert (ten days ago) before the chart's (three hours ago).
        Assert.True(before.OpenAlerts.ToList().IndexOf(sessionAlert) < before.OpenAlerts.ToList().IndexOf(onChart));
        Assert.True(acknowledgedSession.IsSuccess, acknowledgedSession.Error?.Message);
        Assert.True(acknowledgedChart.IsSuccess, acknowledgedChart.Error?.Message);
        Assert.DoesNotContain(after.OpenAlerts, a => a.PatientId == patientId);
    }

    [Fact]
    public async Task A_course_at_its_review_point_without_a_response_is_listed_until_it_responds()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId, responding) = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 21, assessedDaysAgo: 30);
            var atReview = await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(20), 6, 4,
                Given with { Phq9Before = 20 }, Given with { Phq9Before = 19 }, Given with { Phq9Before = 19 }, Given with { Phq9Before = 18 });
            // Another patient's course at the same point, responding: never listed.
            var (other, otherAssessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 30);
            var fine = await CourseAsync(past, db, other, otherAssessment, CourseKind.Induction, DaysAgo(20), 6, 4,
                Given with { Phq9Before = 16 }, Given with { Phq9Before = 12 }, Given with { Phq9Before = 10 }, Given with { Phq9Before = 9 });
            return (patient.Id, atReview.Id, fine.Id);
        });

        var before = Ok(await QueueAsync(stage.Clinician));
        // The clinician takes a follow-up PHQ-9 for the course: 8, a 62 % reduction from 21.
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            db.OutcomeMeasures.Add(OutcomeMeasure.Record(patientId, InstrumentCode.Phq9, PastTreatment.Phq9Answers(8), MeasureContext.FollowUp, DateTime.UtcNow.AddHours(-1),
                MeasureSource.Staff, "Test Clinician", DateTime.UtcNow, courseId: courseId).Value);
            await db.SaveChangesAsync();
        }

        var after = Ok(await QueueAsync(stage.Clinician));

        var item = Assert.Single(before.CoursesAtReview, c => c.CourseId == courseId);
        Assert.Equal((patientId, 4, 4), (item.PatientId, item.InfusionsGiven, item.ReviewAfterInfusions));
        Assert.Equal("4 infusions given and no response: review the plan (the protocol's review point is 4).", item.Message);
        Assert.Equal(["PHQ-9: No response (14.3% reduction)"], item.Labels);
        Assert.DoesNotContain(before.CoursesAtReview, c => c.CourseId == responding);
        Assert.DoesNotContain(after.CoursesAtReview, c => c.CourseId == courseId);
    }

    [Fact]
    public async Task A_positive_item_9_answer_is_listed_open_until_acknowledged_then_shown_handled()
    {
        var stage = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var recorded = await ClinicalArrange.WithAsync<RecordOutcomeMeasureHandler, Result<RecordedMeasure>>(app, h => h.HandleAsync(stage.Clinician,
            new RecordOutcomeMeasure(patientId, InstrumentCode.Phq9, PastTreatment.Phq9Answers(17, item9: 2), MeasureContext.FollowUp, DateTime.UtcNow.AddMinutes(-10))));
        Assert.True(recorded.IsSuccess, recorded.Error?.Message);

        var before = Ok(await QueueAsync(stage.Clinician));
        var acknowledged = await ClinicalArrange.WithAsync<AcknowledgePatientAlertHandler, Result<PatientAlert>>(app,
            h => h.HandleAsync(stage.Clinician, new AcknowledgePatientAlert(patientId, recorded.Value.AlertId!.Value, "Risk assessed: passive thoughts, no plan; safety plan given.")));
        var after = Ok(await QueueAsync(stage.Clinician));

        var open = Assert.Single(before.PositiveItem9, i => i.MeasureId == recorded.Value.MeasureId);
        Assert.Equal((patientId, 2, 17, true), (open.PatientId, open.Item9Answer, open.Total, open.AlertOpen));
        Assert.Equal(recorded.Value.AlertId, open.AlertId);
        // An item-9 alert has its own section, not the alerts list as well.
        Assert.DoesNotContain(before.OpenAlerts, a => a.AlertId == open.AlertId);
        Assert.True(acknowledged.IsSuccess, acknowledged.Error?.Message);
        var handled = Assert.Single(after.PositiveItem9, i => i.MeasureId == recorded.Value.MeasureId);
        Assert.False(handled.AlertOpen);
        Assert.Equal("Risk assessed: passive thoughts, no plan; safety plan given.", handled.ActionTaken);
        Assert.True(after.PositiveItem9.ToList().IndexOf(handled) > after.PositiveItem9.Count(i => i.AlertOpen) - 1, "open answers come first");
    }

    [Theory]
    [InlineData(StaffRoles.Nurse)]
    [InlineData(StaffRoles.IntakeStaff)]
    [InlineData(StaffRoles.Administrator)]
    public async Task Only_clinicians_open_the_queue_and_a_refusal_is_audited(string role)
    {
        var user = await app.CreateStaffAsync(role);
        var principal = await Identity.IdentityFlows.PrincipalForAsync(app, user.Id);

        var refused = await QueueAsync(principal);

        Assert.Equal(AccessErrors.NotAllowed, refused.Error);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.UserId == user.Id && e.Action == AuditAction.Denied && e.EntityType == "ReviewsQueue"));
    }

    [Fact]
    public async Task Each_listed_patient_is_audited_once_per_screen()
    {
        var stage = await StageAsync(app);
        var patientId = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 20);
            await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(10), 6, 4, Given with { Sign = false });
            return patient.Id;
        });
        var screen = new HashSet<Guid>();

        Ok(await QueueAsync(stage.Clinician, screen));
        Ok(await QueueAsync(stage.Clinician, screen));

        Assert.Contains(patientId, screen);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.PatientId == patientId.ToString() && e.Action == AuditAction.Read && e.Detail == ReviewsQueueHandler.AuditWhat));
    }

    [Fact]
    public async Task The_queue_costs_the_same_statements_for_one_patient_of_each_kind_as_for_four()
    {
        var stage = await StageAsync(app);
        await ArrangeOneOfEachAsync(stage);
        var zone = (await app.Factory.Services.GetRequiredService<ClinicSettingsProvider>().GetAsync()).TimeZone;
        var one = await CountAsync(zone);

        for (var i = 0; i < 3; i++)
        {
            await ArrangeOneOfEachAsync(stage);
        }

        var four = await CountAsync(zone);

        Assert.True(four.Queue.AwaitingSignature.Count >= 4 && four.Queue.CoursesAtReview.Count >= 4 && four.Queue.PositiveItem9.Count >= 4);
        Assert.True(four.Queue.PatientIds.Count() > one.Queue.PatientIds.Count());
        Assert.Equal(one.Commands, four.Commands);
        Assert.InRange(one.Commands, 1, 12);
    }

    /// <summary>A session awaiting signature, a course at its review point, a session alert left open and a positive
    /// item 9, for new patients.</summary>
    private async Task ArrangeOneOfEachAsync(HistoryStage stage)
    {
        await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 21, assessedDaysAgo: 30);
            await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(20), 6, 4,
                Given with { Phq9Before = 20 }, Given with { Phq9Before = 20 }, Given with { Phq9Before = 19 },
                Given with { Phq9Before = 19, Sign = false });
            var (other, otherAssessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 20);
            await CourseAsync(past, db, other, otherAssessment, CourseKind.Induction, DaysAgo(10), 6, 4,
                Given with { PeakSystolic = 184, AcknowledgeAlerts = false, Complete = false });
            var (third, _) = await PatientAsync(past, db, 20, assessedDaysAgo: 5);
            var positive = OutcomeMeasure.Record(third.Id, InstrumentCode.Phq9, PastTreatment.Phq9Answers(16, item9: 1), MeasureContext.FollowUp, DateTime.UtcNow.AddDays(-1),
                MeasureSource.Kiosk, "Patient (kiosk)", DateTime.UtcNow.AddDays(-1)).Value;
            db.OutcomeMeasures.Add(positive);
            db.PatientAlerts.Add(PatientAlert.Raise(third.Id, ListOutcomeMeasuresHandler.SuicideRiskAlertCode, OutcomeAlert.SuicideRisk(1).Message, positive.Id, DateTime.UtcNow.AddDays(-1)));
            return 0;
        });
    }

    private async Task<(ReviewsQueue Queue, int Commands)> CountAsync(TimeZoneInfo zone)
    {
        using var counter = new CommandCounter();
        var queue = await counter.CountAsync(async () =>
        {
            await using var db = await app.Factory.CreateDbContextAsync();
            return await ReviewsQueueReader.ReadAsync(db, zone, DateTime.UtcNow);
        });
        return (queue, counter.Commands);
    }

    private Task<Result<ReviewsQueue>> QueueAsync(ClaimsPrincipal user, ISet<Guid>? screen = null) =>
        ClinicalArrange.WithAsync<ReviewsQueueHandler, Result<ReviewsQueue>>(app, h => h.HandleAsync(user, screen ?? new HashSet<Guid>()));

    private async Task<Guid> VersionAsync(Guid appointmentId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.InfusionSessions.Where(s => s.AppointmentId == appointmentId).Select(s => s.Version).SingleAsync();
    }

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private sealed record SessionNumberView(int N, int Of);
}

public sealed class ReviewsQueueTestsOnSqlite(SqliteApp app) : ReviewsQueueTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReviewsQueueTestsOnPostgres(PostgresApp app) : ReviewsQueueTests<PostgresApp>(app), IClassFixture<PostgresApp>;
