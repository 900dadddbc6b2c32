using System.Net;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;

namespace KetamineClinic.IntegrationTests.Identity;

public abstract class SignInTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Staff_member_signs_in_and_reaches_home()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();

        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        // A nurse's home is the infusion floor.
        var floor = await client.GetAsync(home.Headers.Location ?? new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.EndsWith("/floor", home.Headers.Location?.OriginalString, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, floor.StatusCode);
        Assert.Contains("Test Nurse", await floor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_message()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);
        var client = app.CreateClient();

        var response = await BrowserlessSignIn.SignInAsync(client, user.Email!, "not the password at all");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The e-mail or password is not right.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Anonymous_request_to_a_page_is_sent_to_sign_in()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/admin/settings", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Account/Login", response.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
    }
}

public sealed class SignInTestsOnSqlite(SqliteApp app) : SignInTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SignInTestsOnPostgres(PostgresApp app) : SignInTests<PostgresApp>(app), IClassFixture<PostgresApp>;
