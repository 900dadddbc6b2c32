using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling;

public sealed record StaffOption(string Id, string Name);

/// <summary>Enabled staff by role, for the calendar's pickers and the booking checks.</summary>
public static class StaffDirectory
{
    public static async Task<IReadOnlyList<StaffOption>> InRoleAsync(ClinicDbContext db, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await (from u in db.Users
                      join ur in db.UserRoles on u.Id equals ur.UserId
                      join r in db.Roles on ur.RoleId equals r.Id
                      where r.Name == role && !u.IsDisabled
                      orderby u.DisplayName
                      select new StaffOption(u.Id, u.DisplayName)).ToListAsync(cancellationToken);
    }

    public static Task<bool> IsActiveInRoleAsync(ClinicDbContext db, string userId, string role, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return (from u in db.Users
                join ur in db.UserRoles on u.Id equals ur.UserId
                join r in db.Roles on ur.RoleId equals r.Id
                where u.Id == userId && r.Name == role && !u.IsDisabled
                select u.Id).AnyAsync(cancellationToken);
    }

    public static async Task<Dictionary<string, string>> NamesAsync(ClinicDbContext db, IEnumerable<string?> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var wanted = ids.OfType<string>().Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Users.AsNoTracking().Where(u => wanted.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken);
    }
}
