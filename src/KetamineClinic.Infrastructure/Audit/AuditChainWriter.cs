using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Audit;

/// <summary>
/// Serialises appends to the chain inside this process (one writer at a time reads the head and adds the next rows).
/// Across instances the unique index on <see cref="AuditEvent.Sequence"/> makes a racing writer fail instead of
/// forking the chain; <see cref="AuditTrail"/> retries such a failure.
/// </summary>
public sealed class AuditChainWriter
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        return new Releaser(_gate);
    }

    /// <summary>Adds rows for <paramref name="entries"/> to <paramref name="db"/>, chained after the current head.
    /// Call while holding <see cref="LockAsync"/> and keep holding it until the context is saved.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> AddChainedAsync(ClinicDbContext db, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var previous = await db.AuditEvents.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .FirstOrDefaultAsync(cancellationToken);
        var added = new List<AuditEvent>();
        foreach (var entry in entries)
        {
            previous = AuditEvent.Create(entry, previous);
            db.AuditEvents.Add(previous);
            added.Add(previous);
        }

        return added;
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
