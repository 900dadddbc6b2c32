using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>Loads an assessment that a clinician is about to change: it must belong to the patient, still be a draft,
/// and be the version the page was showing.</summary>
public static class IntakeLookup
{
    public static async Task<Result<IntakeAssessment>> FindEditableAsync(
        ClinicDbContext db, Guid patientId, Guid assessmentId, Guid expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var assessment = await db.IntakeAssessments
            .SingleOrDefaultAsync(a => a.Id == assessmentId && a.PatientId == patientId, cancellationToken);
        if (assessment is null)
        {
            return IntakeErrors.NotFound;
        }

        if (assessment.Status == AssessmentStatus.Decided)
        {
            return IntakeErrors.AlreadyDecided;
        }

        return assessment.Version == expectedVersion ? assessment : IntakeErrors.ChangedByAnother;
    }
}
