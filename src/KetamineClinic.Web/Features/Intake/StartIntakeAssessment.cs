using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>A clinician starts an intake assessment. If the patient already has one in draft, that draft is returned
/// instead, so a double click or a second clinician never splits the work in two.</summary>
public sealed record StartIntakeAssessment(Guid PatientId);

public sealed class StartIntakeAssessmentHandler(IDbContextFactory<ClinicDbContext> dbFactory, ClinicalAccess access, TimeProvider time)
{
    public async Task<Result<Guid>> HandleAsync(ClaimsPrincipal user, StartIntakeAssessment command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.Assess, nameof(IntakeAssessment), null, command.PatientId, "start intake assessment", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == command.PatientId)
            .Select(p => new { p.IsArchived })
            .SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return IntakeHandlerErrors.PatientNotFound;
        }

        if (patient.IsArchived)
        {
            return PatientErrors.Archived;
        }

        var draft = await db.IntakeAssessments.AsNoTracking()
            .Where(a => a.PatientId == command.PatientId && a.Status == AssessmentStatus.Draft)
            .OrderByDescending(a => a.StartedUtc)
            .Select(a => (Guid?)a.Id)
            .FirstOrDefaultAsync(cancellationToken);
        if (draft is { } existing)
        {
            return existing;
        }

        var assessment = IntakeAssessment.Start(command.PatientId, StaffIdentity.From(user).Id, time.GetUtcNow().UtcDateTime);
        db.IntakeAssessments.Add(assessment);
        await db.SaveChangesAsync(cancellationToken);
        return assessment.Id;
    }
}

public static class IntakeHandlerErrors
{
    public static readonly DomainError PatientNotFound = new("intake.patient_not_found", "There is no such patient.");
}
