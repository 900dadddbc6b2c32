using System.Net;
using System.Text.Json;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Api;
using KetamineClinic.Web.Features.Admin.ApiClients;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Api;

/// <summary>GET /api/v1/clinic with tokens from the client credentials flow: the right token opens it, anything else is
/// a JSON problem, never a page or a redirect.</summary>
public abstract class ClinicApiTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Registered_machine_client_gets_a_token_and_reads_the_clinic()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);
        var client = OpenIdClient.CreateHttpsClient(app.Factory);

        var token = await OpenIdClient.ClientCredentialsAsync(client, registered.ClientId, registered.ClientSecret);
        using var response = await OpenIdClient.GetClinicAsync(client, token.AccessToken);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.InRange(int.Parse(token.ExpiresIn!, System.Globalization.CultureInfo.InvariantCulture), 590, 600); // ten minutes
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var settings = await app.Factory.Services.GetRequiredService<KetamineClinic.Web.Features.Admin.Settings.ClinicSettingsProvider>().GetAsync();
        Assert.Equal(settings.Name, json.RootElement.GetProperty("name").GetString());
        Assert.Equal(settings.TimeZoneId, json.RootElement.GetProperty("timeZone").GetString());
        Assert.Equal(ClinicApi.AppVersion, json.RootElement.GetProperty("version").GetString());
    }

    [Fact]
    public async Task Request_without_a_token_is_a_401_problem()
    {
        using var response = await OpenIdClient.GetClinicAsync(OpenIdClient.CreateHttpsClient(app.Factory), accessToken: null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("Bearer", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_staff_cookie_does_not_open_the_api()
    {
        var admin = await app.CreateStaffAsync(KetamineClinic.Domain.Staff.StaffRoles.Administrator);
        var browser = OpenIdClient.CreateHttpsClient(app.Factory);
        await BrowserlessSignIn.SignInOrFailAsync(browser, admin.Email!);

        using var response = await OpenIdClient.GetClinicAsync(browser, accessToken: null);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Token_without_the_clinic_read_scope_is_a_403_problem()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);
        var client = OpenIdClient.CreateHttpsClient(app.Factory);

        var token = await OpenIdClient.ClientCredentialsAsync(client, registered.ClientId, registered.ClientSecret, scope: null);
        using var response = await OpenIdClient.GetClinicAsync(client, token.AccessToken);

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        await AssertProblemAsync(response, HttpStatusCode.Forbidden);
        Assert.Contains("insufficient_scope", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Forged_token_is_a_401_problem()
    {
        using var response = await OpenIdClient.GetClinicAsync(OpenIdClient.CreateHttpsClient(app.Factory), "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.");

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Wrong_client_secret_is_refused_as_invalid_client()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);

        var token = await OpenIdClient.ClientCredentialsAsync(OpenIdClient.CreateHttpsClient(app.Factory), registered.ClientId, registered.ClientSecret + "x");

        Assert.Contains(token.StatusCode, new[] { HttpStatusCode.BadRequest, HttpStatusCode.Unauthorized });
        Assert.Equal("invalid_client", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async Task Machine_client_cannot_ask_for_a_scope_it_was_not_granted()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);

        var token = await OpenIdClient.ClientCredentialsAsync(OpenIdClient.CreateHttpsClient(app.Factory), registered.ClientId, registered.ClientSecret, "clinic.read profile");

        Assert.Equal("invalid_request", token.Error);
        Assert.Contains("not allowed to use the specified scope", token.ErrorDescription, StringComparison.Ordinal);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async Task Password_grant_is_refused()
    {
        var staff = await app.CreateStaffAsync(KetamineClinic.Domain.Staff.StaffRoles.Clinician);
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);

        var token = await OpenIdClient.RequestTokenAsync(OpenIdClient.CreateHttpsClient(app.Factory), new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = staff.Email!,
            ["password"] = ClinicAppFixture.Password,
            ["client_id"] = registered.ClientId,
            ["client_secret"] = registered.ClientSecret,
        });

        Assert.Equal(HttpStatusCode.BadRequest, token.StatusCode);
        Assert.Equal("unsupported_grant_type", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async Task Deleting_a_client_revokes_the_tokens_it_already_holds()
    {
        var registered = await OpenIdClient.RegisterMachineClientAsync(app);
        var client = OpenIdClient.CreateHttpsClient(app.Factory);
        var token = await OpenIdClient.ClientCredentialsAsync(client, registered.ClientId, registered.ClientSecret);
        var admin = await OpenIdClient.AdministratorAsync(app);

        await using (var scope = app.Factory.Services.CreateAsyncScope())
        {
            var deleted = await scope.ServiceProvider.GetRequiredService<DeleteApiClientHandler>().HandleAsync(new DeleteApiClient(registered.ClientId), admin);
            Assert.True(deleted.IsSuccess);
        }

        using var response = await OpenIdClient.GetClinicAsync(client, token.AccessToken);
        var again = await OpenIdClient.ClientCredentialsAsync(client, registered.ClientId, registered.ClientSecret);

        await AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("invalid_client", again.Error);
    }

    internal static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((int)expected, json.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(json.RootElement.GetProperty("title").GetString()));
    }
}

public sealed class ClinicApiTestsOnSqlite(SqliteApp app) : ClinicApiTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ClinicApiTestsOnPostgres(PostgresApp app) : ClinicApiTests<PostgresApp>(app), IClassFixture<PostgresApp>;
