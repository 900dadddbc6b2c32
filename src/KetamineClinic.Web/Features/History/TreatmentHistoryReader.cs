using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.History.Charts;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.History;

/// <summary>
/// Reads a patient's whole treatment history in one round of queries, whatever the number of courses and sessions:
/// the patient; the courses; the infusion and booster bookings (one range of the (PatientId, StartUtc) index, which also
/// numbers them "session n of N"); the sessions with their orders, events, vitals, alerts, side effects and amendments
/// (a split query: one statement per table, each filtered by the patient, never one per session); and the outcome
/// measures. Eleven statements in all. Everything else — durations, vitals curves, the trajectories, response,
/// remission and the review prompt — is worked out in memory by the domain (<see cref="InfusionSession.InfusedFor"/>,
/// <see cref="VitalsCurve"/>, <see cref="CourseOutcomes.Evaluate"/>). No policy check and no audit: the handler does both.
/// </summary>
public static class TreatmentHistoryReader
{
    /// <returns>The history, or null when there is no such patient.</returns>
    public static async Task<TreatmentHistory?> ReadAsync(ClinicDbContext db, Guid patientId, TimeZoneInfo zone, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(zone);
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == patientId)
            .Select(p => new HistoryPatient(p.Id, p.GivenName, p.FamilyName, p.Mrn, p.DateOfBirth, p.Sex, p.ReferringClinician))
            .SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return null;
        }

        var courses = await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync(cancellationToken);
        var bookings = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == patientId && a.CourseId != null && (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster))
            .Select(a => new CourseBookingRow(a.Id, a.CourseId!.Value, a.Type, a.Status, a.StartUtc))
            .ToListAsync(cancellationToken);
        var sessions = await SessionWorkspace.WithParts(db.InfusionSessions.AsNoTracking())
            .Where(s => s.PatientId == patientId)
            .ToDictionaryAsync(s => s.AppointmentId, cancellationToken);
        var measures = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => m.PatientId == patientId)
            .Select(m => new HistoryScore(m.Id, m.Instrument, m.Context, m.TakenUtc, m.Total, m.Band, m.RaisedSuicideRiskAlert, m.IntakeAssessmentId, m.CourseId, m.AppointmentId))
            .ToListAsync(cancellationToken);

        var numbers = SessionNumbers.Assign(
            bookings.Select(b => new CourseBooking(b.Id, b.CourseId, b.StartUtc, b.Status)),
            courses.ToDictionary(c => c.Id, c => c.PlannedSessions));
        var points = measures
            .Select(m => new ScorePoint(m.MeasureId, m.Instrument, m.Context, m.TakenUtc, m.Total, m.IntakeAssessmentId, m.CourseId))
            .ToList();
        var beforeBySession = measures.Where(m => m.AppointmentId is not null).ToLookup(m => m.AppointmentId!.Value);

        var histories = courses
            .Select(course => Course(course, bookings.Where(b => b.CourseId == course.Id), sessions, numbers, points, beforeBySession, zone, nowUtc))
            .OrderByDescending(c => c.FirstInfusionUtc ?? c.Course.PlannedStart.ToDateTime(TimeOnly.MinValue))
            .ThenByDescending(c => c.Course.CreatedUtc)
            .ToList();
        return new TreatmentHistory(patient, histories, zone, nowUtc);
    }

    private static CourseHistory Course(
        TreatmentCourse course,
        IEnumerable<CourseBookingRow> courseBookings,
        IReadOnlyDictionary<Guid, InfusionSession> sessions,
        IReadOnlyDictionary<Guid, SessionNumber> numbers,
        IReadOnlyList<ScorePoint> points,
        ILookup<Guid, HistoryScore> beforeBySession,
        TimeZoneInfo zone,
        DateTime nowUtc)
    {
        var rows = courseBookings
            .Where(b => b.Status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError))
            .OrderBy(b => b.StartUtc).ThenBy(b => b.Id)
            .Select(b =>
            {
                var session = sessions.GetValueOrDefault(b.Id);
                return new SessionHistory(
                    b.Id, b.StartUtc, b.Type, b.Status, numbers.TryGetValue(b.Id, out var n) ? n : null, session,
                    session is null ? null : VitalsCurve.Of(session, nowUtc),
                    session?.InfusedFor(session.InfusionStopUtc ?? nowUtc) ?? TimeSpan.Zero,
                    [.. beforeBySession[b.Id].OrderBy(m => m.TakenUtc)]);
            })
            .ToList();
        var infusions = rows.Where(r => r.InfusionGiven).Select(r => r.Session!.InfusionStartUtc!.Value).Order().ToList();
        var outcome = CourseOutcomes.Evaluate(
            course.Id, course.IntakeAssessmentId, course.Indication, course.Status, course.ReviewAfterInfusions,
            infusions.Count, infusions.Count == 0 ? null : infusions[0], points);
        var instruments = outcome.Instruments
            .OrderByDescending(t => t.IsPrimary).ThenBy(t => t.Instrument)
            .Select(t => new InstrumentHistory(t, HistoryText.ResponseLabel(t), Chart(t, infusions, zone)))
            .ToList();
        return new CourseHistory(course, rows, outcome, instruments, infusions.Count,
            infusions.Count == 0 ? null : infusions[0], infusions.Count == 0 ? null : infusions[^1]);
    }

    private static ScoreChartModel Chart(InstrumentTrajectory trajectory, IReadOnlyList<DateTime> infusionsUtc, TimeZoneInfo zone)
    {
        var instrument = OutcomeInstrument.Get(trajectory.Instrument);
        DateTime Local(DateTime utc) => ClinicTime.ToLocal(utc, zone);
        return new ScoreChartModel(
            $"{instrument.ShortName} over the course",
            instrument.ShortName,
            instrument.MaxTotal,
            instrument.Bands,
            trajectory.Baseline is { } b ? new ChartScore(Local(b.TakenUtc), b.Total, "Baseline") : null,
            [.. trajectory.Scores.Select(s => new ChartScore(Local(s.TakenUtc), s.Total, HistoryText.Context(s.Context)))],
            [.. infusionsUtc.Select(Local)],
            instrument.RemissionAtOrBelow);
    }

    private sealed record CourseBookingRow(Guid Id, Guid CourseId, AppointmentType Type, AppointmentStatus Status, DateTime StartUtc);
}
