using System.Security.Claims;
using KetamineClinic.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Auth;

/// <summary>The one rule for "is this signed-in staff member still allowed in": the account exists, is not disabled
/// or locked out, and its security stamp is the one the sign-in was issued with.</summary>
public sealed class StaffSessionValidator(UserManager<StaffUser> userManager, IOptions<IdentityOptions> options)
{
    public async Task<bool> IsStillValidAsync(ClaimsPrincipal principal)
    {
        var user = await userManager.GetUserAsync(principal);
        if (user is null || user.IsDisabled || await userManager.IsLockedOutAsync(user))
        {
            return false;
        }

        var principalStamp = principal.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
        var userStamp = await userManager.GetSecurityStampAsync(user);
        return string.Equals(principalStamp, userStamp, StringComparison.Ordinal);
    }
}
