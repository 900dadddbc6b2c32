using System.Globalization;
using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Courses;

/// <summary>What the plan dialog starts from when a clinician plans a booster after <see cref="AfterCourseId"/>: the
/// same indication, the current version of the same protocol (null when that protocol has no current version), one
/// session, and goals the clinician edits.</summary>
public sealed record BoosterDefaults(Guid AfterCourseId, Indication Indication, Guid? ProtocolId, int Sessions, string Goals);

/// <summary>
/// "Plan booster" on the Course tab (policy <see cref="Policies.Assess"/>): the defaults of a booster after an ended
/// course. The booster itself is planned through <see cref="PlanTreatmentCourseHandler"/> with
/// <see cref="CourseKind.Booster"/>; like every plan it rests on the patient's latest eligible intake assessment, so its
/// outcome is judged against that intake's baseline — the original baseline unless a new intake was done.
/// </summary>
public sealed class BoosterPlanningHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic)
{
    public async Task<Result<BoosterDefaults>> DefaultsAsync(ClaimsPrincipal user, Guid afterCourseId, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Assess)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(TreatmentCourse), afterCourseId.ToString(), what: "plan a booster", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == afterCourseId)
            .Select(c => new { c.PatientId, c.Kind, c.Indication, c.ProtocolId, c.Status, c.StatusChangedUtc })
            .SingleOrDefaultAsync(cancellationToken);
        if (course is null)
        {
            return CourseErrors.NotFound;
        }

        if (course.Status != CourseStatus.Completed)
        {
            return CourseErrors.BoosterNeedsEndedCourse;
        }

        var family = await db.Protocols.AsNoTracking().Where(p => p.Id == course.ProtocolId).Select(p => p.FamilyId).SingleAsync(cancellationToken);
        var current = await db.Protocols.AsNoTracking().Where(p => p.FamilyId == family && p.IsCurrent).Select(p => (Guid?)p.Id).FirstOrDefaultAsync(cancellationToken);
        var ended = course.StatusChangedUtc is { } at
            ? (await clinic.GetAsync(cancellationToken)).ToClinicTime(at).ToString(" 'completed' yyyy-MM-dd", CultureInfo.InvariantCulture)
            : "";
        var goals = $"Maintenance after the {CourseText.Kind(course.Kind).ToLowerInvariant()} course{ended}: keep the improvement reached, judged against the original baseline.";
        return new BoosterDefaults(afterCourseId, course.Indication, current, 1, goals);
    }
}
