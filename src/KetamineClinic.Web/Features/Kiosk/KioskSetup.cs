using System.Security.Claims;
using System.Threading.RateLimiting;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Features.Kiosk;

/// <summary>Settings of the kiosk pages (section "Kiosk").</summary>
public sealed class KioskOptions
{
    /// <summary>Kiosk requests (start page, code, questionnaire, answers) one address may make per minute. A patient
    /// filling one questionnaire needs four or five; several tablets behind one address still fit.</summary>
    public int AttemptsPerMinute { get; set; } = 30;
}

/// <summary>
/// The kiosk: the staff handlers, the per-address rate limit on the code-bearing pages, and the guard that signs a
/// staff cookie out of a browser that opens a kiosk page (decision 8).
/// </summary>
public static class KioskSetup
{
    public const string RateLimitPolicy = "kiosk";

    /// <summary>Every kiosk page lives under this path; nothing else does.</summary>
    public const string PathPrefix = "/kiosk";

    public static IServiceCollection AddKiosk(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<KioskOptions>(configuration.GetSection("Kiosk"));
        services.AddScoped<OpenKioskLinkHandler>();
        services.AddScoped<WithdrawKioskLinkHandler>();
        services.AddScoped<ListOpenKioskLinksHandler>();
        services.AddScoped<KioskQuestionnaireHandler>();
        services.AddScoped<Outcomes.GetVisitMeasuresHandler>();
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = (context, cancellationToken) => WriteTooManyAsync(context.HttpContext, cancellationToken);
            options.AddPolicy(RateLimitPolicy, http =>
            {
                var perMinute = Math.Max(1, http.RequestServices.GetRequiredService<IOptionsMonitor<KioskOptions>>().CurrentValue.AttemptsPerMinute);
                return RateLimitPartition.GetFixedWindowLimiter(ClientKey(http), _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
        });
        return services;
    }

    /// <summary>After authentication, before authorization: a kiosk page opened in a browser that carries a staff
    /// sign-in signs that browser out, so a tablet handed to a patient never holds a staff session.</summary>
    public static IApplicationBuilder UseKioskSignOut(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase)
                && context.User.Identity?.IsAuthenticated == true)
            {
                var staff = context.User;
                await context.RequestServices.GetRequiredService<AccountAudit>()
                    .SignedOutAsync(context, staff, "Kiosk page opened in this browser", context.RequestAborted);
                await context.RequestServices.GetRequiredService<SignInManager<StaffUser>>().SignOutAsync();
                // The rest of this request (authorization, the antiforgery token the form carries) sees an anonymous tablet.
                context.User = new ClaimsPrincipal(new ClaimsIdentity());
            }

            await next(context);
        });

    /// <summary>The client's address (behind the deployment's proxy, the forwarded one: ASPNETCORE_FORWARDEDHEADERS_ENABLED).</summary>
    private static string ClientKey(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        return address is null ? "unknown" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
    }

    private static async ValueTask WriteTooManyAsync(HttpContext http, CancellationToken cancellationToken)
    {
        http.Response.Headers.RetryAfter = "60";
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "text/html; charset=utf-8";
        const string Page = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8" /><meta name="viewport" content="width=device-width, initial-scale=1.0" />
            <title>Please wait</title><link rel="stylesheet" href="/app.css" /></head>
            <body class="kiosk-body"><main class="kiosk-main"><h1>Please wait a minute</h1>
            <p>Too many codes were tried on this tablet. Wait a minute and try again, or hand the tablet back to the staff.</p>
            </main></body></html>
            """;
        await http.Response.WriteAsync(Page, cancellationToken);
    }

    /// <summary>The path as the request log writes it: a kiosk code is a secret for its 30 minutes, so
    /// "/kiosk/K7MQ2XPA" is logged as "/kiosk/{code}".</summary>
    public static string LoggedPath(PathString path) =>
        path.StartsWithSegments(PathPrefix, StringComparison.OrdinalIgnoreCase, out var rest)
        && rest.Value is { Length: > 1 } code && !code.Equals("/done", StringComparison.OrdinalIgnoreCase)
            ? PathPrefix + "/{code}"
            : path.Value ?? "";
}
