using System.Reflection;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineClinic.Web.Api;

/// <summary>The clinic's API, version 1: bearer tokens from the clinic's own OpenID Connect server.</summary>
public static class ClinicApi
{
    /// <summary>The app's informational version (the Web assembly is the entry assembly in every real run; reading it
    /// by type also gives the right answer under a test host).</summary>
    public static readonly string AppVersion =
        typeof(ClinicApi).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(ClinicApi).Assembly.GetName().Version?.ToString()
        ?? "unknown";

    public static IEndpointRouteBuilder MapClinicApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var api = endpoints.MapGroup("/api/v1").RequireAuthorization(Policies.ApiClinicRead);
        api.MapGet("/clinic", GetClinicAsync);
        return endpoints;
    }

    private static async Task<Ok<ClinicInfo>> GetClinicAsync(ClinicSettingsProvider settings, CancellationToken cancellationToken)
    {
        var clinic = await settings.GetAsync(cancellationToken);
        return TypedResults.Ok(new ClinicInfo(clinic.Name, clinic.TimeZoneId, AppVersion));
    }
}

/// <summary>The clinic's public facts: its name, its IANA time zone and the app's version.</summary>
public sealed record ClinicInfo(string Name, string TimeZone, string Version);
