using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>Administrator gives a staff member a new one-time password (a forgotten password). It is shown once;
/// the staff member must change it at next sign-in. Open sessions end and a lockout is lifted.</summary>
public sealed record ResetStaffPassword(string UserId);

public sealed class ResetStaffPasswordValidator : AbstractValidator<ResetStaffPassword>
{
    public ResetStaffPasswordValidator() => RuleFor(c => c.UserId).NotEmpty();
}

public sealed class ResetStaffPasswordHandler(StaffAdministration administration, IValidator<ResetStaffPassword> validator)
{
    public async Task<Result<NewStaffAccount>> HandleAsync(StaffActor actor, ResetStaffPassword command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await administration.RunOnStaffAsync<NewStaffAccount>(
            actor,
            command.UserId,
            async (operation, user) =>
            {
                var users = operation.Users;
                var password = OneTimePassword.Generate();
                user.MustChangePassword = true;
                // Reset through a token so the password policy runs and the security stamp changes in the same save.
                var token = await users.GeneratePasswordResetTokenAsync(user);
                var reset = await users.ResetPasswordAsync(user, token, password);
                if (!reset.Succeeded)
                {
                    return StaffOperation.Failed(reset);
                }

                await users.ResetAccessFailedCountAsync(user);
                await users.SetLockoutEndDateAsync(user, null);
                return new NewStaffAccount(user.Id, user.Email ?? "", password);
            },
            issued => new StaffAuditNote(AuditAction.Update, issued.UserId, "Issued a one-time password"),
            cancellationToken);
    }
}
