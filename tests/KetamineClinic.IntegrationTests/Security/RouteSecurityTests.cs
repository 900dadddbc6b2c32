using System.Net;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Navigation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Security;

/// <summary>
/// Every page and endpoint requires a signed-in user with a named policy unless it is on the explicit allow-list
/// below, and each role reaches exactly the pages its policies admit (the route × role matrix).
/// </summary>
public sealed class RouteSecurityTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    /// <summary>Open without signing in, and why.</summary>
    private static readonly string[] AnonymousAllowList =
    [
        "/Account/Login", // signing in
        "/Account/LoginWith2fa", // second step of signing in
        "/Account/LoginWithRecoveryCode", // second step, with a recovery code
        "/Account/Lockout", // shown after too many failed sign-ins
        "/Error", // the error page must render for anyone
        "/not-found", // the 404 page
        "/health/live", // load balancer
        "/health/ready", // load balancer
        "/connect/token", // OAuth clients authenticate with their own credentials
        "/connect/authorize", // the endpoint itself challenges to the staff sign-in
        "/kiosk", // the clinic tablet: type a kiosk code (rate-limited, decision 8)
        "/kiosk/{Code}", // the clinic tablet: the one questionnaire a one-time code opens (rate-limited, decision 8)
        "/kiosk/done", // the clinic tablet: "thank you", nothing else
    ];

    private List<RouteEndpoint> Endpoints() =>
        app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();

    // MapStaticAssets' endpoints, and its fallback for unknown file names (which the fallback policy still guards).
    private static bool IsStaticAsset(RouteEndpoint e) =>
        e.Metadata.Any(m => m.GetType().Name.Contains("StaticAsset", StringComparison.Ordinal))
        || (e.RoutePattern.RawText?.EndsWith(":file}", StringComparison.Ordinal) == true && e.Metadata.GetMetadata<IAllowAnonymous>() is null);

    private static bool IsBlazorInfrastructure(RouteEndpoint e) =>
        e.RoutePattern.RawText?.StartsWith("/_blazor", StringComparison.Ordinal) == true
        || e.RoutePattern.RawText?.StartsWith("_blazor", StringComparison.Ordinal) == true
        || e.RoutePattern.RawText?.StartsWith("/_framework", StringComparison.Ordinal) == true;

    private static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    [Fact]
    public void Every_endpoint_names_a_policy_or_is_on_the_anonymous_allow_list()
    {
        var offenders = new List<string>();
        foreach (var endpoint in Endpoints().Where(e => !IsStaticAsset(e) && !IsBlazorInfrastructure(e)))
        {
            var route = Route(endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).ToList();
            var allowListed = AnonymousAllowList.Contains(route, StringComparer.OrdinalIgnoreCase);
            if (anonymous && !allowListed)
            {
                offenders.Add($"{route} is open to anonymous users but not on the allow-list");
            }
            else if (!anonymous && !allowListed && (policies.Count == 0 || policies.Any(string.IsNullOrEmpty)))
            {
                offenders.Add($"{route} does not name a policy ({endpoint.DisplayName}: {string.Join(", ", endpoint.Metadata.Select(m => m.GetType().Name))})");
            }
        }

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void Static_assets_and_the_Blazor_hub_are_the_only_other_open_endpoints()
    {
        var blazorHub = Endpoints().Where(IsBlazorInfrastructure).ToList();
        Assert.NotEmpty(blazorHub);
        Assert.Contains(Endpoints(), IsStaticAsset);
        // The hub itself is not anonymous: the fallback policy requires a signed-in user to open a circuit.
        Assert.All(blazorHub, e => Assert.Null(e.Metadata.GetMetadata<IAllowAnonymous>()));
    }

    [Fact]
    public async Task A_circuit_cannot_be_opened_without_signing_in()
    {
        var response = await app.CreateClient().PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    public static TheoryData<string> Roles() => new(StaffRoles.All);

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_reaches_exactly_the_pages_its_policies_admit(string role)
    {
        var user = await app.CreateStaffAsync(role);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var pages = Endpoints()
            .Where(e => e.Metadata.GetMetadata<ComponentTypeMetadata>() is not null)
            .Where(e => !e.RoutePattern.Parameters.Any())
            .Select(e => (Route: Route(e), Policies: e.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToList()))
            .Where(p => p.Policies.Count > 0)
            .DistinctBy(p => p.Route)
            .ToList();
        Assert.Contains(pages, p => p.Route == "/admin/settings");

        var wrong = new List<string>();
        foreach (var (route, policies) in pages)
        {
            var allowed = policies.All(p => Policies.RolesByPolicy.TryGetValue(p, out var roles) && roles.Contains(role));
            var response = await client.GetAsync(new Uri(route, UriKind.Relative));
            var location = response.Headers.Location?.OriginalString ?? "";
            var denied = response.StatusCode == HttpStatusCode.Redirect && location.Contains("/Account/AccessDenied", StringComparison.Ordinal);
            // Authorization passed: the page rendered, or the page itself sent the user on (e.g. recovery codes need
            // two-factor first) rather than to sign-in or "not allowed".
            var reached = response.StatusCode == HttpStatusCode.OK
                || (response.StatusCode == HttpStatusCode.Redirect && !denied && !location.Contains("/Account/Login", StringComparison.Ordinal));
            if (allowed && !reached)
            {
                wrong.Add($"{role} should reach {route} but got {(int)response.StatusCode} {location}");
            }
            else if (!allowed && !denied)
            {
                wrong.Add($"{role} should be refused {route} but got {(int)response.StatusCode} {location}");
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Theory]
    [MemberData(nameof(Roles))]
    public async Task Each_role_sees_its_own_navigation_and_every_link_opens(string role)
    {
        var expected = new Dictionary<string, string[]>
        {
            [StaffRoles.IntakeStaff] = ["Patients", "Calendar", "Follow-ups"],
            [StaffRoles.Nurse] = ["Today's floor", "Calendar"],
            [StaffRoles.Clinician] = ["Today's floor", "Patients", "Calendar", "Follow-ups", "Reviews", "Reports"],
            [StaffRoles.Administrator] = ["Reports", "Staff", "API clients", "Chairs and hours", "Staff availability", "Settings", "Protocols", "Consent text", "Audit"],
        }[role];
        var items = NavItems.For(r => r == role).ToList();
        Assert.Equal(expected, items.Select(i => i.Title));

        var user = await app.CreateStaffAsync(role);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        foreach (var item in items)
        {
            var response = await client.GetAsync(new Uri("/" + item.Href, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{role}: {item.Title} ({item.Href}) answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }
}
