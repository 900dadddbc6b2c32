using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// Writes sign-ins, failed sign-ins, sign-outs and a staff member's own account changes to the audit trail, with the
/// client's address. Never records a password or a code: only what happened and to which account.
/// </summary>
public sealed class AccountAudit(IAuditTrail trail, UserManager<StaffUser> users, TimeProvider time)
{
    public const string EntityType = "StaffUser";

    /// <summary>Longest typed user name kept (a mistyped field must not fill the audit table).</summary>
    private const int MaxTypedNameLength = 256;

    public Task SignedInAsync(HttpContext http, StaffUser user, string how, CancellationToken cancellationToken = default) =>
        RecordOwnAsync(http, user, AuditAction.SignIn, how, cancellationToken);

    /// <summary>A refused sign-in: <paramref name="typedName"/> is what was typed in the e-mail field.</summary>
    public async Task SignInFailedAsync(HttpContext http, string? typedName, StaffUser? user, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var name = (typedName ?? user?.Email ?? "").Trim();
        if (name.Length > MaxTypedNameLength)
        {
            name = name[..MaxTypedNameLength];
        }

        await trail.RecordAsync(
            new AuditEntry(
                time.GetUtcNow().UtcDateTime,
                AuditAction.FailedSignIn,
                EntityType,
                EntityId: user?.Id,
                Outcome: AuditOutcome.Failure,
                UserId: user?.Id,
                UserName: name,
                ClientAddress: ClientAddress(http),
                Detail: reason),
            cancellationToken);
    }

    /// <summary>A sign-out; <paramref name="detail"/> says why when the staff member did not ask for it (e.g. a kiosk
    /// page opened in their browser).</summary>
    public async Task SignedOutAsync(HttpContext http, ClaimsPrincipal principal, string? detail = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(principal);
        var userId = users.GetUserId(principal);
        await trail.RecordAsync(
            new AuditEntry(
                time.GetUtcNow().UtcDateTime,
                AuditAction.SignOut,
                EntityType,
                EntityId: userId,
                UserId: userId,
                UserName: principal.FindFirstValue(ClaimTypes.Email) ?? users.GetUserName(principal),
                Roles: string.Join(',', principal.FindAll(ClaimTypes.Role).Select(c => c.Value)),
                ClientAddress: ClientAddress(http),
                Detail: detail),
            cancellationToken);
    }

    /// <summary>The staff member changed their own account (password, authenticator, recovery codes).</summary>
    public Task ChangedOwnAccountAsync(HttpContext http, StaffUser user, string detail, CancellationToken cancellationToken = default) =>
        RecordOwnAsync(http, user, AuditAction.Update, detail, cancellationToken);

    /// <summary>An event a staff member caused on their own account.</summary>
    private async Task RecordOwnAsync(HttpContext http, StaffUser user, AuditAction action, string detail, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);
        await trail.RecordAsync(
            new AuditEntry(
                time.GetUtcNow().UtcDateTime,
                action,
                EntityType,
                EntityId: user.Id,
                UserId: user.Id,
                UserName: user.Email,
                Roles: await RolesAsync(user),
                ClientAddress: ClientAddress(http),
                Detail: detail),
            cancellationToken);
    }

    public static string? ClientAddress(HttpContext http) => http?.Connection.RemoteIpAddress?.ToString();

    private async Task<string> RolesAsync(StaffUser user) => string.Join(',', await users.GetRolesAsync(user));
}
