using System.Security.Claims;
using KetamineClinic.Infrastructure.Identity;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// The two OpenID Connect endpoints OpenIddict passes through to the app after it has validated the request (client,
/// redirect URI, PKCE, scopes): the authorization endpoint issues a code for the signed-in staff member; the token
/// endpoint turns a client's credentials or a code into an access token. Both are anonymous to ASP.NET Core
/// authorization because the client authenticates to OpenIddict, not with the staff cookie.
/// </summary>
public static class OpenIddictEndpoints
{
    public static IEndpointRouteBuilder MapClinicOpenIddict(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], AuthorizeAsync).AllowAnonymous().DisableAntiforgery();
        endpoints.MapPost("/connect/token", ExchangeAsync).AllowAnonymous().DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> AuthorizeAsync(HttpContext context, UserManager<StaffUser> users, StaffSessionValidator sessions)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request could not be read.");

        var cookie = await context.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedIn = cookie is { Succeeded: true, Principal: not null } && await sessions.IsStillValidAsync(cookie.Principal);
        if (!signedIn)
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Refuse(Errors.LoginRequired, "No staff member is signed in.");
            }

            // Back here after sign-in, with the same parameters (the cookie handler sends the browser to /Account/Login).
            var parameters = context.Request.HasFormContentType ? context.Request.Form.ToList() : context.Request.Query.ToList();
            return TypedResults.Challenge(
                new AuthenticationProperties { RedirectUri = context.Request.PathBase + context.Request.Path + QueryString.Create(parameters) },
                [IdentityConstants.ApplicationScheme]);
        }

        var user = await users.GetUserAsync(cookie.Principal!);
        if (user is null || user.MustChangePassword)
        {
            return Refuse(Errors.AccessDenied, "The staff member must change their password before using other applications.");
        }

        // Clients are registered by an administrator for the clinic's own tools, so staff are not asked for consent.
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, string.IsNullOrWhiteSpace(user.DisplayName) ? user.UserName : user.DisplayName);
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(StaffClaimDestinations);
        return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static async Task<IResult> ExchangeAsync(HttpContext context, IOpenIddictApplicationManager applications, UserManager<StaffUser> users)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenID Connect request could not be read.");

        if (request.IsClientCredentialsGrantType())
        {
            // OpenIddict has already checked the client's secret, grant type permission and scopes.
            var application = await applications.FindByClientIdAsync(request.ClientId!, context.RequestAborted);
            if (application is null)
            {
                return Refuse(Errors.InvalidClient, "The client is not registered.");
            }

            var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, request.ClientId)
                .SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, context.RequestAborted));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(static _ => [Destinations.AccessToken]);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (request.IsAuthorizationCodeGrantType())
        {
            // The code's principal, already checked by OpenIddict (client, redirect URI, PKCE verifier, expiry, single use).
            var code = await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var userId = code.Principal?.GetClaim(Claims.Subject);
            var user = userId is null ? null : await users.FindByIdAsync(userId);
            if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
            {
                // Disabled or locked between the sign-in and the exchange: no token.
                return Refuse(Errors.InvalidGrant, "The staff member is no longer allowed to sign in.");
            }

            var identity = new ClaimsIdentity(code.Principal!.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
            identity.SetDestinations(StaffClaimDestinations);
            return TypedResults.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        // OpenIddict refuses every other grant type before this point; this is the belt to its braces.
        return Refuse(Errors.UnsupportedGrantType, "The grant type is not supported.");
    }

    private static IEnumerable<string> StaffClaimDestinations(Claim claim) => claim.Type switch
    {
        Claims.Name when claim.Subject?.HasScope(Scopes.Profile) == true => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Subject => [Destinations.AccessToken, Destinations.IdentityToken],
        Claims.Name => [Destinations.AccessToken],
        _ => [Destinations.AccessToken],
    };

    private static IResult Refuse(string error, string description) => TypedResults.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
