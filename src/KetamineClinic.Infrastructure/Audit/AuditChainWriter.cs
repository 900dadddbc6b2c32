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
    /// <summary>How long a writer waits for the chain before giving up: long enough for any real save, short enough
    /// that a bug which never releases the lock surfaces as an error rather than a frozen clinic.</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> LockAsync(CancellationToken cancellationToken)
    {
        if (!await _gate.WaitAsync(LockTimeout, cancellationToken))
        {
            throw new TimeoutException("The audit trail is busy; the change was not saved. Try again.");
        }

        return new Releaser(_gate);
    }

    /// <summary>The same as <see cref="LockAsync"/>, for synchronous <c>SaveChanges</c>.</summary>
    public IDisposable Lock()
    {
        if (!_gate.Wait(LockTimeout))
        {
            throw new TimeoutException("The audit trail is busy; the change was not saved. Try again.");
        }

        return new Releaser(_gate);
    }

    /// <summary>Adds rows for <paramref name="entries"/> to <paramref name="db"/>, chained after the current head.
    /// Call while holding <see cref="LockAsync"/> and keep holding it until the context is saved.</summary>
    public static async Task<IReadOnlyList<AuditEvent>> AddChainedAsync(ClinicDbContext db, IEnumerable<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var previous = await Head(db).FirstOrDefaultAsync(cancellationToken);
        return Chain(db, entries, previous);
    }

    /// <summary>The same as <see cref="AddChainedAsync"/>, for synchronous <c>SaveChanges</c>.</summary>
    public static IReadOnlyList<AuditEvent> AddChained(ClinicDbContext db, IEnumerable<AuditEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        return Chain(db, entries, Head(db).FirstOrDefault());
    }

    private static IQueryable<AuditEvent> Head(ClinicDbContext db) =>
        db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Sequence);

    private static List<AuditEvent> Chain(ClinicDbContext db, IEnumerable<AuditEntry> entries, AuditEvent? previous)
    {
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
