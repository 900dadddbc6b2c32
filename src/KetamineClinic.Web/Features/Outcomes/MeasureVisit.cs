using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Outcomes;

/// <summary>The course and visit a measure (or a kiosk link) belongs to, once checked.</summary>
public sealed record VisitLink(Guid? CourseId, Guid? AppointmentId);

/// <summary>
/// Checks the course and visit a measure is linked to: both must be the patient's; a measure before an infusion
/// belongs to an infusion or booster booking, a follow-up measure to a follow-up appointment; a visit's course is taken
/// when none is given, and a different one is refused. A follow-up booked without a course is linked to the patient's
/// latest course that has started, so the measure counts in that course's trajectory.
/// </summary>
public static class MeasureVisit
{
    public static readonly DomainError VisitNotFound = new("outcome.visit_not_found", "That visit is not one of this patient's bookings.");
    public static readonly DomainError CourseNotFound = new("outcome.course_not_found", "That treatment course is not this patient's.");
    public static readonly DomainError CourseMismatch = new("outcome.course_mismatch", "The visit belongs to another of the patient's courses.");
    public static readonly DomainError PreInfusionVisit = new("outcome.visit_type", "A measure before an infusion belongs to an infusion or booster booking.");
    public static readonly DomainError FollowUpVisit = new("outcome.visit_type", "A follow-up measure belongs to a follow-up appointment.");
    public static readonly DomainError BaselineVisit = new("outcome.visit_type", "A baseline is taken at intake, not at a course's visit.");

    /// <summary>The measure context a visit of <paramref name="type"/> takes measures in, or null for none.</summary>
    public static MeasureContext? ContextFor(AppointmentType type) => type switch
    {
        AppointmentType.InfusionSession or AppointmentType.Booster => MeasureContext.PreInfusion,
        AppointmentType.FollowUp => MeasureContext.FollowUp,
        _ => null,
    };

    public static async Task<Result<VisitLink>> ResolveAsync(
        ClinicDbContext db, Guid patientId, MeasureContext context, Guid? courseId, Guid? appointmentId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (context == MeasureContext.Baseline && (courseId is not null || appointmentId is not null))
        {
            return BaselineVisit;
        }

        if (courseId is { } course && !await db.TreatmentCourses.AnyAsync(c => c.Id == course && c.PatientId == patientId, cancellationToken))
        {
            return CourseNotFound;
        }

        if (appointmentId is not { } visitId)
        {
            return new VisitLink(courseId, null);
        }

        var visit = await db.Appointments.AsNoTracking()
            .Where(a => a.Id == visitId && a.PatientId == patientId)
            .Select(a => new { a.Type, a.CourseId })
            .SingleOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return VisitNotFound;
        }

        if (ContextFor(visit.Type) != context)
        {
            return context == MeasureContext.PreInfusion ? PreInfusionVisit : FollowUpVisit;
        }

        if (visit.CourseId is { } visitCourse)
        {
            return courseId is not null && courseId != visitCourse ? CourseMismatch : new VisitLink(visitCourse, visitId);
        }

        return new VisitLink(courseId ?? await LatestStartedCourseAsync(db, patientId, cancellationToken), visitId);
    }

    /// <summary>The patient's latest course that has started (active, completed or discontinued), if any.</summary>
    public static async Task<Guid?> LatestStartedCourseAsync(ClinicDbContext db, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.TreatmentCourses.AsNoTracking()
            .Where(c => c.PatientId == patientId && c.Status != CourseStatus.Planned)
            .OrderByDescending(c => c.PlannedStart).ThenByDescending(c => c.CreatedUtc)
            .Select(c => (Guid?)c.Id)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
