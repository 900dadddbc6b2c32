using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Floor;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.History;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.History.HistoryArrange;

namespace KetamineClinic.IntegrationTests.History;

/// <summary>
/// The treatment history through the real stack: every course (newest first) and session (in the order given) with the
/// dose ordered, the minutes the drug ran, the vitals, side effects, overrides and amendments; each course's scores
/// with the response and remission worked out and labelled; the review prompt; the read audited; and a fixed number
/// of statements however many courses and sessions there are.
/// </summary>
public abstract class TreatmentHistoryTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly PastSideEffect Nausea = new(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Moderate, SideEffectAction.Antiemetic, 20, ActionNote: "Ondansetron 4 mg");

    [Fact]
    public async Task Every_course_and_session_is_listed_in_order_with_doses_durations_scores_and_labels()
    {
        var stage = await StageAsync(app);
        var (patientId, induction, booster) = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, phq9Baseline: 20, assessedDaysAgo: 220);
            var induction = await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(210), planned: 3, reviewAfter: 2,
                new PastSession(0.5m, 80m, Phq9Before: 18, SideEffect: Nausea),
                new PastSession(0.5m, 80m, Phq9Before: 12, PauseAtMinute: 15, PauseMinutes: 5,
                    Amendment: new PastAmendment("Nurse's note", "Escort was her brother.", "Wrong escort named.")),
                new PastSession(0.5m, 80m, Phq9Before: 8, StopEarlyAtMinute: 25, StopReason: "The patient asked to stop."));
            induction.Complete(DateTime.UtcNow.AddDays(-190));
            var booster = await CourseAsync(past, db, patient, assessment, CourseKind.Booster, DaysAgo(30), planned: 2, reviewAfter: 2,
                new PastSession(0.8m, 80m, Phq9Before: 4, OverrideReason: "Titrated after the induction course."));
            return (patient.Id, induction.Id, booster.Id);
        });

        var history = Ok(await HistoryAsync(stage.Clinician, patientId));

        Assert.Equal([booster, induction], history.Courses.Select(c => c.Course.Id));
        var first = history.Courses[1];
        Assert.Equal(["session 1 of 3", "session 2 of 3", "session 3 of 3"], first.Sessions.Select(s => s.Number.ToString()));
        Assert.Equal([40m, 40m, 40m], first.Sessions.Select(s => s.Order!.TotalMg));
        Assert.Equal(["0.5 mg/kg · 40 mg", "0.5 mg/kg · 40 mg", "0.5 mg/kg · 40 mg"], first.Sessions.Select(s => HistoryText.Dose(s.Order!)));
        // The paused session ran 40 minutes of drug over 45; the stopped one 25 of its 40.
        Assert.Equal([40.0, 40.0, 25.0], first.Sessions.Select(s => s.Infused.TotalMinutes));
        Assert.Equal("25 of 40 min", HistoryText.Duration(first.Sessions[2].Infused, first.Sessions[2].Order!.DurationMinutes));
        Assert.Equal("The patient asked to stop.", first.Sessions[2].Session!.EndReason);
        Assert.True(first.Sessions[2].Session!.StoppedEarly);
        Assert.Equal(new MinuteSpan(15, 20), Assert.Single(first.Sessions[1].Curve!.Pauses));
        Assert.Equal("Nausea or vomiting (moderate)", HistoryText.SideEffect(Assert.Single(first.Sessions[0].Session!.SideEffects)));
        Assert.Equal("Wrong escort named.", Assert.Single(first.Sessions[1].Session!.Amendments).Reason);
        Assert.Equal([18, 12, 8], first.Sessions.Select(s => Assert.Single(s.ScoresBefore).Total));
        // Baseline, four infusion readings (10, 20, 30, 40) and two in observation.
        Assert.Equal(7, first.Sessions[0].Curve!.Points.Count);
        Assert.Equal(new TimeOnly(9, 10), TimeOnly.FromDateTime(history.ToLocal(first.Sessions[0].Session!.InfusionStartUtc!.Value)));
        Assert.Equal((3, ReviewState.Ended), (first.InfusionsGiven, first.Review.State));

        var phq9 = Assert.Single(first.Instruments);
        Assert.Equal(20, phq9.Trajectory.Baseline!.Total);
        Assert.Equal([18, 12, 8], phq9.Chart.Scores.Select(s => s.Total));
        Assert.Equal(3, phq9.Chart.Infusions.Count);
        Assert.Equal("PHQ-9: Response (60.0% reduction) — remission not yet (≤ 4)", phq9.Label);

        var latest = history.Courses[0];
        var boosterSession = Assert.Single(latest.Sessions);
        Assert.Equal("0.8 mg/kg · 64 mg", HistoryText.Dose(boosterSession.Order!));
        Assert.Equal("Titrated after the induction course.", boosterSession.OverrideReason);
        Assert.Equal("Booster, session 1 of 2", HistoryText.SessionTitle(boosterSession));
        Assert.Equal("PHQ-9: Remission (80.0% reduction)", Assert.Single(latest.Instruments).Label);
        Assert.Equal(ReviewState.NotYet, latest.Review.State);
    }

    [Fact]
    public async Task A_course_at_its_review_point_without_a_response_prompts_a_review()
    {
        var stage = await StageAsync(app);
        var patientId = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, phq9Baseline: 21, assessedDaysAgo: 30);
            await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(20), planned: 6, reviewAfter: 4,
                new PastSession(0.5m, 80m, Phq9Before: 20), new PastSession(0.5m, 80m, Phq9Before: 19),
                new PastSession(0.5m, 80m, Phq9Before: 19), new PastSession(0.5m, 80m, Phq9Before: 18));
            return patient.Id;
        });

        var course = Assert.Single(Ok(await HistoryAsync(stage.Clinician, patientId)).Courses);

        Assert.True(course.Review.Due);
        Assert.Equal("4 infusions given and no response: review the plan (the protocol's review point is 4).", course.Review.Message);
        Assert.Equal("PHQ-9: No response (14.3% reduction)", Assert.Single(course.Instruments).Label);
    }

    [Fact]
    public async Task Three_courses_of_ten_sessions_cost_the_same_statements_as_one_course_of_one()
    {
        var stage = await StageAsync(app);
        var small = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 40);
            await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(30), 6, 4, new PastSession(0.5m, 80m, Phq9Before: 18));
            return patient.Id;
        });
        var large = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 22, assessedDaysAgo: 400);
            // Three induction courses: a booster course has at most three sessions.
            foreach (var (kind, weeksAgo) in new[] { (CourseKind.Induction, 52), (CourseKind.Induction, 30), (CourseKind.Induction, 8) })
            {
                var course = await CourseAsync(past, db, patient, assessment, kind, DaysAgo(weeksAgo * 7), 10, 4,
                    [.. Enumerable.Range(0, 10).Select(i => new PastSession(0.5m, 80m, Phq9Before: 20 - i, SideEffect: i % 3 == 0 ? Nausea : null))]);
                if (weeksAgo > 8)
                {
                    course.Complete(DateTime.UtcNow.AddDays(-(weeksAgo * 7) + 40));
                }
            }

            return patient.Id;
        });
        await HistoryAsync(stage.Clinician, small);

        var one = await CountCommandsAsync(() => HistoryAsync(stage.Clinician, small));
        var thirty = await CountCommandsAsync(() => HistoryAsync(stage.Clinician, large));

        Assert.Equal(1, Ok(one.Result).Courses.Sum(c => c.Sessions.Count));
        var history = Ok(thirty.Result);
        Assert.Equal([10, 10, 10], history.Courses.Select(c => c.Sessions.Count(s => s.InfusionGiven)));
        Assert.Equal(30, history.Courses.Sum(c => c.Instruments.Single().Chart.Scores.Count));
        Assert.Equal(one.Commands, thirty.Commands);
        // The eleven reads of TreatmentHistoryReader and the audit row of the read (the chain head, then the insert).
        Assert.Equal(13, one.Commands);
    }

    [Fact]
    public async Task Reading_the_history_is_audited_as_a_patient_read_and_intake_staff_are_refused()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await RecordAsync(app, stage, async (past, db) =>
        {
            var (patient, assessment) = await PatientAsync(past, db, 20, assessedDaysAgo: 40);
            var course = await CourseAsync(past, db, patient, assessment, CourseKind.Induction, DaysAgo(30), 6, 4, new PastSession(0.5m, 80m, Phq9Before: 18));
            return (patient.Id, course.Id);
        });

        Ok(await HistoryAsync(stage.Nurse, patientId));
        var summary = Ok(await ClinicalArrange.WithAsync<GetTreatmentHistoryHandler, Result<CourseSummary>>(app,
            h => h.SummaryAsync(stage.Clinician, new GetCourseSummary(patientId, courseId))));
        var otherCourse = await ClinicalArrange.WithAsync<GetTreatmentHistoryHandler, Result<CourseSummary>>(app,
            h => h.SummaryAsync(stage.Clinician, new GetCourseSummary(patientId, Guid.NewGuid())));
        var refused = await HistoryAsync(stage.Intake, patientId);

        Assert.Equal("Test Clinician", summary.PreparedBy);
        Assert.Equal(["Test Clinician"], summary.SignedBy);
        Assert.Equal(CourseErrors.NotFound, otherCourse.Error);
        Assert.Equal(ClinicalAccess.NotAllowed, refused.Error);
        await using var db = await app.Factory.CreateDbContextAsync();
        var events = await db.AuditEvents.AsNoTracking().Where(e => e.PatientId == patientId.ToString()).ToListAsync();
        Assert.Contains(events, e => e.Action == AuditAction.Read && e.Detail == GetTreatmentHistoryHandler.AuditWhat && e.UserId == stage.Staff.Nurse.Id);
        Assert.Contains(events, e => e.Action == AuditAction.Read && e.Detail == GetTreatmentHistoryHandler.SummaryAuditWhat && e.EntityId == courseId.ToString());
        Assert.Contains(events, e => e.Action == AuditAction.Denied && e.UserId == stage.Staff.Booker.Id);
    }

    private Task<Result<TreatmentHistory>> HistoryAsync(ClaimsPrincipal user, Guid patientId) =>
        ClinicalArrange.WithAsync<GetTreatmentHistoryHandler, Result<TreatmentHistory>>(app, h => h.HandleAsync(user, new GetTreatmentHistory(patientId)));

    private static T Ok<T>(Result<T> result)
    {
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static async Task<(T Result, int Commands)> CountCommandsAsync<T>(Func<Task<T>> call)
    {
        using var counter = new CommandCounter();
        var result = await counter.CountAsync(call);
        return (result, counter.Commands);
    }
}

public sealed class TreatmentHistoryTestsOnSqlite(SqliteApp app) : TreatmentHistoryTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TreatmentHistoryTestsOnPostgres(PostgresApp app) : TreatmentHistoryTests<PostgresApp>(app), IClassFixture<PostgresApp>;
