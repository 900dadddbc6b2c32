using Serilog.Context;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// Every request gets a correlation id (the caller's X-Correlation-Id if it is a safe token, else a new one). It is
/// returned in the response header, written on every log line of the request, and shown on the error page.
/// </summary>
public static class CorrelationId
{
    public const string HeaderName = "X-Correlation-Id";
    private const string ItemKey = "kc.correlation_id";

    public static string Get(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items[ItemKey] as string ?? context.TraceIdentifier;
    }

    public static IApplicationBuilder UseCorrelationId(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var incoming = context.Request.Headers[HeaderName].ToString();
            var id = IsSafe(incoming) ? incoming : Guid.NewGuid().ToString("N");
            context.Items[ItemKey] = id;
            context.TraceIdentifier = id;
            context.Response.Headers[HeaderName] = id;
            using (LogContext.PushProperty("CorrelationId", id))
            {
                await next(context);
            }
        });

    private static bool IsSafe(string value) =>
        value.Length is > 0 and <= 64 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
