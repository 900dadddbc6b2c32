using FluentValidation;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Components;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateBootstrapLogger();

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddClinicLogging();
    builder.AddClinicDatabase();
    builder.AddClinicIdentity();
    builder.Services.AddClinicPolicies();

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
    builder.Services.AddSingleton<ClinicSettingsProvider>();
    builder.Services.AddScoped<UpdateClinicSettingsHandler>();
    builder.Services.AddScoped<DemoSeeder>();
    builder.Services.AddClinicAudit();

    var app = builder.Build();

    app.UseCorrelationId();
    app.UseClinicRequestLogging();
    if (!app.Environment.IsDevelopment())
    {
        app.UseExceptionHandler("/Error", createScopeForErrors: true);
        app.UseHsts();
    }

    app.UseClinicSecurityHeaders();
    // HTML status pages for people; the API and the token endpoints keep their JSON problem details.
    app.UseWhen(
        context => !context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/connect"),
        branch => branch.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true));

    app.UseAuthentication();
    app.UseAuthorization();
    app.UseAntiforgery();

    app.MapStaticAssets().AllowAnonymous();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    app.MapAccountEndpoints();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

    await app.InitializeClinicDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "KetamineClinic failed to start");
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The web host's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
