using System.Net;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.IntegrationTests.Identity;

/// <summary>A one-time password must be changed before anything else (Two-factor is not required in this app).</summary>
public abstract class MustChangePasswordTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private const string NewPassword = "lantern orchard velvet compass";

    [Fact]
    public async Task One_time_password_sends_every_page_to_change_password_until_it_is_changed()
    {
        var user = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        await IdentityFlows.UpdateUserAsync(app, user.Id, u => u.MustChangePassword = true);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(AccountRequirements.ChangePasswordPath, IdentityFlows.RedirectPath(home));
        var patients = await client.GetAsync(new Uri("/patients", UriKind.Relative));
        Assert.Equal(AccountRequirements.ChangePasswordPath, IdentityFlows.RedirectPath(patients));

        var page = await IdentityFlows.GetPageAsync(client, AccountRequirements.ChangePasswordPath);
        Assert.Contains("data-testid=\"must-change-password\"", page, StringComparison.Ordinal);
        var changed = await IdentityFlows.PostFormAsync(client, AccountRequirements.ChangePasswordPath, page, "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = ClinicAppFixture.Password,
            ["Input.NewPassword"] = NewPassword,
            ["Input.ConfirmPassword"] = NewPassword,
        });

        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.False((await IdentityFlows.FindUserAsync(app, user.Id)).MustChangePassword);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
        await BrowserlessSignIn.SignInOrFailAsync(app.CreateClient(), user.Email!, NewPassword);
    }

    [Fact]
    public async Task Static_assets_the_blazor_circuit_and_health_checks_are_never_redirected()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        await IdentityFlows.UpdateUserAsync(app, user.Id, u => u.MustChangePassword = true);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/app.css", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/favicon.svg", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
        using var empty = new StringContent("");
        var negotiate = await client.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), empty);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
    }

    [Fact]
    public async Task New_password_must_differ_from_the_one_time_password()
    {
        var user = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        await IdentityFlows.UpdateUserAsync(app, user.Id, u => u.MustChangePassword = true);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        var page = await IdentityFlows.GetPageAsync(client, AccountRequirements.ChangePasswordPath);

        var response = await IdentityFlows.PostFormAsync(client, AccountRequirements.ChangePasswordPath, page, "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = ClinicAppFixture.Password,
            ["Input.NewPassword"] = ClinicAppFixture.Password,
            ["Input.ConfirmPassword"] = ClinicAppFixture.Password,
        });

        Assert.Contains("different from your current one", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True((await IdentityFlows.FindUserAsync(app, user.Id)).MustChangePassword);
    }
}

public sealed class MustChangePasswordTestsOnSqlite(SqliteApp app) : MustChangePasswordTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class MustChangePasswordTestsOnPostgres(PostgresApp app) : MustChangePasswordTests<PostgresApp>(app), IClassFixture<PostgresApp>;

/// <summary>With Identity:RequireTwoFactorForClinicalRoles=true (the default outside Development).</summary>
public abstract class RequiredTwoFactorTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Clinician_without_two_factor_is_sent_to_set_it_up_and_then_reaches_home()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal(AccountRequirements.EnableAuthenticatorPath, IdentityFlows.RedirectPath(home));
        Assert.Contains("data-testid=\"two-factor-required\"", await IdentityFlows.GetPageAsync(client, AccountRequirements.EnableAuthenticatorPath), StringComparison.Ordinal);

        await IdentityFlows.EnrolAuthenticatorAsync(client);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Intake_staff_are_not_required_to_set_up_two_factor()
    {
        var user = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task One_time_password_is_changed_before_two_factor_is_set_up()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        await IdentityFlows.UpdateUserAsync(app, user.Id, u => u.MustChangePassword = true);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var home = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(AccountRequirements.ChangePasswordPath, IdentityFlows.RedirectPath(home));
    }
}

public sealed class SqliteTwoFactorRequiredApp : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Identity:RequireTwoFactorForClinicalRoles"] = "true" };
}

public sealed class PostgresTwoFactorRequiredApp : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Identity:RequireTwoFactorForClinicalRoles"] = "true" };
}

public sealed class RequiredTwoFactorTestsOnSqlite(SqliteTwoFactorRequiredApp app) : RequiredTwoFactorTests<SqliteTwoFactorRequiredApp>(app), IClassFixture<SqliteTwoFactorRequiredApp>;

public sealed class RequiredTwoFactorTestsOnPostgres(PostgresTwoFactorRequiredApp app) : RequiredTwoFactorTests<PostgresTwoFactorRequiredApp>(app), IClassFixture<PostgresTwoFactorRequiredApp>;
