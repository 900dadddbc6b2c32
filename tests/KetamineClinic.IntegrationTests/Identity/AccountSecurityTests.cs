using System.Net;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Identity;

public abstract class AccountSecurityTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Sixth_sign_in_after_five_failures_finds_the_account_locked_even_with_the_right_password()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await BrowserlessSignIn.SignInAsync(client, user.Email!, "wrong password, attempt " + i);
        }

        var sixth = await BrowserlessSignIn.SignInAsync(client, user.Email!, ClinicAppFixture.Password);

        Assert.Equal(HttpStatusCode.Redirect, sixth.StatusCode);
        Assert.EndsWith("/Account/Lockout", IdentityFlows.RedirectPath(sixth), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync(new Uri("/", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Disabled_account_is_refused_at_sign_in_with_a_message()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);
        await IdentityFlows.UpdateUserAsync(app, user.Id, u => u.IsDisabled = true);

        var response = await BrowserlessSignIn.SignInAsync(app.CreateClient(), user.Email!);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("This account is disabled", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_account_with_a_wrong_password_learns_nothing_about_being_disabled()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);
        await IdentityFlows.UpdateUserAsync(app, user.Id, u => u.IsDisabled = true);

        var response = await BrowserlessSignIn.SignInAsync(app.CreateClient(), user.Email!, "a guess at the password");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Contains("The e-mail or password is not right.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("This account is disabled", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_session_of_an_account_disabled_by_an_administrator_is_no_longer_valid()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var nurseSession = await IdentityFlows.PrincipalForAsync(app, nurse.Id);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var validator = scope.ServiceProvider.GetRequiredService<StaffSessionValidator>();
        Assert.True(await validator.IsStillValidAsync(nurseSession));

        var disabled = await scope.ServiceProvider.GetRequiredService<Web.Features.Admin.Staff.SetStaffDisabledHandler>()
            .HandleAsync(new(await IdentityFlows.PrincipalForAsync(app, admin.Id)), new(nurse.Id, Disabled: true));

        Assert.True(disabled.IsSuccess, disabled.Error?.Message);
        await using var freshScope = app.Factory.Services.CreateAsyncScope();
        Assert.False(await freshScope.ServiceProvider.GetRequiredService<StaffSessionValidator>().IsStillValidAsync(nurseSession));
    }

    [Fact]
    public async Task Failed_sign_in_is_audited_with_the_typed_email_and_never_the_password()
    {
        var user = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        const string wrongPassword = "the-wrong-password-7731";

        await BrowserlessSignIn.SignInAsync(app.CreateClient(), user.Email!, wrongPassword);

        await using var db = await app.Factory.CreateDbContextAsync();
        var row = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Action == AuditAction.FailedSignIn && e.UserName == user.Email);
        Assert.Equal(AuditOutcome.Failure, row.Outcome);
        Assert.Equal(user.Id, row.UserId);
        Assert.DoesNotContain(wrongPassword, row.Detail ?? "", StringComparison.Ordinal);
        var everyText = await db.AuditEvents.AsNoTracking().Select(e => (e.Detail ?? "") + (e.UserName ?? "")).ToListAsync();
        Assert.DoesNotContain(everyText, t => t.Contains(wrongPassword, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Sign_in_to_an_unknown_email_is_audited_as_failed()
    {
        var email = $"nobody-{Guid.NewGuid():N}@test.clinic";

        await BrowserlessSignIn.SignInAsync(app.CreateClient(), email, "whatever they typed");

        await using var db = await app.Factory.CreateDbContextAsync();
        var row = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.UserName == email);
        Assert.Equal(AuditAction.FailedSignIn, row.Action);
        Assert.Null(row.UserId);
    }

    [Fact]
    public async Task Sign_in_and_sign_out_are_audited()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        var home = await IdentityFlows.GetPageAsync(client, "/floor");
        var signOut = await IdentityFlows.PostFormAsync(client, "/Account/Logout", home, "", new Dictionary<string, string> { ["ReturnUrl"] = "/" });

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        await using var db = await app.Factory.CreateDbContextAsync();
        var actions = await db.AuditEvents.AsNoTracking().Where(e => e.UserId == user.Id).Select(e => e.Action).ToListAsync();
        Assert.Contains(AuditAction.SignIn, actions);
        Assert.Contains(AuditAction.SignOut, actions);
    }

    [Fact]
    public async Task Common_password_is_refused_when_staff_change_their_password()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);
        var page = await IdentityFlows.GetPageAsync(client, AccountRequirements.ChangePasswordPath);

        var response = await IdentityFlows.PostFormAsync(client, AccountRequirements.ChangePasswordPath, page, "change-password", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = ClinicAppFixture.Password,
            ["Input.NewPassword"] = "Password1234",
            ["Input.ConfirmPassword"] = "Password1234",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("list of commonly used passwords", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

public sealed class AccountSecurityTestsOnSqlite(SqliteApp app) : AccountSecurityTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AccountSecurityTestsOnPostgres(PostgresApp app) : AccountSecurityTests<PostgresApp>(app), IClassFixture<PostgresApp>;
