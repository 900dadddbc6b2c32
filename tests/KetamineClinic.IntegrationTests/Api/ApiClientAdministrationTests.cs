using System.Buffers.Text;
using System.Net;
using System.Text.Json;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.ApiClients;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OpenIddict.EntityFrameworkCore.Models;

namespace KetamineClinic.IntegrationTests.Api;

/// <summary>An administrator registers and removes API clients through the same handlers the admin page calls.</summary>
public abstract class ApiClientAdministrationTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Registering_a_machine_client_shows_its_secret_once_and_stores_only_a_hash()
    {
        var admin = await OpenIdClient.AdministratorAsync(app);
        var clientId = OpenIdClient.UniqueClientId("reports");
        RegisteredMachineClient registered;
        IReadOnlyList<ApiClientSummary> listed;
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<RegisterMachineClientHandler>()
                .HandleAsync(new RegisterMachineClient(clientId, "Monthly reporting", [ApiScopes.ClinicRead]), admin);
            registered = result.Value;
            listed = (await scope.ServiceProvider.GetRequiredService<ListApiClientsHandler>().HandleAsync(admin)).Value;
        }

        await using var db = await app.Factory.CreateDbContextAsync();
        var stored = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking().SingleAsync(a => a.ClientId == clientId);

        Assert.True(Base64Url.DecodeFromChars(registered.ClientSecret).Length >= 32);
        Assert.False(string.IsNullOrEmpty(stored.ClientSecret));
        Assert.DoesNotContain(registered.ClientSecret, stored.ClientSecret, StringComparison.Ordinal);
        var summary = Assert.Single(listed, c => c.ClientId == clientId);
        Assert.Equal(ApiClientKind.Machine, summary.Kind);
        Assert.Equal([ApiScopes.ClinicRead], summary.Scopes);
        Assert.DoesNotContain(registered.ClientSecret, JsonSerializer.Serialize(listed), StringComparison.Ordinal);
        // The hash is the real thing: the secret shown once is the one the token endpoint accepts.
        var token = await OpenIdClient.ClientCredentialsAsync(OpenIdClient.CreateHttpsClient(app.Factory), clientId, registered.ClientSecret);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Fact]
    public async Task Registering_and_deleting_a_client_are_audited()
    {
        var admin = await OpenIdClient.AdministratorAsync(app);
        var clientId = OpenIdClient.UniqueClientId("audited");
        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RegisterInteractiveClientHandler>()
                .HandleAsync(new RegisterInteractiveClient(clientId, "Dashboard", ["http://127.0.0.1:7890/callback"], [ApiScopes.ClinicRead, "openid"]), admin);
            await scope.ServiceProvider.GetRequiredService<DeleteApiClientHandler>().HandleAsync(new DeleteApiClient(clientId), admin);
        }

        await using var db = await app.Factory.CreateDbContextAsync();
        var events = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == ApiClientAdministration.AuditEntityType && e.EntityId == clientId)
            .OrderBy(e => e.Sequence).ToListAsync();

        Assert.Equal([AuditAction.Create, AuditAction.Delete], events.Select(e => e.Action));
        Assert.All(events, e => Assert.Equal(admin.Identity!.Name, e.UserName));
        Assert.All(events, e => Assert.Contains(StaffRoles.Administrator, e.Roles, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Duplicate_client_id_is_refused_with_a_message()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);
        var admin = await OpenIdClient.AdministratorAsync(app);
        await using var scope = app.Factory.Services.CreateAsyncScope();

        var again = await scope.ServiceProvider.GetRequiredService<RegisterMachineClientHandler>()
            .HandleAsync(new RegisterMachineClient(registered.ClientId, "Copy", [ApiScopes.ClinicRead]), admin);

        Assert.Equal(RegisterMachineClientHandler.AlreadyRegistered, again.Error);
    }

    [Theory]
    [InlineData("http://dashboard.test.clinic/callback")]
    [InlineData("https://dashboard.test.clinic/callback#fragment")]
    [InlineData("dashboard.test.clinic/callback")]
    public async Task Interactive_client_with_an_unsafe_redirect_uri_is_refused(string redirectUri)
    {
        var admin = await OpenIdClient.AdministratorAsync(app);
        var clientId = OpenIdClient.UniqueClientId("unsafe");
        await using var scope = app.Factory.Services.CreateAsyncScope();

        var result = await scope.ServiceProvider.GetRequiredService<RegisterInteractiveClientHandler>()
            .HandleAsync(new RegisterInteractiveClient(clientId, "Dashboard", [redirectUri], [ApiScopes.ClinicRead]), admin);

        Assert.Equal("validation", result.Error?.Code);
        Assert.Contains(redirectUri, result.Error!.Message, StringComparison.Ordinal);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.Set<OpenIddictEntityFrameworkCoreApplication>().AnyAsync(a => a.ClientId == clientId));
    }

    [Fact]
    public async Task Staff_member_who_is_not_an_administrator_cannot_register_a_client()
    {
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<SignInManager<KetamineClinic.Infrastructure.Identity.StaffUser>>().CreateUserPrincipalAsync(nurse);

        var result = await scope.ServiceProvider.GetRequiredService<RegisterMachineClientHandler>()
            .HandleAsync(new RegisterMachineClient(OpenIdClient.UniqueClientId("sneaky"), "Sneaky", [ApiScopes.ClinicRead]), principal);

        Assert.Equal(ApiClientAdministration.NotAllowed, result.Error);
    }

    [Fact]
    public async Task Administrator_sees_registered_clients_on_the_api_clients_page()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var browser = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(browser, admin.Email!);

        using var page = await browser.GetAsync(new Uri("/admin/api-clients", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Register machine client", html, StringComparison.Ordinal);
        Assert.Contains(registered.ClientId, html, StringComparison.Ordinal);
        Assert.DoesNotContain(registered.ClientSecret, html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clinic_read_scope_exists_after_start_up()
    {
        await using var db = await app.Factory.CreateDbContextAsync();

        Assert.True(await db.Set<OpenIddictEntityFrameworkCoreScope>().AnyAsync(s => s.Name == ApiScopes.ClinicRead));
    }
}

public sealed class ApiClientAdministrationTestsOnSqlite(SqliteApp app) : ApiClientAdministrationTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ApiClientAdministrationTestsOnPostgres(PostgresApp app) : ApiClientAdministrationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
