using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Courses;

/// <summary>A treatment plan as the Course tab shows it.</summary>
public sealed record CourseView(
    Guid Id,
    CourseKind Kind,
    CourseStatus Status,
    string ProtocolName,
    int ProtocolVersion,
    Indication Indication,
    int PlannedSessions,
    int SessionsPerWeek,
    DateOnly PlannedStart,
    int ReviewAfterInfusions,
    string Goals,
    IReadOnlyList<string> Targets,
    string? DiscontinuedReason,
    string CreatedByName,
    DateTime CreatedUtc,
    DateTime? StatusChangedUtc,
    Guid Version);

/// <summary>The patient's courses (newest first), whether a new one can be planned, and whether this user may.</summary>
public sealed record CourseOverview(IReadOnlyList<CourseView> Courses, PlanReadiness Readiness, bool MayPlan);

/// <summary>A current protocol version a plan can be made from, with the defaults it fills in.</summary>
public sealed record PlanProtocolOption(Guid ProtocolId, Guid FamilyId, string Name, int VersionNumber, Indication Indication, int DefaultSessions, int DefaultSessionsPerWeek, int ReviewAfterInfusions);

public sealed class ListCoursesHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit)
{
    public async Task<Result<CourseOverview>> HandleAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewClinical)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(TreatmentCourse), patientId: patientId.ToString(), what: "treatment plans", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Patients.AnyAsync(p => p.Id == patientId, cancellationToken))
        {
            return PatientErrors.NotFound;
        }

        var courses = await db.TreatmentCourses.AsNoTracking()
            .Where(c => c.PatientId == patientId)
            .OrderByDescending(c => c.CreatedUtc)
            .ToListAsync(cancellationToken);
        var readiness = await CoursePlanning.ReadinessAsync(db, patientId, cancellationToken);
        var mayPlan = (await authorization.AuthorizeAsync(user, Policies.Assess)).Succeeded;
        await audit.RecordPatientReadAsync(patientId.ToString(), nameof(TreatmentCourse), what: "treatment plans", cancellationToken: cancellationToken);
        return new CourseOverview(courses.Select(ToView).ToList(), readiness, mayPlan);
    }

    /// <summary>The current protocol versions, for the plan dialog (clinicians only).</summary>
    public async Task<Result<IReadOnlyList<PlanProtocolOption>>> ProtocolOptionsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Assess)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync(cancellationToken);
        return current
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new PlanProtocolOption(p.Id, p.FamilyId, p.Name, p.VersionNumber, p.Settings.Indication, p.Settings.DefaultSessions, p.Settings.DefaultSessionsPerWeek, p.Settings.ReviewAfterInfusions))
            .ToList();
    }

    public static CourseView ToView(TreatmentCourse c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new(
            c.Id, c.Kind, c.Status, c.ProtocolName, c.ProtocolVersion, c.Indication, c.PlannedSessions, c.SessionsPerWeek, c.PlannedStart,
            c.ReviewAfterInfusions, c.Goals, c.Targets.Select(t => t.Describe()).ToList(), c.DiscontinuedReason, c.CreatedByName, c.CreatedUtc,
            c.StatusChangedUtc, c.Version);
    }
}
