using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KetamineClinic.Infrastructure.Persistence;

/// <summary>
/// The write transaction every booking change runs in, so the conflict re-check and the write are one step: of two
/// people booking the same slot at once, exactly one succeeds and the other sees the first one's booking.
/// SQLite: <c>BEGIN IMMEDIATE</c> (Microsoft.Data.Sqlite's default for a non-deferred transaction) takes the database's
/// write lock at the start, and the busy timeout queues the second writer. PostgreSQL: a transaction-scoped advisory
/// lock. SQL Server: <c>sp_getapplock</c> owned by the transaction. Both locks are released at commit or rollback.
/// </summary>
public static class SchedulingLock
{
    /// <summary>An arbitrary constant naming the clinic's scheduling lock.</summary>
    public const long PostgresKey = 0x4B43_5343_4845_44; // "KCSCHED"

    public const string SqlServerResource = "KetamineClinic.Scheduling";

    public static async Task<IDbContextTransaction> BeginAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({PostgresKey})", cancellationToken);
            }
            else if (db.Database.IsSqlServer())
            {
                await db.Database.ExecuteSqlRawAsync(
                    $"EXEC sp_getapplock @Resource = N'{SqlServerResource}', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000",
                    cancellationToken);
            }

            return transaction;
        }
        catch
        {
            await transaction.DisposeAsync();
            throw;
        }
    }
}
