using System.Security.Claims;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Calendar;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Reviews;

/// <summary>A session the nurse completed that waits for a clinician's signature.</summary>
public sealed record SignatureItem(
    Guid AppointmentId, Guid PatientId, string PatientName, DateTime StartUtc, SessionNumber? Number, SessionPhase Phase,
    string? ClinicianName, string? CompletedByName, DateTime CompletedUtc);

public enum AlertSource
{
    /// <summary>An alert on the patient's chart (<see cref="PatientAlert"/>).</summary>
    Chart = 1,

    /// <summary>A vital-sign alert left open on a session of an earlier day (no longer on the floor).</summary>
    Session = 2,
}

/// <summary>An alert nobody has acknowledged yet.</summary>
public sealed record AlertItem(Guid AlertId, AlertSource Source, Guid PatientId, string PatientName, string Message, DateTime RaisedUtc, Guid? AppointmentId);

/// <summary>An active course at or past its review point without a response on a primary measure.</summary>
public sealed record ReviewCourseItem(
    Guid CourseId, Guid PatientId, string PatientName, string ProtocolName, CourseKind Kind, int InfusionsGiven, int ReviewAfterInfusions,
    DateTime? ReviewPointReachedUtc, string Message, IReadOnlyList<string> Labels);

/// <summary>A positive PHQ-9 item 9 answer (or an open item-9 alert) and whether its alert is acknowledged.</summary>
public sealed record Item9Item(
    Guid PatientId, string PatientName, Guid? MeasureId, DateTime TakenUtc, int? Item9Answer, int? Total, Guid? AlertId, bool AlertOpen,
    DateTime? AcknowledgedUtc, string? AcknowledgedBy, string? ActionTaken);

/// <summary>What a clinician should look at: every section in the order of its urgency, each oldest first.</summary>
public sealed record ReviewsQueue(
    IReadOnlyList<Item9Item> PositiveItem9,
    IReadOnlyList<AlertItem> OpenAlerts,
    IReadOnlyList<SignatureItem> AwaitingSignature,
    IReadOnlyList<ReviewCourseItem> CoursesAtReview,
    TimeZoneInfo Zone,
    DateTime LoadedUtc)
{
    public IEnumerable<Guid> PatientIds =>
        PositiveItem9.Select(i => i.PatientId).Concat(OpenAlerts.Select(a => a.PatientId))
            .Concat(AwaitingSignature.Select(s => s.PatientId)).Concat(CoursesAtReview.Select(c => c.PatientId)).Distinct();

    public DateTime ToLocal(DateTime utc) => ClinicTime.ToLocal(utc, Zone);
}

/// <summary>
/// Reads the clinicians' queue in a fixed number of queries, however many patients are in it (each section is one
/// query over the whole clinic, never one per patient): sessions completed by the nurse and not signed (with their
/// session numbers, two queries, and the clinicians' names); open chart alerts; vital-sign alerts still open on a
/// session of an earlier day; active courses, their given infusions, and the measures of the patients whose courses
/// reached the review point (judged by <see cref="CourseOutcomes.Evaluate"/>); positive PHQ-9 item 9 answers of the
/// last <see cref="Item9Days"/> days and every still-open item-9 alert; and the patients' names.
/// </summary>
public static class ReviewsQueueReader
{
    public const int Item9Days = 30;

    public static async Task<ReviewsQueue> ReadAsync(ClinicDbContext db, TimeZoneInfo zone, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);

        var unsigned = await (from s in db.InfusionSessions.AsNoTracking()
                              where s.NurseCompletedUtc != null && s.SignedUtc == null
                              join a in db.Appointments.AsNoTracking() on s.AppointmentId equals a.Id
                              select new { s.AppointmentId, s.PatientId, s.CourseId, s.Phase, a.StartUtc, a.ClinicianId, s.NurseCompletedByName, Completed = s.NurseCompletedUtc!.Value })
            .ToListAsync(cancellationToken);
        var numbers = await SessionNumbering.ForCoursesAsync(db, unsigned.Select(u => u.CourseId), cancellationToken);
        var clinicians = await StaffDirectory.NamesAsync(db, unsigned.Select(u => u.ClinicianId), cancellationToken);

