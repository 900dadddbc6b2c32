using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Reports;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Reports;

/// <summary>
/// The report's read model: the rows of a range in a fixed number of statements (at most nine), whatever the number of
/// weeks, patients or sessions — never a query per week, course or patient. Every statement is bounded by the range:
/// <list type="number">
/// <item>bookings whose start lies within a day of the range (a range of the Appointments (StartUtc) index), every status;</item>
/// <item>infusions started in the range: those bookings joined to their session (unique AppointmentId index) and its start
/// event ((SessionId, AtUtc) index), with check-in and discharge times;</item>
/// <item>the side effects of those sessions, by the same join ((SessionId, OnsetUtc) index);</item>
/// <item>chairs, opening hours, and closed dates of the range (small tables);</item>
/// <item>the courses of interest: those of the infusions above, and those completed or discontinued in the range (Status index);</item>
/// <item>every infusion of those courses (Appointments (CourseId, StartUtc) index), so the first one and the review-point one are known;</item>
/// <item>the outcome measures of those courses' patients ((PatientId, Instrument, TakenUtc) index).</item>
/// </list>
/// No patient's name or record number is read.
/// </summary>
public static class ClinicReportQueries
{
    /// <summary>An infusion may start a little before its booking (the patient early) or late in it: bookings are read a
    /// day either side of the range (more than <see cref="Appointment.MaxLength"/>, so bookings running into the range's
    /// opening hours are read too), and infusions are kept by the time they started.</summary>
    public static readonly TimeSpan Margin = TimeSpan.FromDays(1);

    public static async Task<ReportData> LoadAsync(ClinicDbContext db, ReportRange range, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(range);
        var bookings = await Bookings(db, range).ToListAsync(cancellationToken);
        var started = await Started(db, range)
            .Select(x => new
            {
                x.Session.Id,
                x.Session.AppointmentId,
                x.Session.CourseId,
                x.Booking.Status,
                StartUtc = x.Start.AtUtc,
                CheckedInUtc = x.Session.CheckIn == null ? (DateTime?)null : x.Session.CheckIn.CheckedInUtc,
                x.Session.DischargedUtc,
            })
            .ToListAsync(cancellationToken);
        var sideEffects = started.Count == 0 ? [] : await (
            from x in Started(db, range)
            join se in db.SideEffects.AsNoTracking() on x.Session.Id equals se.SessionId
            select new { se.SessionId, se.Type, se.Severity }).ToListAsync(cancellationToken);

        var chairs = await db.Chairs.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new ReportChair(c.Id, c.Name, c.IsActive)).ToListAsync(cancellationToken);
        var hours = await db.ClinicOpeningHours.AsNoTracking().Select(h => new DayHours(h.Day, h.Opens, h.Closes)).ToListAsync(cancellationToken);
        var closed = await db.ClosedDates.AsNoTracking().Where(d => d.Date >= range.From && d.Date <= range.To).Select(d => d.Date).ToListAsync(cancellationToken);

        var effects = sideEffects.ToLookup(e => e.SessionId, e => new ReportSideEffect(e.Type, e.Severity));
        var infusions = started
            .GroupBy(s => s.Id) // one start per session; a second would be the same infusion
            .Select(g => g.OrderBy(s => s.StartUtc).First())
            .Select(s => new ReportInfusion(s.AppointmentId, s.Status, Utc(s.StartUtc), Utc(s.CheckedInUtc), Utc(s.DischargedUtc), [.. effects[s.Id]]))
            .ToList();

