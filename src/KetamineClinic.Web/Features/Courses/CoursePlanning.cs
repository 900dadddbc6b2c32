using KetamineClinic.Domain.Intake;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Courses;

/// <summary>Whether a patient may get a treatment plan now, and if not, what is missing (in words for the clinician).</summary>
public sealed record PlanReadiness(bool CanPlan, string Explanation, Guid? AssessmentId, KetamineClinic.Domain.Protocols.Indication? Indication);

/// <summary>The rule shared by the Course tab and the plan handler: the patient's latest decided intake assessment
/// must have found them eligible. The handler always looks this up itself; it never takes an assessment id from a page.</summary>
public static class CoursePlanning
{
    public static async Task<PlanReadiness> ReadinessAsync(ClinicDbContext db, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var archived = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => (bool?)p.IsArchived).SingleOrDefaultAsync(cancellationToken);
        if (archived is null)
        {
            return new(false, "There is no such patient.", null, null);
        }

        if (archived.Value)
        {
            return new(false, "This patient's record is archived. Restore it before planning treatment.", null, null);
        }

        var latest = await LatestDecidedAsync(db, patientId, cancellationToken);
        if (latest is null)
        {
            var hasDraft = await db.IntakeAssessments.AnyAsync(a => a.PatientId == patientId && a.Status == AssessmentStatus.Draft, cancellationToken);
            return new(false, hasDraft
                ? "The intake assessment is still a draft. A treatment plan needs the clinician's eligibility decision on the Intake tab."
                : "No intake assessment has been decided. A clinician completes the intake (screening, baseline measures, consent) and decides eligibility first.",
                null, null);
        }

        return latest.Decision switch
        {
            EligibilityDecision.Eligible => new(true, "Eligible at the latest intake assessment.", latest.Id, latest.Indication),
            EligibilityDecision.NotEligible => new(false, "The latest intake assessment found the patient not eligible. A new assessment deciding 'eligible' is needed before a treatment plan.", null, null),
            _ => new(false, "The latest intake assessment needs more information. A new assessment deciding 'eligible' is needed before a treatment plan.", null, null),
        };
    }

    /// <summary>The patient's most recently decided intake assessment, tracked (the plan keeps its id).</summary>
    public static Task<IntakeAssessment?> LatestDecidedAsync(ClinicDbContext db, Guid patientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.IntakeAssessments
            .Where(a => a.PatientId == patientId && a.Status == AssessmentStatus.Decided)
            .OrderByDescending(a => a.DecidedUtc)
            .ThenByDescending(a => a.UpdatedUtc)
            .FirstOrDefaultAsync(cancellationToken);
    }
}
