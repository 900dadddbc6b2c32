using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>
/// The policy check every intake and outcome handler repeats for its reads and writes of clinical data (the page's
/// attribute is not enough: a handler can be reached another way). A refusal is recorded in the audit trail.
/// </summary>
public sealed class ClinicalAccess(IAuthorizationService authorization, PatientRecordAudit audit)
{
    public static readonly DomainError NotAllowed = new("clinical.not_allowed", "Your role does not allow this. Ask a clinician.");

    /// <summary>True when <paramref name="user"/> satisfies <paramref name="policy"/>; otherwise records the refusal.</summary>
    public async Task<bool> AllowAsync(
        ClaimsPrincipal user, string policy, string entityType, Guid? entityId, Guid patientId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return true;
        }

        await audit.RecordDeniedAsync(entityType, entityId?.ToString(), patientId.ToString(), what, cancellationToken);
        return false;
    }

    /// <summary>Makes <paramref name="user"/> the audit actor for work done outside a circuit or request (a handler
    /// called from a background scope or a test), unless one is already set.</summary>
    public static IDisposable? ActAs(ClaimsPrincipal user) =>
        AmbientAuditActor.Current is null ? AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user)) : null;
}
