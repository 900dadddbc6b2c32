using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Net.Http.Headers;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// Under /api a refused request gets a JSON problem details answer (401 without a valid token, 403 with a token that
/// lacks the scope) and a <c>WWW-Authenticate: Bearer</c> header, never the sign-in page or an HTML error. Everything
/// else keeps ASP.NET Core's behaviour (the staff cookie redirects to sign-in).
/// </summary>
public sealed class ApiAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public static bool IsApiRequest(HttpContext context) =>
        context?.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) == true;

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Succeeded || !IsApiRequest(context))
        {
            return _default.HandleAsync(next, context, policy, authorizeResult);
        }

        if (authorizeResult.Forbidden)
        {
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer error=\"insufficient_scope\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Not allowed",
                detail: "The access token does not grant the scope this API needs.").ExecuteAsync(context);
        }

        var presentedToken = context.Request.Headers.Authorization.Count > 0;
        context.Response.Headers[HeaderNames.WWWAuthenticate] = presentedToken ? "Bearer error=\"invalid_token\"" : "Bearer";
        return TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "Access token required",
            detail: presentedToken
                ? "The access token is not valid: it may have expired or its client may have been revoked."
                : "Send a bearer access token from the clinic's token endpoint (/connect/token).").ExecuteAsync(context);
    }
}
