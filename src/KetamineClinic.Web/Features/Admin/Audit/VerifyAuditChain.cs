using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Audit;

/// <summary>How far a verification has got.</summary>
public sealed record AuditChainProgress(long RowsChecked, long TotalRows);

/// <summary>
/// Verifies the whole audit trail's hash chain, streaming rows in sequence order in batches (keyset on Sequence,
/// untracked) so memory stays flat however long the trail is. Reports the first broken row.
/// </summary>
public sealed class VerifyAuditChainHandler(IDbContextFactory<ClinicDbContext> dbFactory)
{
    public const int DefaultBatchSize = 5000;

    public async Task<AuditChainReport> HandleAsync(IProgress<AuditChainProgress>? progress = null, int batchSize = DefaultBatchSize, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var total = await db.AuditEvents.LongCountAsync(cancellationToken);
        var verifier = new AuditChainVerifier();
        progress?.Report(new AuditChainProgress(0, total));
        while (true)
        {
            var after = verifier.LastSequence;
            var batch = await db.AuditEvents.AsNoTracking()
                .Where(e => e.Sequence > after)
                .OrderBy(e => e.Sequence)
                .Take(batchSize)
                .ToListAsync(cancellationToken);
            foreach (var row in batch)
            {
                if (!verifier.Add(row))
                {
                    return verifier.Report();
                }
            }

            progress?.Report(new AuditChainProgress(verifier.RowsChecked, Math.Max(total, verifier.RowsChecked)));
            if (batch.Count < batchSize)
            {
                return verifier.Report();
            }
        }
    }
}
