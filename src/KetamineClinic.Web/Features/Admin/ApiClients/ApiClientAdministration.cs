using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace KetamineClinic.Web.Features.Admin.ApiClients;

/// <summary>What the API client use cases share: the administrator check, the audit entry and the field rules.</summary>
public sealed class ApiClientAdministration(IAuthorizationService authorization, IAuditTrail audit, TimeProvider time)
{
    public const string AuditEntityType = "ApiClient";

    public static readonly DomainError NotAllowed = new("api_client.not_allowed", "Only an administrator can manage API clients.");

    public async Task<bool> IsAdministratorAsync(ClaimsPrincipal actor) =>
        (await authorization.AuthorizeAsync(actor, Policies.Administer)).Succeeded;

    public Task RecordAsync(ClaimsPrincipal actor, AuditAction action, string clientId, string detail, CancellationToken cancellationToken) =>
        audit.RecordAsync(new AuditEntry(
            time.GetUtcNow().UtcDateTime,
            action,
            AuditEntityType,
            EntityId: clientId,
            UserId: actor.FindFirstValue(ClaimTypes.NameIdentifier),
            UserName: actor.Identity?.Name,
            Roles: string.Join(',', actor.FindAll(ClaimTypes.Role).Select(c => c.Value)),
            Detail: detail), cancellationToken);
}

/// <summary>Field rules for API client registration, shared by both kinds of client.</summary>
public static class ApiClientRules
{
    /// <summary>Lower-case letters, digits, dots, dashes and underscores, 3 to 64 characters, starting with a letter or digit.</summary>
    public const string ClientIdPattern = "^[a-z0-9][a-z0-9._-]{2,63}$";

    public const string ClientIdMessage = "Use 3 to 64 lower-case letters, digits, dots, dashes or underscores, starting with a letter or digit.";

    public static IRuleBuilderOptions<T, string> ValidClientId<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter a client id.")
            .Matches(ClientIdPattern).WithMessage(ClientIdMessage);

    public static IRuleBuilderOptions<T, string> ValidDisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Enter a name people will recognise, e.g. \"Monthly reporting\".")
            .MaximumLength(200).WithMessage("The name can be at most 200 characters.");

    public static IRuleBuilderOptions<T, IReadOnlyList<string>> ValidScopes<T>(this IRuleBuilder<T, IReadOnlyList<string>> rule, IReadOnlyList<string> known) =>
        rule.NotNull().WithMessage("Choose at least one scope.")
            .Must(scopes => scopes is { Count: > 0 }).WithMessage("Choose at least one scope.")
            .Must(scopes => scopes is null || scopes.All(known.Contains)).WithMessage($"Choose scopes from the list: {string.Join(", ", known)}.");

    /// <summary>https everywhere; plain http only for a tool on the same machine (loopback), as RFC 8252 allows.</summary>
    public static bool IsAllowedRedirectUri(string? value)
    {
        if (!Uri.TryCreate(value?.Trim(), UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        return uri.Scheme == Uri.UriSchemeHttps
            || (uri.Scheme == Uri.UriSchemeHttp && (uri.Host is "localhost" or "127.0.0.1" or "[::1]"));
    }
}
