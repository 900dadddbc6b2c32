using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>A nurse or clinician acknowledges a clinical alert on the chart (e.g. a positive PHQ-9 item 9) with the
/// action taken; the alert then leaves the chart's header and stays in the record with who, when and what.</summary>
public sealed record AcknowledgePatientAlert(Guid PatientId, Guid AlertId, string? ActionTaken);

public sealed class AcknowledgePatientAlertValidator : AbstractValidator<AcknowledgePatientAlert>
{
    public const int MaxActionLength = 1000;

    public AcknowledgePatientAlertValidator()
    {
        RuleFor(c => c.ActionTaken).Must(a => !string.IsNullOrWhiteSpace(a)).WithMessage("Say what was done about the alert.")
            .MaximumLength(MaxActionLength).WithMessage($"At most {MaxActionLength} characters.");
    }
}

public sealed class AcknowledgePatientAlertHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<AcknowledgePatientAlert> validator,
    PatientRecordAudit audit,
    FloorEvents floor,
    TimeProvider clock)
{
    public static readonly DomainError NotFound = new("alert.not_found", "There is no such alert on this patient's chart.");

    public async Task<Result<PatientAlert>> HandleAsync(ClaimsPrincipal user, AcknowledgePatientAlert command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(command);
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewClinical)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(PatientAlert), command.AlertId.ToString(), command.PatientId.ToString(), "acknowledge a clinical alert", cancellationToken);
            return AccessErrors.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alert = await db.PatientAlerts.SingleOrDefaultAsync(a => a.Id == command.AlertId && a.PatientId == command.PatientId, cancellationToken);
        if (alert is null)
        {
            return NotFound;
        }

        var acknowledged = alert.Acknowledge(command.ActionTaken!, StaffIdentity.From(user).Name, clock.GetUtcNow().UtcDateTime);
        if (!acknowledged.IsSuccess)
        {
            return acknowledged;
        }

        await db.SaveChangesAsync(cancellationToken);
        floor.PublishPatient(command.PatientId);
        return alert;
    }
}
