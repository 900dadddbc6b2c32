using System.Buffers.Text;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.ApiClients;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Api;

/// <summary>What an API client does, done over the app's real endpoints: register (through the admin handlers, as the
/// page does), ask the token endpoint, call the API. The OpenID Connect server insists on HTTPS outside Development, so
/// the clients here speak https to the test server.</summary>
public static class OpenIdClient
{
    public static readonly Uri Https = new("https://localhost");

    public static HttpClient CreateHttpsClient(ClinicAppFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = Https, AllowAutoRedirect = false, HandleCookies = true });

    public static string UniqueClientId(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 64)];

    /// <summary>A real administrator's principal, as the admin page passes it to the handlers.</summary>
    public static async Task<ClaimsPrincipal> AdministratorAsync(ClinicAppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<SignInManager<StaffUser>>().CreateUserPrincipalAsync(admin);
    }

    public static async Task<RegisteredMachineClient> RegisterMachineClientAsync(ClinicAppFixture app, params string[] scopes)
    {
        var admin = await AdministratorAsync(app);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<RegisterMachineClientHandler>();
        var result = await handler.HandleAsync(
            new RegisterMachineClient(UniqueClientId("machine"), "Monthly reporting", scopes.Length == 0 ? [ApiScopes.ClinicRead] : scopes),
            admin);
        return result.IsSuccess ? result.Value : throw new InvalidOperationException(result.Error!.ToString());
    }

    public static async Task<string> RegisterInteractiveClientAsync(ClinicAppFixture app, string redirectUri, params string[] scopes)
    {
        var admin = await AdministratorAsync(app);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var handler = scope.ServiceProvider.GetRequiredService<RegisterInteractiveClientHandler>();
        var result = await handler.HandleAsync(
            new RegisterInteractiveClient(UniqueClientId("tool"), "Clinic dashboard", [redirectUri], scopes.Length == 0 ? [ApiScopes.ClinicRead] : scopes),
            admin);
        return result.IsSuccess ? result.Value : throw new InvalidOperationException(result.Error!.ToString());
    }

    public static async Task<TokenResponse> RequestTokenAsync(HttpClient client, IDictionary<string, string> form)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri("/connect/token", UriKind.Relative), content);
        var body = await response.Content.ReadAsStringAsync();
        using var json = JsonDocument.Parse(body);
        string? Read(string name) => json.RootElement.TryGetProperty(name, out var value) ? value.ToString() : null;
        return new TokenResponse(response.StatusCode, Read("access_token"), Read("error"), Read("error_description"), Read("expires_in"));
    }

    public static Task<TokenResponse> ClientCredentialsAsync(HttpClient client, string clientId, string secret, string? scope = ApiScopes.ClinicRead)
    {
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        };
        if (scope is not null)
        {
            form["scope"] = scope;
        }

        return RequestTokenAsync(client, form);
    }

    public static async Task<HttpResponseMessage> GetClinicAsync(HttpClient client, string? accessToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/clinic", UriKind.Relative));
        if (accessToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        }

        return await client.SendAsync(request);
    }

    /// <summary>A PKCE verifier (43 characters of base64url) and its S256 challenge (RFC 7636).</summary>
    public static (string Verifier, string Challenge) NewPkce()
    {
        var verifier = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        return (verifier, challenge);
    }

    public static Uri AuthorizeUri(IDictionary<string, string> parameters) =>
        new("/connect/authorize" + Microsoft.AspNetCore.Http.QueryString.Create(parameters!), UriKind.Relative);
}

public sealed record TokenResponse(HttpStatusCode StatusCode, string? AccessToken, string? Error, string? ErrorDescription, string? ExpiresIn);
