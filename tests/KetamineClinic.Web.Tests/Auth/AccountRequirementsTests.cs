using System.Security.Claims;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Tests.Auth;

public sealed class AccountRequirementsTests
{
    private static readonly IdentitySettings TwoFactorRequired = new() { RequireTwoFactorForClinicalRoles = true };
    private static readonly IdentitySettings TwoFactorOptional = new() { RequireTwoFactorForClinicalRoles = false };

    private static ClaimsPrincipal SignedIn(string role, bool twoFactor, bool mustChangePassword) =>
        new(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, "user-1"),
                new Claim(ClaimTypes.Role, role),
                new Claim(ClinicClaims.TwoFactorEnabled, twoFactor ? "true" : "false"),
                new Claim(ClinicClaims.MustChangePassword, mustChangePassword ? "true" : "false"),
            ],
            authenticationType: "Identity.Application"));

    [Fact]
    public void One_time_password_must_be_changed_first()
    {
        var user = SignedIn(StaffRoles.Clinician, twoFactor: false, mustChangePassword: true);

        Assert.Equal(AccountRequirements.ChangePasswordPath, AccountRequirements.PendingPage(user, TwoFactorRequired));
    }

    [Fact]
    public void Clinician_without_two_factor_must_set_it_up_when_the_setting_requires_it()
    {
        var user = SignedIn(StaffRoles.Clinician, twoFactor: false, mustChangePassword: false);

        Assert.Equal(AccountRequirements.EnableAuthenticatorPath, AccountRequirements.PendingPage(user, TwoFactorRequired));
        Assert.Null(AccountRequirements.PendingPage(user, TwoFactorOptional));
    }

    [Fact]
    public void Intake_staff_are_not_required_to_use_two_factor()
    {
        var user = SignedIn(StaffRoles.IntakeStaff, twoFactor: false, mustChangePassword: false);

        Assert.Null(AccountRequirements.PendingPage(user, TwoFactorRequired));
    }

    [Fact]
    public void Nothing_is_pending_for_an_enrolled_clinician_or_an_anonymous_visitor()
    {
        Assert.Null(AccountRequirements.PendingPage(SignedIn(StaffRoles.Clinician, twoFactor: true, mustChangePassword: false), TwoFactorRequired));
        Assert.Null(AccountRequirements.PendingPage(new ClaimsPrincipal(new ClaimsIdentity()), TwoFactorRequired));
    }
}
