using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Audit;

/// <summary>Appends single events in their own short transaction, retrying if another instance took the same
/// chain position.</summary>
public sealed class AuditTrail(IDbContextFactory<ClinicDbContext> dbFactory, AuditChainWriter writer) : IAuditTrail
{
    private const int MaxAttempts = 5;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        for (var attempt = 1; ; attempt++)
        {
            using (await writer.LockAsync(cancellationToken))
            {
                await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
                await AuditChainWriter.AddChainedAsync(db, [entry], cancellationToken);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < MaxAttempts)
                {
                    // Another instance appended at the same position; read the new head and try again.
                }
            }
        }
    }
}
