using FluentValidation;
using KetamineClinic.Web.Api;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Components;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Admin.Staff;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.FollowUps;
using KetamineClinic.Web.Features.History;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Kiosk;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Reports;
using KetamineClinic.Web.Features.Scheduling;
using KetamineClinic.Web.Features.Sessions;
using KetamineClinic.Web.Features.Scheduling.Instructions;
using KetamineClinic.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MudBlazor.Services;
using Serilog;

try
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddClinicLogging();
    builder.AddClinicDatabase();
    builder.AddClinicIdentity();
    builder.AddClinicOpenIddict();
    builder.Services.AddClinicPolicies();

    builder.Services.AddSingleton(TimeProvider.System);
    builder.Services.AddHttpContextAccessor();
    builder.Services.AddRazorComponents().AddInteractiveServerComponents();
    builder.Services.AddMudServices();
    builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton);
    builder.Services.AddSingleton<ClinicSettingsProvider>();
    builder.Services.AddScoped<UpdateClinicSettingsHandler>();
    builder.Services.AddStaffAdministration();
    builder.Services.AddProtocolsConsentAndCourses();
    builder.Services.AddScoped<DemoSeeder>();
    builder.Services.AddScoped<IStartupSeeder, ClinicalDefaultsSeeder>();
    builder.Services.AddClinicAudit();
    builder.Services.AddIntakeFeatures();
    builder.Services.AddPatientRegistry();
    builder.Services.AddScoped<KetamineClinic.Web.Features.Admin.ChairsAndHours.ChairsAndHoursHandler>();
    builder.Services.AddScheduling();
    builder.Services.AddInfusionSessions();
    builder.Services.AddFollowUpsAndBoosters();
    builder.Services.AddClinicReports();
    builder.Services.AddKiosk(builder.Configuration);
    builder.Services.AddTreatmentHistoryAndReviews();

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
    app.UseRouting(); // after the status-code pages, so a re-executed request is routed again
    app.UseRateLimiter(); // after routing: the kiosk pages name their limit

    app.UseAuthentication();
    app.UseKioskSignOut(); // a kiosk page never runs with a staff sign-in (decision 8)
    app.UseAuthorization();
    app.UseAccountRequirements();
    app.UseAntiforgery();

    app.MapStaticAssets().AllowAnonymous();
    app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    app.MapAccountEndpoints();
    app.MapClinicOpenIddict();
    app.MapClinicApi();
    app.MapAppointmentCalendarFile();
    app.MapClinicReports();
    app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
    app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();

    if (args.Length > 0 && args[0] == CreateAdminCommand.Name)
    {
        return await CreateAdminCommand.RunAsync(app, args[1..]);
    }

    await app.InitializeClinicDatabaseAsync();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    // No static bootstrap logger: it can be frozen only once, which breaks hosts started side by side in tests.
    await using var fatal = new LoggerConfiguration().WriteTo.Console(formatProvider: System.Globalization.CultureInfo.InvariantCulture).CreateLogger();
    fatal.Fatal(ex, "KetamineClinic failed to start");
    throw;
}

/// <summary>The web host's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
