using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>The patient's intake assessments, newest first (clinical staff only).</summary>
public sealed record ListIntakeAssessments(Guid PatientId);

public sealed record IntakeAssessmentRow(Guid Id, AssessmentStatus Status, DateTime StartedUtc, DateTime UpdatedUtc, EligibilityDecision? Decision, string? DecidedByName, DateTime? DecidedUtc);

public sealed class ListIntakeAssessmentsHandler(IDbContextFactory<ClinicDbContext> dbFactory, ClinicalAccess access, PatientRecordAudit audit)
{
    public async Task<Result<IReadOnlyList<IntakeAssessmentRow>>> HandleAsync(ClaimsPrincipal user, ListIntakeAssessments query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.ViewClinical, nameof(IntakeAssessment), null, query.PatientId, "intake assessments", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.IntakeAssessments.AsNoTracking()
            .Where(a => a.PatientId == query.PatientId)
            .OrderByDescending(a => a.StartedUtc)
            .Select(a => new IntakeAssessmentRow(a.Id, a.Status, a.StartedUtc, a.UpdatedUtc, a.Decision, a.DecidedByName, a.DecidedUtc))
            .ToListAsync(cancellationToken);
        await audit.RecordPatientReadAsync(query.PatientId.ToString(), nameof(IntakeAssessment), null, "intake assessment list", cancellationToken);
        return rows;
    }
}