        var chartAlerts = await db.PatientAlerts.AsNoTracking()
            .Where(a => a.AcknowledgedUtc == null && a.Code != ListOutcomeMeasuresHandler.SuicideRiskAlertCode)
            .Select(a => new { a.Id, a.PatientId, a.Message, a.RaisedUtc })
            .ToListAsync(cancellationToken);
        // The floor shows today's sessions and their open alerts; one still open from an earlier day has outlived it.
        var (todayUtc, _) = CalendarQuery.Bounds(DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(nowUtc, zone)), 1, zone);
        var leftOpen = await (from al in db.SessionAlerts.AsNoTracking()
                              where al.AcknowledgedUtc == null
                              join s in db.InfusionSessions.AsNoTracking() on al.SessionId equals s.Id
                              join a in db.Appointments.AsNoTracking() on s.AppointmentId equals a.Id
                              where a.StartUtc < todayUtc
                              select new { al.Id, al.PatientId, al.Message, al.RaisedUtc, s.AppointmentId })
            .ToListAsync(cancellationToken);

        var active = await db.TreatmentCourses.AsNoTracking()
            .Where(c => c.Status == CourseStatus.Active)
            .Select(c => new { c.Id, c.PatientId, c.IntakeAssessmentId, c.Indication, c.Status, c.ReviewAfterInfusions, c.ProtocolName, c.Kind })
            .ToListAsync(cancellationToken);
        // An infusion is given once it started (InfusionSession.InfusionStartUtc), whatever happened after — unless its
        // booking was cancelled or entered in error, as the treatment history counts it.
        var starts = await (from e in db.InfusionEvents.AsNoTracking()
                            where e.Kind == InfusionEventKind.Started
                            join s in db.InfusionSessions.AsNoTracking() on e.SessionId equals s.Id
                            join a in db.Appointments.AsNoTracking() on s.AppointmentId equals a.Id
                            where a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError
                            join c in db.TreatmentCourses.AsNoTracking() on s.CourseId equals c.Id
                            where c.Status == CourseStatus.Active
                            select new { s.CourseId, e.AtUtc })
            .ToListAsync(cancellationToken);
        var startsByCourse = starts.ToLookup(s => s.CourseId, s => s.AtUtc);
        var atReviewPoint = active.Where(c => startsByCourse[c.Id].Count() >= c.ReviewAfterInfusions).ToList();
        var reviewPatients = atReviewPoint.Select(c => c.PatientId).Distinct().ToList();
        var reviewMeasures = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => reviewPatients.Contains(m.PatientId))
            .Select(m => new { m.PatientId, Point = new ScorePoint(m.Id, m.Instrument, m.Context, m.TakenUtc, m.Total, m.IntakeAssessmentId, m.CourseId) })
            .ToListAsync(cancellationToken);
        var measuresByPatient = reviewMeasures.ToLookup(m => m.PatientId, m => m.Point);

        var since = nowUtc.AddDays(-Item9Days);
        var positives = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => m.RaisedSuicideRiskAlert && m.TakenUtc >= since)
            .Select(m => new { m.Id, m.PatientId, m.TakenUtc, m.Total, m.Items })
            .ToListAsync(cancellationToken);
        var positiveIds = positives.Select(p => (Guid?)p.Id).ToList();
        var item9Alerts = await db.PatientAlerts.AsNoTracking()
            .Where(a => a.Code == ListOutcomeMeasuresHandler.SuicideRiskAlertCode && (a.AcknowledgedUtc == null || positiveIds.Contains(a.SourceId)))
            .Select(a => new { a.Id, a.PatientId, a.SourceId, a.RaisedUtc, a.AcknowledgedUtc, a.AcknowledgedBy, a.ActionTaken })
            .ToListAsync(cancellationToken);

        var patientIds = unsigned.Select(u => u.PatientId).Concat(chartAlerts.Select(a => a.PatientId)).Concat(leftOpen.Select(a => a.PatientId))
            .Concat(atReviewPoint.Select(c => c.PatientId)).Concat(positives.Select(p => p.PatientId)).Concat(item9Alerts.Select(a => a.PatientId))
            .Distinct().ToList();
        var names = await db.Patients.AsNoTracking().Where(p => patientIds.Contains(p.Id))
            .Select(p => new { p.Id, Name = p.FamilyName + ", " + p.GivenName })
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        string Name(Guid id) => names.GetValueOrDefault(id) ?? "";

        var awaiting = unsigned
            .OrderBy(u => u.Completed)
            .Select(u => new SignatureItem(u.AppointmentId, u.PatientId, Name(u.PatientId), u.StartUtc, numbers.TryGetValue(u.AppointmentId, out var n) ? n : null,
                u.Phase, u.ClinicianId is { } c ? clinicians.GetValueOrDefault(c) : null, u.NurseCompletedByName, u.Completed))
            .ToList();
        var alerts = chartAlerts.Select(a => new AlertItem(a.Id, AlertSource.Chart, a.PatientId, Name(a.PatientId), a.Message, a.RaisedUtc, null))
            .Concat(leftOpen.Select(a => new AlertItem(a.Id, AlertSource.Session, a.PatientId, Name(a.PatientId), a.Message, a.RaisedUtc, a.AppointmentId)))
            .OrderBy(a => a.RaisedUtc)
            .ToList();

        var courses = new List<ReviewCourseItem>();
        foreach (var course in atReviewPoint)
        {
            var given = startsByCourse[course.Id].Order().ToList();
            var outcome = CourseOutcomes.Evaluate(course.Id, course.IntakeAssessmentId, course.Indication, course.Status, course.ReviewAfterInfusions,
                given.Count, given[0], measuresByPatient[course.PatientId]);
            if (outcome.Review.Due)
            {
                courses.Add(new ReviewCourseItem(course.Id, course.PatientId, Name(course.PatientId), course.ProtocolName, course.Kind, given.Count,
                    course.ReviewAfterInfusions, given[course.ReviewAfterInfusions - 1], outcome.Review.Message,
                    [.. outcome.Instruments.Where(t => t.IsPrimary).Select(History.HistoryText.ResponseLabel)]));
            }
        }

        var alertBySource = item9Alerts.Where(a => a.SourceId is not null).GroupBy(a => a.SourceId!.Value).ToDictionary(g => g.Key, g => g.First());
        var item9 = positives
            .Select(p => (Measure: p, Alert: alertBySource.GetValueOrDefault(p.Id)))
            .Select(x => new Item9Item(x.Measure.PatientId, Name(x.Measure.PatientId), x.Measure.Id, x.Measure.TakenUtc,
                x.Measure.Items.Count > 8 ? x.Measure.Items[8] : null, x.Measure.Total, x.Alert?.Id, x.Alert is not null && x.Alert.AcknowledgedUtc is null,
                x.Alert?.AcknowledgedUtc, x.Alert?.AcknowledgedBy, x.Alert?.ActionTaken))
            // An item-9 alert still open whose answer is older than the window (or not linked to one) stays on the list.
            .Concat(item9Alerts
                .Where(a => a.AcknowledgedUtc is null && (a.SourceId is null || !positives.Any(p => p.Id == a.SourceId)))
                .Select(a => new Item9Item(a.PatientId, Name(a.PatientId), a.SourceId, a.RaisedUtc, null, null, a.Id, true, null, null, null)))
            .OrderByDescending(i => i.AlertOpen)
            .ThenBy(i => i.AlertOpen ? i.TakenUtc.Ticks : -i.TakenUtc.Ticks) // open ones oldest first, then the handled ones newest first
            .ToList();

        return new ReviewsQueue(item9, alerts, awaiting, [.. courses.OrderBy(c => c.ReviewPointReachedUtc)], zone, nowUtc);
    }
}

