using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Staff;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>Administrator disables or re-enables a staff account. A disabled account cannot sign in, and its open
/// sessions end at their next security-stamp check. The last active administrator cannot be disabled, nor can an
/// administrator disable their own account.</summary>
public sealed record SetStaffDisabled(string UserId, bool Disabled);

public sealed class SetStaffDisabledValidator : AbstractValidator<SetStaffDisabled>
{
    public SetStaffDisabledValidator() => RuleFor(c => c.UserId).NotEmpty();
}

public sealed class SetStaffDisabledHandler(StaffAdministration administration, IValidator<SetStaffDisabled> validator)
{
    public async Task<Result<StaffChanged>> HandleAsync(StaffActor actor, SetStaffDisabled command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await administration.RunOnStaffAsync<StaffChanged>(
            actor,
            command.UserId,
            async (operation, user) =>
            {
                if (command.Disabled)
                {
                    var check = StaffRules.CheckDisable(
                        actor.UserId ?? "",
                        user.Id,
                        await operation.StateAsync(user),
                        await operation.CountActiveAdministratorsAsync(cancellationToken));
                    if (!check.IsSuccess)
                    {
                        return check.Error!;
                    }
                }

                user.IsDisabled = command.Disabled;
                // Saves the flag with a new security stamp: every cookie and open circuit of the account ends at its
                // next revalidation.
                var saved = await operation.Users.UpdateSecurityStampAsync(user);
                return saved.Succeeded ? new StaffChanged(user.Id, user.Email ?? "") : StaffOperation.Failed(saved);
            },
            changed => new StaffAuditNote(AuditAction.Update, changed.UserId, command.Disabled ? "Disabled staff account" : "Enabled staff account"),
            cancellationToken);
    }
}
