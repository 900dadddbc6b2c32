using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Staff;

/// <summary>An account as the staff rules see it: whether it holds the Administrator role and whether it is disabled.</summary>
public sealed record StaffAccountState(bool IsAdministrator, bool IsDisabled)
{
    /// <summary>An enabled administrator: someone who can still sign in and manage staff.</summary>
    public bool IsActiveAdministrator => IsAdministrator && !IsDisabled;
}

/// <summary>Rules for changing staff accounts. The clinic must always keep at least one active administrator, or
/// nobody could manage accounts again without direct database access.</summary>
public static class StaffRules
{
    /// <summary>Checks a change to one account (a role change, disabling or enabling) against the number of active
    /// administrators before the change. Returns the proposed state, or why it is refused.</summary>
    public static Result<StaffAccountState> CheckChange(StaffAccountState current, StaffAccountState proposed, int activeAdministrators)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(proposed);
        var removesAnAdministrator = current.IsActiveAdministrator && !proposed.IsActiveAdministrator;
        if (removesAnAdministrator && activeAdministrators <= 1)
        {
            return StaffErrors.LastAdministrator;
        }

        return proposed;
    }

    /// <summary>Disabling must keep an active administrator, and an administrator may not disable their own account
    /// (they would lose the session doing it).</summary>
    public static Result<StaffAccountState> CheckDisable(string actingUserId, string targetUserId, StaffAccountState current, int activeAdministrators)
    {
        ArgumentNullException.ThrowIfNull(current);
        var change = CheckChange(current, current with { IsDisabled = true }, activeAdministrators);
        if (change.IsSuccess && string.Equals(actingUserId, targetUserId, StringComparison.Ordinal))
        {
            return StaffErrors.CannotDisableYourself;
        }

        return change;
    }

    /// <summary>The roles to give an account: at least one, each one of <see cref="StaffRoles.All"/>, no repeats, in
    /// the usual order.</summary>
    public static Result<IReadOnlyList<string>> ParseRoles(IEnumerable<string>? roles)
    {
        var chosen = (roles ?? []).Select(r => r?.Trim() ?? "").Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        if (chosen.Count == 0)
        {
            return StaffErrors.RoleRequired;
        }

        var unknown = chosen.FirstOrDefault(r => !StaffRoles.All.Contains(r));
        if (unknown is not null)
        {
            return StaffErrors.UnknownRole(unknown);
        }

        IReadOnlyList<string> ordered = [.. StaffRoles.All.Where(chosen.Contains)];
        return Result<IReadOnlyList<string>>.Success(ordered);
    }
}

public static class StaffErrors
{
    public static readonly DomainError LastAdministrator = new(
        "staff.last_administrator",
        "This is the last active administrator. Make another staff member an administrator first, so someone can still manage staff accounts.");

    public static readonly DomainError CannotDisableYourself = new(
        "staff.cannot_disable_yourself",
        "You cannot disable your own account. Ask another administrator to do it.");

    public static readonly DomainError RoleRequired = new("staff.role_required", "Choose at least one role.");

    public static readonly DomainError EmailTaken = new("staff.email_taken", "A staff account with this e-mail address already exists.");

    public static readonly DomainError NotFound = new("staff.not_found", "That staff account no longer exists. Reload the list.");

    public static readonly DomainError NotAllowed = new("staff.not_allowed", "Only an administrator can manage staff accounts.");

    public static readonly DomainError ChangedConcurrently = new(
        "staff.changed_concurrently",
        "Another administrator changed staff accounts at the same moment. Reload the list and try again.");

    public static DomainError UnknownRole(string role) => new("staff.unknown_role", $"'{role}' is not a staff role.");
}
