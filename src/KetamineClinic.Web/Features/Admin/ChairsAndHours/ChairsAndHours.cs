using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.ChairsAndHours;

public sealed record ChairRow(Guid Id, string Name, bool IsActive);

public sealed record WeekdayHours(DayOfWeek Day, bool Open, TimeOnly Opens, TimeOnly Closes);

public sealed record ClosedDateRow(DateOnly Date, string Reason);

public sealed record ChairsAndHoursView(IReadOnlyList<ChairRow> Chairs, IReadOnlyList<WeekdayHours> Week, IReadOnlyList<ClosedDateRow> ClosedDates);

/// <summary>
/// Administrator keeps the bookable chairs, the weekly opening hours and the closed dates the calendar books against.
/// Every write is checked against the Administer policy and audited as the administrator.
/// </summary>
public sealed class ChairsAndHoursHandler(IDbContextFactory<ClinicDbContext> dbFactory, IAuthorizationService authorization)
{
    public static readonly DomainError NotAllowed = new("scheduling.not_allowed", "Only an administrator can change chairs and hours.");

    /// <summary>Monday first, as clinics read a week.</summary>
    public static readonly IReadOnlyList<DayOfWeek> WeekOrder =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public async Task<ChairsAndHoursView> LoadAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var chairs = await db.Chairs.AsNoTracking().OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new ChairRow(c.Id, c.Name, c.IsActive)).ToListAsync(cancellationToken);
        var hours = await db.ClinicOpeningHours.AsNoTracking().ToListAsync(cancellationToken);
        var week = WeekOrder.Select(d => hours.FirstOrDefault(h => h.Day == d) is { } h
            ? new WeekdayHours(d, true, h.Opens, h.Closes)
            : new WeekdayHours(d, false, new TimeOnly(8, 0), new TimeOnly(18, 0))).ToList();
        var closed = await db.ClosedDates.AsNoTracking().OrderBy(d => d.Date)
            .Select(d => new ClosedDateRow(d.Date, d.Reason)).ToListAsync(cancellationToken);
        return new ChairsAndHoursView(chairs, week, closed);
    }

    public Task<Result<ChairRow>> AddChairAsync(ClaimsPrincipal user, string name, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async db =>
        {
            var created = Chair.Create(name, await db.Chairs.CountAsync(cancellationToken) + 1);
            if (!created.IsSuccess)
            {
                return Result<ChairRow>.Failure(created.Error!);
            }

            if (await db.Chairs.AnyAsync(c => c.Name == created.Value.Name, cancellationToken))
            {
                return SchedulingErrors.ChairNameTaken;
            }

            db.Chairs.Add(created.Value);
            return new ChairRow(created.Value.Id, created.Value.Name, true);
        }, cancellationToken);

    public Task<Result<ChairRow>> UpdateChairAsync(ClaimsPrincipal user, Guid chairId, string name, bool active, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async db =>
        {
            var chair = await db.Chairs.SingleOrDefaultAsync(c => c.Id == chairId, cancellationToken);
            if (chair is null)
            {
                return new DomainError("scheduling.chair_not_found", "There is no such chair.");
            }

            var renamed = chair.Rename(name);
            if (!renamed.IsSuccess)
            {
                return Result<ChairRow>.Failure(renamed.Error!);
            }

            if (await db.Chairs.AnyAsync(c => c.Id != chairId && c.Name == chair.Name, cancellationToken))
            {
                return SchedulingErrors.ChairNameTaken;
            }

            chair.SetActive(active);
            return new ChairRow(chair.Id, chair.Name, chair.IsActive);
        }, cancellationToken);

    public Task<Result<bool>> SaveWeekAsync(ClaimsPrincipal user, IReadOnlyList<WeekdayHours> week, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async db =>
        {
            ArgumentNullException.ThrowIfNull(week);
            var rows = new List<ClinicOpeningHours>();
            foreach (var day in week.Where(d => d.Open))
            {
                var row = ClinicOpeningHours.Create(day.Day, day.Opens, day.Closes);
                if (!row.IsSuccess)
                {
                    return Result<bool>.Failure(row.Error!);
                }

                rows.Add(row.Value);
            }

            db.ClinicOpeningHours.RemoveRange(await db.ClinicOpeningHours.ToListAsync(cancellationToken));
            db.ClinicOpeningHours.AddRange(rows);
            return true;
        }, cancellationToken);

    public Task<Result<bool>> AddClosedDateAsync(ClaimsPrincipal user, DateOnly date, string reason, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async db =>
        {
            var closed = ClosedDate.Create(date, reason);
            if (!closed.IsSuccess)
            {
                return Result<bool>.Failure(closed.Error!);
            }

            if (await db.ClosedDates.AnyAsync(d => d.Date == date, cancellationToken))
            {
                return new DomainError("scheduling.closed_exists", "That day is already marked closed.");
            }

            db.ClosedDates.Add(closed.Value);
            return true;
        }, cancellationToken);

    public Task<Result<bool>> RemoveClosedDateAsync(ClaimsPrincipal user, DateOnly date, CancellationToken cancellationToken = default) =>
        WriteAsync<bool>(user, async db =>
        {
            var closed = await db.ClosedDates.SingleOrDefaultAsync(d => d.Date == date, cancellationToken);
            if (closed is not null)
            {
                db.ClosedDates.Remove(closed);
            }

            return true;
        }, cancellationToken);

    private async Task<Result<T>> WriteAsync<T>(ClaimsPrincipal user, Func<ClinicDbContext, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return NotAllowed;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = await work(db);
        if (result.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }
}
