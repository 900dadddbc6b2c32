using FluentValidation;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>One page of staff accounts, ordered by e-mail, optionally filtered by name or e-mail.</summary>
public sealed record ListStaff(int Page, int PageSize, string? Search = null);

public sealed record StaffListItem(
    string Id,
    string DisplayName,
    string Email,
    IReadOnlyList<string> Roles,
    bool TwoFactorEnabled,
    bool IsDisabled,
    bool IsLockedOut,
    bool MustChangePassword);

public sealed record StaffListPage(IReadOnlyList<StaffListItem> Items, int TotalCount);

public sealed class ListStaffValidator : AbstractValidator<ListStaff>
{
    public const int MaxPageSize = 100;

    public ListStaffValidator()
    {
        RuleFor(q => q.Page).GreaterThanOrEqualTo(0);
        RuleFor(q => q.PageSize).InclusiveBetween(1, MaxPageSize);
        RuleFor(q => q.Search).MaximumLength(256);
    }
}

public sealed class ListStaffHandler(IDbContextFactory<ClinicDbContext> dbFactory, IValidator<ListStaff> validator, TimeProvider time)
{
    public async Task<StaffListPage> HandleAsync(ListStaff query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await validator.ValidateAndThrowAsync(query, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // NormalizedEmail is upper case (Identity's normalizer); the name is compared the same way.
            var term = query.Search.Trim().ToUpperInvariant();
            users = users.Where(u => u.NormalizedEmail!.Contains(term) || u.DisplayName.ToUpper().Contains(term));
        }

        var total = await users.CountAsync(cancellationToken);
        var rows = await users
            .OrderBy(u => u.NormalizedEmail).ThenBy(u => u.Id)
            .Skip(query.Page * query.PageSize).Take(query.PageSize)
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.TwoFactorEnabled, u.IsDisabled, u.LockoutEnd, u.MustChangePassword })
            .ToListAsync(cancellationToken);

        var ids = rows.Select(r => r.Id).ToList();
        var roles = await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            where ids.Contains(userRole.UserId)
            select new { userRole.UserId, role.Name }).ToListAsync(cancellationToken);
        var rolesByUser = roles.ToLookup(r => r.UserId, r => r.Name!);

        // LockoutEnd is compared here, not in SQL: SQLite cannot compare DateTimeOffset values.
        var now = time.GetUtcNow();
        var items = rows.Select(r => new StaffListItem(
            r.Id,
            r.DisplayName,
            r.Email ?? "",
            [.. StaffRoles.All.Where(rolesByUser[r.Id].Contains)],
            r.TwoFactorEnabled,
            r.IsDisabled,
            r.LockoutEnd > now,
            r.MustChangePassword)).ToList();
        return new StaffListPage(items, total);
    }
}
