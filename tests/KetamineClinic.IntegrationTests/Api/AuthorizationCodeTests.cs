using System.Net;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.WebUtilities;

namespace KetamineClinic.IntegrationTests.Api;

/// <summary>The authorization code flow for a tool a staff member signs in to: PKCE with S256 is required, `plain` and
/// a missing challenge are refused, and the code only ever goes to a redirect URI registered exactly.</summary>
public abstract class AuthorizationCodeTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private const string RedirectUri = "https://dashboard.test.clinic/signed-in";

    [Fact]
    public async Task Signed_in_staff_member_completes_the_code_flow_with_pkce_and_reads_the_clinic()
    {
        var clientId = await OpenIdClient.RegisterInteractiveClientAsync(app, RedirectUri);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var browser = OpenIdClient.CreateHttpsClient(app.Factory);
        await BrowserlessSignIn.SignInOrFailAsync(browser, nurse.Email!);
        var (verifier, challenge) = OpenIdClient.NewPkce();

        using var authorize = await browser.GetAsync(OpenIdClient.AuthorizeUri(Request(clientId, challenge)));
        var callback = authorize.Headers.Location!;
        var query = QueryHelpers.ParseQuery(callback.Query);
        var token = await OpenIdClient.RequestTokenAsync(OpenIdClient.CreateHttpsClient(app.Factory), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = query["code"].ToString(),
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = verifier,
        });
        using var api = await OpenIdClient.GetClinicAsync(OpenIdClient.CreateHttpsClient(app.Factory), token.AccessToken);

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        Assert.StartsWith(RedirectUri + "?", callback.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("opaque-state", query["state"].ToString());
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task Code_is_not_exchanged_without_the_matching_verifier()
    {
        var clientId = await OpenIdClient.RegisterInteractiveClientAsync(app, RedirectUri);
        var clinician = await app.CreateStaffAsync(StaffRoles.Clinician);
        var browser = OpenIdClient.CreateHttpsClient(app.Factory);
        await BrowserlessSignIn.SignInOrFailAsync(browser, clinician.Email!);
        var (_, challenge) = OpenIdClient.NewPkce();
        var (otherVerifier, _) = OpenIdClient.NewPkce();

        using var authorize = await browser.GetAsync(OpenIdClient.AuthorizeUri(Request(clientId, challenge)));
        var code = QueryHelpers.ParseQuery(authorize.Headers.Location!.Query)["code"].ToString();
        var token = await OpenIdClient.RequestTokenAsync(OpenIdClient.CreateHttpsClient(app.Factory), new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = RedirectUri,
            ["code_verifier"] = otherVerifier,
        });

        Assert.False(string.IsNullOrEmpty(code));
        Assert.Equal("invalid_grant", token.Error);
        Assert.Null(token.AccessToken);
    }

    [Fact]
    public async Task Anonymous_browser_is_sent_to_sign_in_and_back()
    {
        var clientId = await OpenIdClient.RegisterInteractiveClientAsync(app, RedirectUri);
        var (_, challenge) = OpenIdClient.NewPkce();

        using var authorize = await OpenIdClient.CreateHttpsClient(app.Factory).GetAsync(OpenIdClient.AuthorizeUri(Request(clientId, challenge)));

        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        var location = authorize.Headers.Location!;
        Assert.Equal("/Account/Login", location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0]);
        Assert.Contains("/connect/authorize", Uri.UnescapeDataString(location.OriginalString), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plain_code_challenge_method_is_refused()
    {
        var clientId = await OpenIdClient.RegisterInteractiveClientAsync(app, RedirectUri);
        var browser = await SignedInBrowserAsync();
        var (verifier, _) = OpenIdClient.NewPkce();
        var request = Request(clientId, verifier);
        request["code_challenge_method"] = "plain";

        using var authorize = await browser.GetAsync(OpenIdClient.AuthorizeUri(request));

        await AssertRefusedWithoutCodeAsync(authorize, "'code_challenge_method' is not supported");
    }

    [Fact]
    public async Task Authorization_request_without_a_code_challenge_is_refused()
    {
        var clientId = await OpenIdClient.RegisterInteractiveClientAsync(app, RedirectUri);
        var browser = await SignedInBrowserAsync();
        var request = Request(clientId, "unused");
        request.Remove("code_challenge");
        request.Remove("code_challenge_method");

        using var authorize = await browser.GetAsync(OpenIdClient.AuthorizeUri(request));

        await AssertRefusedWithoutCodeAsync(authorize, "'code_challenge' parameter is missing");
    }

    [Theory]
    [InlineData("https://dashboard.test.clinic/signed-in/")]
    [InlineData("https://dashboard.test.clinic/signed-in?next=/")]
    [InlineData("https://evil.example/signed-in")]
    [InlineData("http://dashboard.test.clinic/signed-in")]
    public async Task Redirect_uri_not_registered_exactly_is_refused(string redirectUri)
    {
        var clientId = await OpenIdClient.RegisterInteractiveClientAsync(app, RedirectUri);
        var browser = await SignedInBrowserAsync();
        var (_, challenge) = OpenIdClient.NewPkce();
        var request = Request(clientId, challenge);
        request["redirect_uri"] = redirectUri;

        using var authorize = await browser.GetAsync(OpenIdClient.AuthorizeUri(request));

        // Never sent to the unregistered address, with or without a code.
        await AssertRefusedWithoutCodeAsync(authorize, "'redirect_uri' is not valid for this client");
    }

    private async Task<HttpClient> SignedInBrowserAsync()
    {
        var staff = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        var browser = OpenIdClient.CreateHttpsClient(app.Factory);
        await BrowserlessSignIn.SignInOrFailAsync(browser, staff.Email!);
        return browser;
    }

    private static Dictionary<string, string> Request(string clientId, string challenge) => new()
    {
        ["client_id"] = clientId,
        ["response_type"] = "code",
        ["redirect_uri"] = RedirectUri,
        ["scope"] = ApiScopes.ClinicRead,
        ["state"] = "opaque-state",
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
    };

    /// <summary>OpenIddict refuses before trusting the redirect URI: a 400 naming the error, no redirect and so no code.</summary>
    private static async Task AssertRefusedWithoutCodeAsync(HttpResponseMessage authorize, string expectedReason)
    {
        var body = await authorize.Content.ReadAsStringAsync();
        Assert.True(authorize.StatusCode == HttpStatusCode.BadRequest, $"{(int)authorize.StatusCode}: {body}");
        Assert.Null(authorize.Headers.Location);
        Assert.Contains("error:invalid_request", body, StringComparison.Ordinal);
        Assert.Contains(expectedReason, body, StringComparison.Ordinal);
        Assert.DoesNotContain("code=", body, StringComparison.Ordinal);
    }
}

public sealed class AuthorizationCodeTestsOnSqlite(SqliteApp app) : AuthorizationCodeTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuthorizationCodeTestsOnPostgres(PostgresApp app) : AuthorizationCodeTests<PostgresApp>(app), IClassFixture<PostgresApp>;