/// <summary>
/// The clinicians' reviews queue (policy <see cref="Policies.ClinicalReview"/>; a refusal is audited). The queue shows
/// each listed patient's name with clinical facts, so one read is recorded per patient — once per screen, as on the
/// floor: the caller passes the patients its screen has already recorded.
/// </summary>
public sealed class ReviewsQueueHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public const string AuditWhat = "reviews queue";

    public async Task<Result<ReviewsQueue>> HandleAsync(ClaimsPrincipal user, ISet<Guid> recordedReads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(recordedReads);
        using var actor = Intake.ClinicalAccess.ActAs(user);
        if (user.Identity?.IsAuthenticated != true || !(await authorization.AuthorizeAsync(user, Policies.ClinicalReview)).Succeeded)
        {
            await audit.RecordDeniedAsync("ReviewsQueue", what: "open the reviews queue", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        ReviewsQueue queue;
        await using (var db = await dbFactory.CreateDbContextAsync(cancellationToken))
        {
            queue = await ReviewsQueueReader.ReadAsync(db, zone, clock.GetUtcNow().UtcDateTime, cancellationToken);
        }

        foreach (var patientId in queue.PatientIds.Where(recordedReads.Add))
        {
            await audit.RecordPatientReadAsync(patientId.ToString(), "ReviewsQueue", null, AuditWhat, cancellationToken);
        }

        return queue;
    }
}
