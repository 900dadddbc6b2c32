using KetamineClinic.Domain.Staff;

namespace KetamineClinic.Domain.Tests.Staff;

public sealed class StaffRulesTests
{
    private static readonly StaffAccountState ActiveAdministrator = new(IsAdministrator: true, IsDisabled: false);

    [Fact]
    public void Removing_the_administrator_role_from_the_last_active_administrator_is_refused()
    {
        var result = StaffRules.CheckChange(ActiveAdministrator, ActiveAdministrator with { IsAdministrator = false }, activeAdministrators: 1);

        Assert.Equal(StaffErrors.LastAdministrator, result.Error);
    }

    [Fact]
    public void Disabling_the_last_active_administrator_is_refused()
    {
        var result = StaffRules.CheckDisable("acting-admin", "other-admin", ActiveAdministrator, activeAdministrators: 1);

        Assert.Equal(StaffErrors.LastAdministrator, result.Error);
    }

    [Fact]
    public void The_last_active_administrator_disabling_their_own_account_is_told_they_are_the_last()
    {
        var result = StaffRules.CheckDisable("same-id", "same-id", ActiveAdministrator, activeAdministrators: 1);

        Assert.Equal(StaffErrors.LastAdministrator, result.Error);
    }

    [Fact]
    public void An_administrator_can_be_demoted_while_another_administrator_is_active()
    {
        var result = StaffRules.CheckChange(ActiveAdministrator, ActiveAdministrator with { IsAdministrator = false }, activeAdministrators: 2);

        Assert.True(result.IsSuccess);
        Assert.False(result.Value.IsActiveAdministrator);
    }

    [Fact]
    public void An_administrator_can_be_disabled_while_another_administrator_is_active()
    {
        var result = StaffRules.CheckDisable("acting-admin", "other-admin", ActiveAdministrator, activeAdministrators: 2);

        Assert.True(result.IsSuccess);
        Assert.True(result.Value.IsDisabled);
    }

    [Fact]
    public void An_administrator_cannot_disable_their_own_account()
    {
        var result = StaffRules.CheckDisable("same-id", "same-id", ActiveAdministrator, activeAdministrators: 3);

        Assert.Equal(StaffErrors.CannotDisableYourself, result.Error);
    }

    [Fact]
    public void A_disabled_administrator_is_not_the_one_keeping_the_clinic_managed()
    {
        var disabledAdministrator = new StaffAccountState(IsAdministrator: true, IsDisabled: true);

        var result = StaffRules.CheckChange(disabledAdministrator, disabledAdministrator with { IsAdministrator = false }, activeAdministrators: 1);

        Assert.True(result.IsSuccess);
    }

    [Fact]
    public void Changing_the_roles_of_a_non_administrator_is_allowed_even_with_one_administrator()
    {
        var nurse = new StaffAccountState(IsAdministrator: false, IsDisabled: false);

        Assert.True(StaffRules.CheckChange(nurse, nurse, activeAdministrators: 1).IsSuccess);
        Assert.True(StaffRules.CheckDisable("admin", "nurse", nurse, activeAdministrators: 1).IsSuccess);
    }

    [Fact]
    public void Roles_are_required()
    {
        Assert.Equal(StaffErrors.RoleRequired, StaffRules.ParseRoles([]).Error);
        Assert.Equal(StaffErrors.RoleRequired, StaffRules.ParseRoles(null).Error);
        Assert.Equal(StaffErrors.RoleRequired, StaffRules.ParseRoles([" "]).Error);
    }

    [Fact]
    public void An_unknown_role_is_refused_by_name()
    {
        var result = StaffRules.ParseRoles([StaffRoles.Nurse, "Surgeon"]);

        Assert.Equal("staff.unknown_role", result.Error?.Code);
        Assert.Contains("Surgeon", result.Error!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Roles_are_deduplicated_and_kept_in_the_usual_order()
    {
        var result = StaffRules.ParseRoles([StaffRoles.Administrator, StaffRoles.Nurse, StaffRoles.Administrator]);

        Assert.Equal([StaffRoles.Nurse, StaffRoles.Administrator], result.Value);
    }
}
