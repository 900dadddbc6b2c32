using System.Net;
using System.Text.RegularExpressions;

namespace KetamineClinic.IntegrationTests.Infrastructure;

/// <summary>Posts the real sign-in forms (static server-rendered pages with antiforgery tokens) the way a browser does.</summary>
public static partial class BrowserlessSignIn
{
    /// <summary>Fetches a page, then posts its form named <paramref name="formName"/> with the given fields and the
    /// page's antiforgery token. Returns the response (redirects are not followed).</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string formName, IDictionary<string, string> fields)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fields);
        var page = await client.GetAsync(new Uri(path, UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();
        var token = AntiforgeryToken(html) ?? throw new InvalidOperationException($"No antiforgery token on {path} ({(int)page.StatusCode}).");
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = formName,
        };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(new Uri(path, UriKind.Relative), content);
    }

    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string email, string password = ClinicAppFixture.Password) =>
        PostFormAsync(client, "/Account/Login", "login", new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });

    /// <summary>Signs in and fails the test unless the sign-in was accepted.</summary>
    public static async Task SignInOrFailAsync(HttpClient client, string email, string password = ClinicAppFixture.Password)
    {
        var response = await SignInAsync(client, email, password);
        if (response.StatusCode != HttpStatusCode.Redirect || response.Headers.Location?.OriginalString.Contains("Account/", StringComparison.Ordinal) == true)
        {
            throw new InvalidOperationException($"Sign-in of {email} was not accepted: {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    public static string? AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
