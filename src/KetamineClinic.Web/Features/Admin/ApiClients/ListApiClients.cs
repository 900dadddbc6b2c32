using System.Security.Claims;
using KetamineClinic.Domain.Common;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Features.Admin.ApiClients;

/// <summary>One registered API client as the admin page shows it. It never carries a secret.</summary>
public sealed record ApiClientSummary(string ClientId, string DisplayName, ApiClientKind Kind, IReadOnlyList<string> Scopes, IReadOnlyList<string> RedirectUris);

public enum ApiClientKind
{
    /// <summary>Client credentials: a program with no person behind it.</summary>
    Machine,

    /// <summary>Authorization code with PKCE: a staff member signs in.</summary>
    Interactive,
}

public sealed class ListApiClientsHandler(IServiceScopeFactory scopes, ApiClientAdministration administration)
{
    public async Task<Result<IReadOnlyList<ApiClientSummary>>> HandleAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!await administration.IsAdministratorAsync(actor))
        {
            return ApiClientAdministration.NotAllowed;
        }

        await using var scope = scopes.CreateAsyncScope();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        var clients = new List<ApiClientSummary>();
        await foreach (var application in applications.ListAsync(count: null, offset: null, cancellationToken))
        {
            var permissions = await applications.GetPermissionsAsync(application, cancellationToken);
            var redirectUris = await applications.GetRedirectUrisAsync(application, cancellationToken);
            clients.Add(new ApiClientSummary(
                await applications.GetClientIdAsync(application, cancellationToken) ?? "",
                await applications.GetDisplayNameAsync(application, cancellationToken) ?? "",
                permissions.Contains(Permissions.GrantTypes.AuthorizationCode) ? ApiClientKind.Interactive : ApiClientKind.Machine,
                permissions.Where(p => p.StartsWith(Permissions.Prefixes.Scope, StringComparison.Ordinal))
                    .Select(p => p[Permissions.Prefixes.Scope.Length..]).Order(StringComparer.Ordinal).ToList(),
                redirectUris.Order(StringComparer.Ordinal).ToList()));
        }

        return Result<IReadOnlyList<ApiClientSummary>>.Success(clients.OrderBy(c => c.ClientId, StringComparer.Ordinal).ToList());
    }
}
