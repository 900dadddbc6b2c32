using System.Net;
using System.Text.RegularExpressions;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.IntegrationTests.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Staff;
using KetamineClinic.Web.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Admin;

/// <summary>The staff-administration handlers on a real database, as the /admin/staff page calls them.</summary>
public abstract partial class StaffAdministrationTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private async Task<(T Handler, AsyncServiceScope Scope)> HandlerAsync<T>()
        where T : notnull
    {
        var scope = app.Factory.Services.CreateAsyncScope();
        return (scope.ServiceProvider.GetRequiredService<T>(), scope);
    }

    private async Task<StaffActor> ActorAsync(StaffUser user) => new(await IdentityFlows.PrincipalForAsync(app, user.Id));

    /// <summary>Disables every other administrator, so <paramref name="admin"/> is the last active one.</summary>
    private async Task MakeLastActiveAdministratorAsync(StaffUser admin)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        foreach (var other in (await users.GetUsersInRoleAsync(StaffRoles.Administrator)).Where(u => u.Id != admin.Id && !u.IsDisabled))
        {
            other.IsDisabled = true;
            await users.UpdateAsync(other);
        }
    }

    [Fact]
    public async Task Last_active_administrator_cannot_be_disabled()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        await MakeLastActiveAdministratorAsync(admin);

        var (handler, scope) = await HandlerAsync<SetStaffDisabledHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new SetStaffDisabled(admin.Id, Disabled: true));

            Assert.Equal(StaffErrors.LastAdministrator, result.Error);
        }

        Assert.False((await IdentityFlows.FindUserAsync(app, admin.Id)).IsDisabled);
    }

    [Fact]
    public async Task Disabled_administrator_with_a_session_not_yet_revalidated_can_no_longer_manage_staff()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var staleSession = await ActorAsync(admin);
        await IdentityFlows.UpdateUserAsync(app, admin.Id, u => u.IsDisabled = true);

        var (handler, scope) = await HandlerAsync<SetStaffDisabledHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(staleSession, new SetStaffDisabled(nurse.Id, Disabled: true));

            Assert.Equal(StaffErrors.NotAllowed, result.Error);
        }

        Assert.False((await IdentityFlows.FindUserAsync(app, nurse.Id)).IsDisabled);
    }

    [Fact]
    public async Task Last_active_administrator_cannot_be_demoted()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        await MakeLastActiveAdministratorAsync(admin);

        var (handler, scope) = await HandlerAsync<ChangeStaffRolesHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new ChangeStaffRoles(admin.Id, [StaffRoles.Clinician]));

            Assert.Equal(StaffErrors.LastAdministrator, result.Error);
        }

        await using var check = app.Factory.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.Equal([StaffRoles.Administrator], await users.GetRolesAsync(await users.FindByIdAsync(admin.Id) ?? throw new InvalidOperationException()));
    }

    [Fact]
    public async Task Administrator_can_be_demoted_while_another_is_active_and_the_change_is_audited()
    {
        var actor = await app.CreateStaffAsync(StaffRoles.Administrator);
        var other = await app.CreateStaffAsync(StaffRoles.Administrator);
        var stampBefore = other.SecurityStamp;
        long lastSequenceBefore;
        await using (var before = await app.Factory.CreateDbContextAsync())
        {
            lastSequenceBefore = await before.AuditEvents.MaxAsync(e => e.Sequence);
        }

        var (handler, scope) = await HandlerAsync<ChangeStaffRolesHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(actor), new ChangeStaffRoles(other.Id, [StaffRoles.Clinician, StaffRoles.Nurse]));

            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        await using var check = app.Factory.Services.CreateAsyncScope();
        var users = check.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var updated = await users.FindByIdAsync(other.Id) ?? throw new InvalidOperationException();
        Assert.Equal([StaffRoles.Clinician, StaffRoles.Nurse], (await users.GetRolesAsync(updated)).Order(StringComparer.Ordinal));
        Assert.NotEqual(stampBefore, updated.SecurityStamp);
        await using var db = await app.Factory.CreateDbContextAsync();
        // The data change is audited by the interceptor; the administrator's action is audited with what it did.
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.Sequence > lastSequenceBefore && e.EntityType == "StaffUser" && e.EntityId == other.Id && e.Action == AuditAction.Update).ToListAsync();
        Assert.All(rows, r => Assert.Equal(actor.Id, r.UserId));
        Assert.Single(rows, r => r.Detail != null && r.Detail.Contains("Clinician", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Administrator_cannot_disable_their_own_account()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        await app.CreateStaffAsync(StaffRoles.Administrator);

        var (handler, scope) = await HandlerAsync<SetStaffDisabledHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new SetStaffDisabled(admin.Id, Disabled: true));

            Assert.Equal(StaffErrors.CannotDisableYourself, result.Error);
        }
    }

    [Fact]
    public async Task Non_administrator_cannot_use_the_staff_handlers()
    {
        var clinician = await app.CreateStaffAsync(StaffRoles.Clinician);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);

        var (handler, scope) = await HandlerAsync<ChangeStaffRolesHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(clinician), new ChangeStaffRoles(nurse.Id, [StaffRoles.Administrator]));

            Assert.Equal(StaffErrors.NotAllowed, result.Error);
        }
    }

    [Fact]
    public async Task Added_staff_member_signs_in_with_the_one_time_password_and_must_change_it()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var email = $"new-nurse-{Guid.NewGuid():N}@test.clinic";

        var (handler, scope) = await HandlerAsync<AddStaffHandler>();
        NewStaffAccount created;
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new AddStaff("Nina Nurse", email, [StaffRoles.Nurse]));
            Assert.True(result.IsSuccess, result.Error?.Message);
            created = result.Value;
        }

        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, email, created.OneTimePassword);
        var home = await client.GetAsync(new Uri("/", UriKind.Relative));
        Assert.Equal(AccountRequirements.ChangePasswordPath, IdentityFlows.RedirectPath(home));
        await using var db = await app.Factory.CreateDbContextAsync();
        var rows = await db.AuditEvents.AsNoTracking().Where(e => e.EntityId == created.UserId && e.Action == AuditAction.Create).ToListAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Equal(admin.Id, r.UserId));
        Assert.All(rows, r => Assert.DoesNotContain(created.OneTimePassword, r.Detail ?? "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Adding_a_second_account_with_the_same_email_is_refused()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var existing = await app.CreateStaffAsync(StaffRoles.Nurse);

        var (handler, scope) = await HandlerAsync<AddStaffHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new AddStaff("Someone Else", existing.Email!.ToUpperInvariant(), [StaffRoles.Nurse]));

            Assert.Equal(StaffErrors.EmailTaken, result.Error);
        }
    }

    [Fact]
    public async Task Reset_two_factor_turns_it_off_and_ends_open_sessions()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, nurse.Email!);
        await IdentityFlows.EnrolAuthenticatorAsync(client);
        var session = await IdentityFlows.PrincipalForAsync(app, nurse.Id);

        var (handler, scope) = await HandlerAsync<ResetStaffTwoFactorHandler>();
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new ResetStaffTwoFactor(nurse.Id));
            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        await using var check = app.Factory.Services.CreateAsyncScope();
        Assert.False(await check.ServiceProvider.GetRequiredService<StaffSessionValidator>().IsStillValidAsync(session));
        var users = check.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var updated = await users.FindByIdAsync(nurse.Id) ?? throw new InvalidOperationException();
        Assert.False(updated.TwoFactorEnabled);
        Assert.Equal(0, await users.CountRecoveryCodesAsync(updated));
        await BrowserlessSignIn.SignInOrFailAsync(app.CreateClient(), nurse.Email!);
    }

    [Fact]
    public async Task Reset_password_issues_a_one_time_password_and_lifts_a_lockout()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            await BrowserlessSignIn.SignInAsync(client, nurse.Email!, "forgotten password " + i);
        }

        var (handler, scope) = await HandlerAsync<ResetStaffPasswordHandler>();
        NewStaffAccount issued;
        await using (scope)
        {
            var result = await handler.HandleAsync(await ActorAsync(admin), new ResetStaffPassword(nurse.Id));
            Assert.True(result.IsSuccess, result.Error?.Message);
            issued = result.Value;
        }

        Assert.Equal(HttpStatusCode.OK, (await BrowserlessSignIn.SignInAsync(app.CreateClient(), nurse.Email!, ClinicAppFixture.Password)).StatusCode);
        var fresh = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(fresh, nurse.Email!, issued.OneTimePassword);
        Assert.Equal(AccountRequirements.ChangePasswordPath, IdentityFlows.RedirectPath(await fresh.GetAsync(new Uri("/", UriKind.Relative))));
    }

    [Fact]
    public async Task Staff_list_shows_roles_and_sign_in_state_and_finds_by_name_or_email()
    {
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse, moreRoles: [StaffRoles.IntakeStaff]);
        await IdentityFlows.UpdateUserAsync(app, nurse.Id, u => u.IsDisabled = true);

        var (handler, scope) = await HandlerAsync<ListStaffHandler>();
        await using (scope)
        {
            var byEmail = await handler.HandleAsync(new ListStaff(0, 25, nurse.Email![..12].ToUpperInvariant()));
            var row = Assert.Single(byEmail.Items, i => i.Id == nurse.Id);
            Assert.Equal([StaffRoles.IntakeStaff, StaffRoles.Nurse], row.Roles);
            Assert.True(row.IsDisabled);
            Assert.False(row.TwoFactorEnabled);

            var page = await handler.HandleAsync(new ListStaff(0, 2));
            Assert.True(page.Items.Count <= 2);
            Assert.True(page.TotalCount >= 1);
        }
    }

    [Fact]
    public async Task Staff_page_is_for_administrators_only()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var clinician = await app.CreateStaffAsync(StaffRoles.Clinician);
        var adminClient = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(adminClient, admin.Email!);
        var clinicianClient = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(clinicianClient, clinician.Email!);

        Assert.Contains("Add staff", await IdentityFlows.GetPageAsync(adminClient, "/admin/staff"), StringComparison.Ordinal);
        Assert.DoesNotContain("Add staff", await (await clinicianClient.GetAsync(new Uri("/admin/staff", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_admin_command_creates_an_administrator_who_signs_in_with_the_printed_password()
    {
        var email = $"first-admin-{Guid.NewGuid():N}@test.clinic";
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await new CreateAdminCommand(app.Factory.Services, output, error).RunAsync(["--email", email, "--name", "First Admin"]);

        Assert.Equal(CreateAdminCommand.Success, exitCode);
        var password = OneTimePasswordLine().Match(output.ToString()).Groups[1].Value;
        Assert.NotEmpty(password);
        Assert.Contains(email, output.ToString(), StringComparison.Ordinal);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, email, password);
        Assert.Equal(AccountRequirements.ChangePasswordPath, IdentityFlows.RedirectPath(await client.GetAsync(new Uri("/", UriKind.Relative))));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        var created = await users.FindByEmailAsync(email) ?? throw new InvalidOperationException();
        Assert.True(await users.IsInRoleAsync(created, StaffRoles.Administrator));
        Assert.Equal("First Admin", created.DisplayName);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("")]
    public async Task Create_admin_command_refuses_an_invalid_email(string email)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await new CreateAdminCommand(app.Factory.Services, output, error).RunAsync(email.Length == 0 ? [] : ["--email", email]);

        Assert.NotEqual(CreateAdminCommand.Success, exitCode);
        Assert.Contains("create-admin:", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task Create_admin_command_refuses_an_email_that_already_has_an_account()
    {
        var existing = await app.CreateStaffAsync(StaffRoles.Nurse);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await new CreateAdminCommand(app.Factory.Services, output, error).RunAsync(["--email", existing.Email!]);

        Assert.NotEqual(CreateAdminCommand.Success, exitCode);
        Assert.Contains("already exists", error.ToString(), StringComparison.Ordinal);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        Assert.False(await users.IsInRoleAsync(await users.FindByEmailAsync(existing.Email!) ?? throw new InvalidOperationException(), StaffRoles.Administrator));
    }

    [GeneratedRegex("One-time password: (\\S+)")]
    private static partial Regex OneTimePasswordLine();
}

public sealed class StaffAdministrationTestsOnSqlite(SqliteApp app) : StaffAdministrationTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class StaffAdministrationTestsOnPostgres(PostgresApp app) : StaffAdministrationTests<PostgresApp>(app), IClassFixture<PostgresApp>;
