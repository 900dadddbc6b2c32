using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace KetamineClinic.IntegrationTests.Identity;

/// <summary>The account flows the identity tests walk through: the real static server-rendered forms, posted the way
/// a browser posts them.</summary>
public static partial class IdentityFlows
{
    /// <summary>Posts a form of a page already fetched (its antiforgery token is in <paramref name="html"/>).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string html, string formName, IDictionary<string, string> fields)
    {
        var token = BrowserlessSignIn.AntiforgeryToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {path}.");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = formName,
        };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static async Task<string> GetPageAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Sets up an authenticator app through /Account/Manage/EnableAuthenticator: reads the shared key from the
    /// page, answers with the current code and returns the key and the recovery codes shown once.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAuthenticatorAsync(HttpClient client)
    {
        const string path = "/Account/Manage/EnableAuthenticator";
        var html = await GetPageAsync(client, path);
        var key = SharedKey(html);
        var response = await PostFormAsync(client, path, html, "verify-authenticator", new Dictionary<string, string>
        {
            ["Input.Code"] = CurrentCode(key),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var codes = RecoveryCodePattern().Matches(await response.Content.ReadAsStringAsync()).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    public static string SharedKey(string html)
    {
        var match = SharedKeyPattern().Match(html);
        Assert.True(match.Success, "The page shows no shared key.");
        return match.Groups[1].Value.Replace(" ", "", StringComparison.Ordinal);
    }

    /// <summary>What the staff member's authenticator app would show now.</summary>
    public static string CurrentCode(string key) => new Totp(Base32Encoding.ToBytes(key)).ComputeTotp();

    /// <summary>The principal the sign-in cookie would carry (same claims factory), for checking session validity.</summary>
    public static async Task<ClaimsPrincipal> PrincipalForAsync(ClinicAppFixture app, string userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        return await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);
    }

    /// <summary>Changes an account directly in the store (arranging a test), e.g. to give it a one-time password.</summary>
    public static async Task UpdateUserAsync(ClinicAppFixture app, string userId, Action<StaffUser> change)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var user = await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
        change(user);
        var result = await users.UpdateAsync(user);
        Assert.True(result.Succeeded);
    }

    public static async Task<StaffUser> FindUserAsync(ClinicAppFixture app, string userId)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        return await users.FindByIdAsync(userId) ?? throw new InvalidOperationException("No such user.");
    }

    public static string? RedirectPath(HttpResponseMessage response) =>
        response.Headers.Location is { } location
            ? (location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0])
            : null;

    [GeneratedRegex("data-testid=\"shared-key\">([A-Z2-7 ]+)</code>")]
    private static partial Regex SharedKeyPattern();

    [GeneratedRegex("<code class=\"key\">([^<]+)</code>")]
    private static partial Regex RecoveryCodePattern();
}
