using System.Net;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;

namespace KetamineClinic.IntegrationTests.Identity;

public abstract class TwoFactorTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Staff_member_sets_up_an_authenticator_and_then_signs_in_with_password_and_code()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var (key, _) = await IdentityFlows.EnrolAuthenticatorAsync(client);
        Assert.True((await IdentityFlows.FindUserAsync(app, user.Id)).TwoFactorEnabled);
        Assert.Contains(">On<", await IdentityFlows.GetPageAsync(client, "/Account/Manage"), StringComparison.Ordinal);

        var fresh = app.CreateClient();
        var password = await BrowserlessSignIn.SignInAsync(fresh, user.Email!);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        Assert.EndsWith("/Account/LoginWith2fa", IdentityFlows.RedirectPath(password), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);

        var code = await BrowserlessSignIn.PostFormAsync(fresh, "/Account/LoginWith2fa", "login-with-2fa", new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = IdentityFlows.CurrentCode(key),
        });

        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.DoesNotContain("Account/", code.Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("Test Clinician", await IdentityFlows.GetPageAsync(fresh, "/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_authenticator_code_is_refused_with_a_message()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        var (key, _) = await IdentityFlows.EnrolAuthenticatorAsync(client);
        var wrong = ((int.Parse(IdentityFlows.CurrentCode(key), System.Globalization.CultureInfo.InvariantCulture) + 500_000) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

        var fresh = app.CreateClient();
        await BrowserlessSignIn.SignInAsync(fresh, user.Email!);
        var response = await BrowserlessSignIn.PostFormAsync(fresh, "/Account/LoginWith2fa", "login-with-2fa", new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = wrong,
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("That code is not right", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_code_signs_in_once_and_not_twice()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        var (_, recoveryCodes) = await IdentityFlows.EnrolAuthenticatorAsync(client);

        var first = app.CreateClient();
        await BrowserlessSignIn.SignInAsync(first, user.Email!);
        var accepted = await BrowserlessSignIn.PostFormAsync(first, "/Account/LoginWithRecoveryCode", "login-with-recovery-code", new Dictionary<string, string>
        {
            ["Input.RecoveryCode"] = recoveryCodes[0],
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Contains("Test Nurse", await IdentityFlows.GetPageAsync(first, "/floor"), StringComparison.Ordinal);

        var second = app.CreateClient();
        await BrowserlessSignIn.SignInAsync(second, user.Email!);
        var refused = await BrowserlessSignIn.PostFormAsync(second, "/Account/LoginWithRecoveryCode", "login-with-recovery-code", new Dictionary<string, string>
        {
            ["Input.RecoveryCode"] = recoveryCodes[0],
        });

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("has been used already", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Code_page_without_a_password_first_sends_back_to_sign_in()
    {
        var response = await app.CreateClient().GetAsync(new Uri("/Account/LoginWith2fa", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.EndsWith("/Account/Login", IdentityFlows.RedirectPath(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Resetting_the_authenticator_turns_two_factor_off_and_shows_a_new_key()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        var (oldKey, _) = await IdentityFlows.EnrolAuthenticatorAsync(client);
        var page = await IdentityFlows.GetPageAsync(client, "/Account/Manage/ResetAuthenticator");

        var reset = await IdentityFlows.PostFormAsync(client, "/Account/Manage/ResetAuthenticator", page, "reset-authenticator", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.False((await IdentityFlows.FindUserAsync(app, user.Id)).TwoFactorEnabled);
        var newKey = IdentityFlows.SharedKey(await IdentityFlows.GetPageAsync(client, "/Account/Manage/EnableAuthenticator"));
        Assert.NotEqual(oldKey, newKey);
    }

    [Fact]
    public async Task Manage_pages_need_a_signed_in_staff_member()
    {
        foreach (var path in new[] { "/Account/Manage", "/Account/Manage/ChangePassword", "/Account/Manage/EnableAuthenticator", "/Account/Manage/GenerateRecoveryCodes", "/Account/Manage/ResetAuthenticator" })
        {
            var response = await app.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.EndsWith("/Account/Login", IdentityFlows.RedirectPath(response), StringComparison.Ordinal);
        }
    }
}

public sealed class TwoFactorTestsOnSqlite(SqliteApp app) : TwoFactorTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class TwoFactorTestsOnPostgres(PostgresApp app) : TwoFactorTests<PostgresApp>(app), IClassFixture<PostgresApp>;
