using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// Serilog: console and a rolling JSON file, request logging, the correlation id on every line. No patient health
/// information is logged: handlers log identifiers and outcomes, never names, notes or values.
/// </summary>
public static class Logging
{
    public static WebApplicationBuilder AddClinicLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var logFolder = builder.Configuration["Logging:Folder"] ?? Path.Combine(builder.Environment.ContentRootPath, "logs");
        builder.Services.AddSerilog((services, config) => config
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.EntityFrameworkCore", LogEventLevel.Warning)
            .MinimumLevel.Override("OpenIddict", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .Enrich.With<KioskCodeRedaction>()
            .WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture)
            .WriteTo.File(new CompactJsonFormatter(), Path.Combine(logFolder, "clinic-.json"), rollingInterval: RollingInterval.Day, retainedFileCountLimit: 30),
            // Each host gets its own logger and the static bootstrap logger is left alone: several hosts in one process
            // (parallel integration test fixtures) would otherwise race to freeze it ("The logger is already frozen").
            preserveStaticLogger: true);
        return builder;
    }

    public static IApplicationBuilder UseClinicRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
        {
            options.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            // Paths only, never query strings (a search box could put a patient's name there), and never a kiosk code.
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms";
            options.GetMessageTemplateProperties = (http, _, elapsedMs, statusCode) =>
            [
                new LogEventProperty("RequestMethod", new ScalarValue(http.Request.Method)),
                new LogEventProperty("RequestPath", new ScalarValue(Features.Kiosk.KioskSetup.LoggedPath(http.Request.Path))),
                new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
                new LogEventProperty("Elapsed", new ScalarValue(elapsedMs)),
            ];
        });
}

/// <summary>A kiosk code is a secret for its 30 minutes: every event logged during a kiosk request carries the request
/// path (the hosting scope's RequestPath), so that property is rewritten to "/kiosk/{code}" on every event, not only on
/// the request-completed line.</summary>
internal sealed class KioskCodeRedaction : Serilog.Core.ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, Serilog.Core.ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var name in (string[])["RequestPath", "Path"])
        {
            if (logEvent.Properties.TryGetValue(name, out var value) && value is ScalarValue { Value: string path }
                && path.StartsWith(Features.Kiosk.KioskSetup.PathPrefix, StringComparison.OrdinalIgnoreCase))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, new ScalarValue(Features.Kiosk.KioskSetup.LoggedPath(new PathString(path)))));
            }
        }
    }
}
