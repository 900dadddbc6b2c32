using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Staff;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>Administrator sets a staff member's roles. Removing the Administrator role from the last active
/// administrator is refused. The account's sessions end at their next check, so the new roles apply at once.</summary>
public sealed record ChangeStaffRoles(string UserId, IReadOnlyList<string> Roles);

public sealed record StaffChanged(string UserId, string Email);

public sealed class ChangeStaffRolesValidator : AbstractValidator<ChangeStaffRoles>
{
    public ChangeStaffRolesValidator()
    {
        RuleFor(c => c.UserId).NotEmpty();
        RuleFor(c => c.Roles).Must(r => StaffRules.ParseRoles(r).IsSuccess)
            .WithMessage(c => StaffRules.ParseRoles(c.Roles).Error?.Message ?? "");
    }
}

public sealed class ChangeStaffRolesHandler(StaffAdministration administration, IValidator<ChangeStaffRoles> validator)
{
    public async Task<Result<StaffChanged>> HandleAsync(StaffActor actor, ChangeStaffRoles command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var roles = StaffRules.ParseRoles(command.Roles).Value;
        IReadOnlyList<string> before = [];
        return await administration.RunOnStaffAsync<StaffChanged>(
            actor,
            command.UserId,
            async (operation, user) =>
            {
                before = [.. await operation.Users.GetRolesAsync(user)];
                var current = await operation.StateAsync(user);
                var check = StaffRules.CheckChange(
                    current,
                    current with { IsAdministrator = roles.Contains(StaffRoles.Administrator) },
                    await operation.CountActiveAdministratorsAsync(cancellationToken));
                if (!check.IsSuccess)
                {
                    return check.Error!;
                }

                var removed = await operation.Users.RemoveFromRolesAsync(user, before.Except(roles));
                if (!removed.Succeeded)
                {
                    return StaffOperation.Failed(removed);
                }

                var added = await operation.Users.AddToRolesAsync(user, roles.Except(before));
                if (!added.Succeeded)
                {
                    return StaffOperation.Failed(added);
                }

                // A new stamp ends the account's open sessions at their next check, so removed roles stop working.
                await operation.Users.UpdateSecurityStampAsync(user);
                return new StaffChanged(user.Id, user.Email ?? "");
            },
            changed => new StaffAuditNote(
                AuditAction.Update,
                changed.UserId,
                $"Roles changed from [{string.Join(", ", StaffRoles.All.Where(before.Contains))}] to [{string.Join(", ", roles)}]"),
            cancellationToken);
    }
}
