using System.Net;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;

namespace KetamineClinic.IntegrationTests.Kiosk;

/// <summary>An app whose kiosk allows 3 requests a minute from one address (the default is 30).</summary>
public sealed class RateLimitedKioskApp : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Kiosk:AttemptsPerMinute"] = "3" };
}

/// <summary>Codes cannot be guessed by trying them: the kiosk pages take a few requests a minute from one address, then
/// answer 429 with a page that tells the patient to wait, revealing nothing. Staff pages are not limited.</summary>
public sealed class KioskRateLimitTests(RateLimitedKioskApp app) : IClassFixture<RateLimitedKioskApp>
{
    [Fact]
    public async Task Trying_codes_from_one_address_is_stopped_after_the_limit()
    {
        var tablet = app.CreateClient();
        var answers = new List<HttpStatusCode>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            answers.Add((await tablet.GetAsync(new Uri($"/kiosk/{KioskCode.New()}", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        }

        var refused = await tablet.GetAsync(new Uri($"/kiosk/{KioskCode.New()}", UriKind.Relative), TestContext.Current.CancellationToken);
        var start = await tablet.GetAsync(new Uri("/kiosk", UriKind.Relative), TestContext.Current.CancellationToken);
        var signIn = await tablet.GetAsync(new Uri("/Account/Login", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("60", refused.Headers.RetryAfter?.ToString());
        Assert.Contains("Please wait a minute", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.TooManyRequests, start.StatusCode);
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
    }
}
