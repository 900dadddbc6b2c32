using KetamineClinic.Web.Auth;
using KetamineClinic.Infrastructure.Audit;
using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using OpenIddict.Abstractions;

namespace KetamineClinic.Web.Features.Admin.ApiClients;

/// <summary>Administrator deletes an API client. Its authorizations and tokens go with it, and because the API checks
/// each token against the database, tokens already issued stop working at once.</summary>
public sealed record DeleteApiClient(string ClientId);

public sealed class DeleteApiClientHandler(IServiceScopeFactory scopes, ApiClientAdministration administration)
{
    public static readonly DomainError NotFound = new("api_client.not_found", "This API client no longer exists; another administrator may have deleted it.");

    public async Task<Result<string>> HandleAsync(DeleteApiClient command, ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await administration.IsAdministratorAsync(actor))
        {
            return ApiClientAdministration.NotAllowed;
        }

        // The OpenIddict managers below run in a scope of their own: their changes are audited as this administrator.
        using var auditActor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(actor));

        await using (var scope = scopes.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            var application = await applications.FindByClientIdAsync(command.ClientId, cancellationToken);
            if (application is null)
            {
                return NotFound;
            }

            await applications.DeleteAsync(application, cancellationToken);
        }

        await administration.RecordAsync(actor, AuditAction.Delete, command.ClientId, "client deleted; its tokens are revoked", cancellationToken);
        return command.ClientId;
    }
}
