using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>
/// The one way booking changes are written: <c>checkThenWrite</c> runs inside <see cref="SchedulingLock"/>, so the
/// conflict re-check and the write are one step, under the provider's execution strategy (a retried attempt starts
/// again from an empty change tracker and re-checks). It returns true to save and commit, false to write nothing.
/// </summary>
public static class SchedulingWrite
{
    public static Task LockedAsync(ClinicDbContext db, Func<Task<bool>> checkThenWrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(checkThenWrite);
        return db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await SchedulingLock.BeginAsync(db, cancellationToken);
            if (!await checkThenWrite())
            {
                return;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
    }
}
