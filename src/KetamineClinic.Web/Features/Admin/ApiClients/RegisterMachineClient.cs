using KetamineClinic.Infrastructure.Audit;
using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Web.Auth;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Features.Admin.ApiClients;

/// <summary>Administrator registers a machine client: a program with no person behind it (client credentials).</summary>
public sealed record RegisterMachineClient(string ClientId, string DisplayName, IReadOnlyList<string> Scopes);

/// <summary>The new client and its secret. The secret exists only here: the database keeps a hash of it.</summary>
public sealed record RegisteredMachineClient(string ClientId, string ClientSecret);

public sealed class RegisterMachineClientValidator : AbstractValidator<RegisterMachineClient>
{
    public RegisterMachineClientValidator()
    {
        RuleFor(c => c.ClientId).ValidClientId();
        RuleFor(c => c.DisplayName).ValidDisplayName();
        RuleFor(c => c.Scopes).ValidScopes(ApiScopes.ForMachineClients);
    }
}

public sealed class RegisterMachineClientHandler(
    IServiceScopeFactory scopes,
    ApiClientAdministration administration,
    IValidator<RegisterMachineClient> validator)
{
    /// <summary>32 random bytes (256 bits), well beyond guessing, base64url so it survives any form or header.</summary>
    public const int SecretBytes = 32;

    public static readonly DomainError AlreadyRegistered = new("api_client.exists", "An API client with this id already exists. Choose another id.");

    public async Task<Result<RegisteredMachineClient>> HandleAsync(RegisterMachineClient command, ClaimsPrincipal actor, CancellationToken cancellationToken = default)
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

        var secret = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(SecretBytes));
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = command.ClientId,
            ClientSecret = secret, // OpenIddict stores only a hash of it
            DisplayName = command.DisplayName.Trim(),
            ClientType = ClientTypes.Confidential,
            ConsentType = ConsentTypes.Implicit,
        };
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        foreach (var scope in command.Scopes.Distinct(StringComparer.Ordinal))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }

        // OpenIddict's managers hold a DbContext: one scope, so one context, for this operation.
        await using (var scope = scopes.CreateAsyncScope())
        {
            var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
            if (await applications.FindByClientIdAsync(command.ClientId, cancellationToken) is not null)
            {
                return AlreadyRegistered;
            }

            try
            {
                await applications.CreateAsync(descriptor, cancellationToken);
            }
            catch (OpenIddictExceptions.ValidationException)
            {
                // Another administrator registered the same id a moment ago.
                return AlreadyRegistered;
            }
        }

        await administration.RecordAsync(actor, AuditAction.Create, command.ClientId,
            $"machine client (client credentials); scopes: {string.Join(' ', command.Scopes)}", cancellationToken);
        return new RegisteredMachineClient(command.ClientId, secret);
    }
}