        var courses = await CoursesAsync(db, range, started.Select(s => s.CourseId).Distinct().ToList(), cancellationToken);
        return new ReportData(bookings, infusions, chairs, hours, closed, courses);
    }

    /// <summary>The bookings read for a range, every status: one range of the (StartUtc) index.</summary>
    public static IQueryable<ReportBooking> Bookings(ClinicDbContext db, ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(range);
        var lower = range.FromUtc - Margin;
        var upper = range.ToUtc + Margin;
        return db.Appointments.AsNoTracking()
            .Where(a => a.StartUtc >= lower && a.StartUtc < upper)
            .Select(a => new ReportBooking(a.Id, a.Type, a.Status, a.StartUtc, a.EndUtc, a.ChairId, a.LateCancellation));
    }

    /// <summary>The sessions whose infusion started in the range, found from the range's bookings (the (StartUtc) index),
    /// their session by the unique AppointmentId index and the start event by (SessionId, AtUtc).</summary>
    public static IQueryable<StartedInfusion> Started(ClinicDbContext db, ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(range);
        var lower = range.FromUtc - Margin;
        var upper = range.ToUtc + Margin;
        var fromUtc = range.FromUtc;
        var toUtc = range.ToUtc;
        return from a in db.Appointments.AsNoTracking()
               where a.StartUtc >= lower && a.StartUtc < upper
               join s in db.InfusionSessions.AsNoTracking() on a.Id equals s.AppointmentId
               join e in db.InfusionEvents.AsNoTracking() on s.Id equals e.SessionId
               where e.Kind == InfusionEventKind.Started && e.AtUtc >= fromUtc && e.AtUtc < toUtc
               select new StartedInfusion { Session = s, Booking = a, Start = e };
    }

    private static async Task<IReadOnlyList<ReportCourse>> CoursesAsync(ClinicDbContext db, ReportRange range, List<Guid> withInfusions, CancellationToken cancellationToken)
    {
        var fromUtc = range.FromUtc;
        var toUtc = range.ToUtc;
        var courses = await db.TreatmentCourses.AsNoTracking()
            .Where(c => withInfusions.Contains(c.Id)
                || ((c.Status == CourseStatus.Completed || c.Status == CourseStatus.Discontinued) && c.StatusChangedUtc >= fromUtc && c.StatusChangedUtc < toUtc))
            .Select(c => new { c.Id, c.PatientId, c.IntakeAssessmentId, c.Indication, c.Status, c.StatusChangedUtc, c.ReviewAfterInfusions })
            .ToListAsync(cancellationToken);
        if (courses.Count == 0)
        {
            return [];
        }

        var courseIds = courses.Select(c => c.Id).ToList();
        var given = await (
            from a in db.Appointments.AsNoTracking()
            where a.CourseId != null && courseIds.Contains(a.CourseId.Value)
            join s in db.InfusionSessions.AsNoTracking() on a.Id equals s.AppointmentId
            join e in db.InfusionEvents.AsNoTracking() on s.Id equals e.SessionId
            where e.Kind == InfusionEventKind.Started
            select new { CourseId = a.CourseId!.Value, a.Status, e.AtUtc }).ToListAsync(cancellationToken);
        var patientIds = courses.Select(c => c.PatientId).Distinct().ToList();
        var measures = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => patientIds.Contains(m.PatientId))
            .Select(m => new { m.PatientId, m.Id, m.Instrument, m.Context, m.TakenUtc, m.Total, m.IntakeAssessmentId, m.CourseId })
            .ToListAsync(cancellationToken);

        var infusionsOf = given.ToLookup(g => g.CourseId, g => new CourseInfusion(Utc(g.AtUtc), g.Status));
        var measuresOf = measures.ToLookup(m => m.PatientId, m => new ScorePoint(m.Id, m.Instrument, m.Context, Utc(m.TakenUtc), m.Total, m.IntakeAssessmentId, m.CourseId));
        return [.. courses.Select(c => new ReportCourse(
            c.Id, c.IntakeAssessmentId, c.Indication, c.Status, Utc(c.StatusChangedUtc), c.ReviewAfterInfusions,
            [.. infusionsOf[c.Id]], [.. measuresOf[c.PatientId]]))];
    }

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    private static DateTime? Utc(DateTime? value) => value is { } v ? Utc(v) : null;
}

/// <summary>A session whose infusion started in the range, with its booking and start event (query shape only).</summary>
public sealed class StartedInfusion
{
    public required InfusionSession Session { get; init; }

    public required Appointment Booking { get; init; }

    public required InfusionEvent Start { get; init; }
}
