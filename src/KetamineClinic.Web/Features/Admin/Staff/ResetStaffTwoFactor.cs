using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>Administrator resets a staff member's two-factor sign-in (a lost phone): the authenticator key and
/// recovery codes are replaced, two-factor is off, and the account's sessions end. The staff member sets up an
/// authenticator app again at next sign-in (required for clinical roles outside Development).</summary>
public sealed record ResetStaffTwoFactor(string UserId);

public sealed class ResetStaffTwoFactorValidator : AbstractValidator<ResetStaffTwoFactor>
{
    public ResetStaffTwoFactorValidator() => RuleFor(c => c.UserId).NotEmpty();
}

public sealed class ResetStaffTwoFactorHandler(StaffAdministration administration, IValidator<ResetStaffTwoFactor> validator)
{
    public async Task<Result<StaffChanged>> HandleAsync(StaffActor actor, ResetStaffTwoFactor command, CancellationToken cancellationToken = default)
    {
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
                var users = operation.Users;
                var steps = new[]
                {
                    await users.ResetAuthenticatorKeyAsync(user),
                    await users.SetTwoFactorEnabledAsync(user, false),
                };
                // Recovery codes from the old set-up must not keep working.
                await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
                var stamped = await users.UpdateSecurityStampAsync(user);
                var failed = steps.Append(stamped).FirstOrDefault(r => !r.Succeeded);
                return failed is null ? new StaffChanged(user.Id, user.Email ?? "") : StaffOperation.Failed(failed);
            },
            changed => new StaffAuditNote(AuditAction.Update, changed.UserId, "Reset two-factor sign-in"),
            cancellationToken);
    }
}
