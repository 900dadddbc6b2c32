namespace KetamineClinic.Web.Hosting;

/// <summary>Security headers on every response (architecture.md, "Identity and access").</summary>
public static class SecurityHeaders
{
    // Blazor Server needs inline styles from MudBlazor and a websocket back to the same origin; nothing is loaded from
    // another origin. 'wasm-unsafe-eval' is not needed (no WebAssembly).
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseClinicSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                // Pages for signed-in staff may show patient data, and a kiosk page must not come back from the cache
                // after its link is used (back button, reload): never cached by the browser or a proxy.
                if (context.User.Identity?.IsAuthenticated == true || IsAccountApiOrKiosk(context.Request.Path))
                {
                    headers.CacheControl = "no-store";
                    headers.Pragma = "no-cache";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });

    private static bool IsAccountApiOrKiosk(PathString path) =>
        path.StartsWithSegments("/Account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments(Features.Kiosk.KioskSetup.PathPrefix, StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/connect", StringComparison.OrdinalIgnoreCase);
}
