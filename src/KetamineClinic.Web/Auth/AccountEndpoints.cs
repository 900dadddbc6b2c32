using KetamineClinic.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace KetamineClinic.Web.Auth;

public static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token; the return URL is always local (no open redirect).</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/Account");
        account.MapPost("/Logout", async (
            HttpContext context,
            [FromServices] SignInManager<StaffUser> signInManager,
            [FromServices] AccountAudit audit,
            [FromForm] string? returnUrl) =>
        {
            await audit.SignedOutAsync(context, context.User);
            await signInManager.SignOutAsync();
            var target = IsLocal(returnUrl) ? returnUrl! : "/";
            return TypedResults.LocalRedirect(target);
        }).RequireAuthorization(Policies.Staff);
        return endpoints;
    }

    private static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
