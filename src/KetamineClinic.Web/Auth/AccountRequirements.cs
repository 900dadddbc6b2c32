using System.Security.Claims;
using KetamineClinic.Domain.Staff;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// What a signed-in staff member must do before using the clinic: replace a one-time password, and (when the setting
/// requires it for their role) set up an authenticator app. Read from the sign-in cookie's claims, which are
/// refreshed when the staff member changes their account.
/// </summary>
public static class AccountRequirements
{
    public const string ChangePasswordPath = "/Account/Manage/ChangePassword";
    public const string EnableAuthenticatorPath = "/Account/Manage/EnableAuthenticator";

    public static bool MustChangePassword(ClaimsPrincipal user) =>
        user?.FindFirstValue(ClinicClaims.MustChangePassword) == "true";

    public static bool MustEnrolTwoFactor(ClaimsPrincipal user, IdentitySettings settings) =>
        settings?.RequireTwoFactorForClinicalRoles == true
        && user?.FindFirstValue(ClinicClaims.TwoFactorEnabled) == "false"
        && StaffRoles.RequireTwoFactor.Any(user.IsInRole);

    /// <summary>True when the roles need two-factor sign-in under the current settings.</summary>
    public static bool TwoFactorRequiredFor(IEnumerable<string> roles, IdentitySettings settings) =>
        settings?.RequireTwoFactorForClinicalRoles == true && roles.Any(StaffRoles.RequireTwoFactor.Contains);

    /// <summary>The page the staff member must visit first, or null when nothing is pending.</summary>
    public static string? PendingPage(ClaimsPrincipal user, IdentitySettings settings)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        if (MustChangePassword(user))
        {
            return ChangePasswordPath;
        }

        return MustEnrolTwoFactor(user, settings) ? EnableAuthenticatorPath : null;
    }
}

/// <summary>Sends a signed-in staff member with a pending requirement to the page that settles it. Account pages, the
/// Blazor framework and circuit, static assets and health checks are never redirected.</summary>
public sealed class AccountRequirementsMiddleware(RequestDelegate next, IOptionsMonitor<IdentitySettings> settings)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var pending = AccountRequirements.PendingPage(context.User, settings.CurrentValue);
        if (pending is null || IsExempt(context))
        {
            return next(context);
        }

        context.Response.Redirect(context.Request.PathBase + pending);
        return Task.CompletedTask;
    }

    private static bool IsExempt(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_framework", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_blazor", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/_content", StringComparison.OrdinalIgnoreCase)
            || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // Static assets (MapStaticAssets endpoints, e.g. app.css, favicon.svg, js/clinic.js).
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;
    }
}

public static class AccountRequirementsExtensions
{
    /// <summary>After UseAuthorization: needs the signed-in user and the matched endpoint.</summary>
    public static IApplicationBuilder UseAccountRequirements(this IApplicationBuilder app) =>
        app.UseMiddleware<AccountRequirementsMiddleware>();
}
