using System.Net;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Hosting;

namespace KetamineClinic.IntegrationTests.Security;

public sealed class PipelineTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Liveness_answers_without_signing_in()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_checks_the_database()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Every_page_carries_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signed_in_pages_are_never_cached()
    {
        var user = await app.CreateStaffAsync(KetamineClinic.Domain.Staff.StaffRoles.Clinician);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var response = await client.GetAsync(new Uri("/patients", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task Hsts_is_not_sent_in_development_like_environments()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/Account/Login", UriKind.Relative));

        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task Each_response_carries_a_correlation_id_and_keeps_a_safe_incoming_one()
    {
        var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add(CorrelationId.HeaderName, "abc-123");
        var echoed = await client.SendAsync(request);
        var fresh = await client.GetAsync(new Uri("/health/live", UriKind.Relative));

        Assert.Equal("abc-123", echoed.Headers.GetValues(CorrelationId.HeaderName).Single());
        Assert.Matches("^[0-9a-f]{32}$", fresh.Headers.GetValues(CorrelationId.HeaderName).Single());
    }

    [Fact]
    public async Task An_unsafe_incoming_correlation_id_is_replaced()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.TryAddWithoutValidation(CorrelationId.HeaderName, "<script>alert(1)</script>");
        var response = await app.CreateClient().SendAsync(request);

        Assert.Matches("^[0-9a-f]{32}$", response.Headers.GetValues(CorrelationId.HeaderName).Single());
    }

    [Fact]
    public async Task An_unknown_address_shows_the_not_found_page_not_an_error()
    {
        var user = await app.CreateStaffAsync(KetamineClinic.Domain.Staff.StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var response = await client.GetAsync(new Uri("/no-such-page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("Page not found", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
