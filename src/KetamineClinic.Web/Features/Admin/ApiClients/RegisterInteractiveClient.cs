using KetamineClinic.Infrastructure.Audit;
using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Web.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Features.Admin.ApiClients;

/// <summary>Administrator registers an interactive client: a tool a staff member signs in to (authorization code with
/// PKCE). It is a public client (it cannot keep a secret), so PKCE and exact redirect URIs are what protect it.</summary>
public sealed record RegisterInteractiveClient(string ClientId, string DisplayName, IReadOnlyList<string> RedirectUris, IReadOnlyList<string> Scopes);

public sealed class RegisterInteractiveClientValidator : AbstractValidator<RegisterInteractiveClient>
{
    public const int MaxRedirectUris = 10;

    public RegisterInteractiveClientValidator()
    {
        RuleFor(c => c.ClientId).ValidClientId();
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Scopes).ValidScopes(ApiScopes.ForInteractiveClients);
        RuleFor(c => c.RedirectUris)
            .Must(uris => uris is { Count: > 0 }).WithMessage("Enter at least one redirect URI.")
            .Must(uris => uris is null || uris.Count <= MaxRedirectUris).WithMessage($"Enter at most {MaxRedirectUris} redirect URIs.");
        RuleForEach(c => c.RedirectUris)
            .Must(ApiClientRules.IsAllowedRedirectUri)
            .WithMessage((_, uri) => $"\"{uri}\" is not allowed: enter a full https:// address without a #fragment (plain http:// only for localhost or 127.0.0.1).");
    }
}

public sealed class RegisterInteractiveClientHandler(
    IServiceScopeFactory scopes,
    ApiClientAdministration administration,
    IValidator<RegisterInteractiveClient> validator)
{
    public async Task<Result<string>> HandleAsync(RegisterInteractiveClient command, ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(actor);
        if (!await administration.IsAdministratorAsync(actor))
        {
            return ApiClientAdministration.NotAllowed;
        }

        // The OpenIddict managers below run in a scope of their own: their changes are audited as this administrator.
        using var auditActor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(actor));

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = command.ClientId,
            DisplayName = command.DisplayName.Trim(),
            ClientType = ClientTypes.Public,
            ConsentType = ConsentTypes.Implicit,
        };
        foreach (var uri in command.RedirectUris.Select(u => u.Trim()).Distinct(StringComparer.Ordinal))
        {
            descriptor.RedirectUris.Add(new Uri(uri, UriKind.Absolute));
        }

        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Authorization,
            Permissions.Endpoints.Token,
            Permissions.GrantTypes.AuthorizationCode,
            Permissions.ResponseTypes.Code,
        ]);
        foreach (var scope in command.Scopes.Distinct(StringComparer.Ordinal))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        await using (var scope = scopes.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(command.ClientId, cancellationToken) is not null)
            {
                return RegisterMachineClientHandler.AlreadyRegistered;
            }

            try
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            catch (OpenIddictExceptions.ValidationException)
            {
                return RegisterMachineClientHandler.AlreadyRegistered;
            }
        }

        await administration.RecordAsync(actor, AuditAction.Create, command.ClientId,
            $"interactive client (authorization code + PKCE); scopes: {string.Join(' ', command.Scopes)}; redirect URIs: {string.Join(' ', descriptor.RedirectUris)}",
            cancellationToken);
        return command.ClientId;
    }
}
