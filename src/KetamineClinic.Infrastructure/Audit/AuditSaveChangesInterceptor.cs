using System.Collections.Concurrent;
using System.Globalization;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIddict.EntityFrameworkCore.Models;

namespace KetamineClinic.Infrastructure.Audit;

/// <summary>
/// Appends one audit row per added, modified or deleted entity in the same <c>SaveChanges</c> (so the change and its
/// audit row commit or fail together), and refuses any update or delete of an audit row.
/// </summary>
/// <remarks>
/// The chain writer's process-wide lock is held from <c>SavingChanges</c> until the save succeeds, fails or is
/// cancelled, so no other writer can move the chain head between reading it and committing. The row records the
/// names of changed properties only, never their values (values may be health information). Entities whose key the
/// database generates are recorded without an entity id on create, because the key is not known until after the
/// insert: clinical entities should use client-generated keys (e.g. Guid) so their create row names them.
/// Not audited: the audit rows themselves, sign-in tokens, user claims and external logins, OpenIddict tokens and
/// authorizations (high volume, not clinical) and data-protection keys.
/// </remarks>
public sealed class AuditSaveChangesInterceptor(AuditChainWriter writer, IAuditActorAccessor actors, TimeProvider clock) : SaveChangesInterceptor
{
    public const string AppendOnlyMessage = "The audit trail is append-only";

    private const int MaxDetailLength = 1000;
    private const int MaxIdLength = 100;

    private static readonly HashSet<Type> NotAudited =
    [
        typeof(AuditEvent),
        typeof(IdentityUserToken<string>),
        typeof(IdentityUserClaim<string>),
        typeof(IdentityUserLogin<string>),
        typeof(OpenIddictEntityFrameworkCoreToken),
        typeof(OpenIddictEntityFrameworkCoreAuthorization),
        typeof(DataProtectionKey),
    ];

    private readonly ConcurrentDictionary<DbContext, PendingSave> _pending = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not ClinicDbContext db)
        {
            return result;
        }

        var changes = Collect(db);
        if (changes.Count == 0)
        {
            return result;
        }

        var actor = await actors.GetCurrentAsync();
        var held = await writer.LockAsync(cancellationToken);
        try
        {
            var rows = await AuditChainWriter.AddChainedAsync(db, Entries(changes, actor), cancellationToken);
            Hold(db, held, rows);
        }
        catch
        {
            Release(db, failed: true);
            held.Dispose();
            throw;
        }

        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is not ClinicDbContext db)
        {
            return result;
        }

        var changes = Collect(db);
        if (changes.Count == 0)
        {
            return result;
        }

        var actor = actors.GetCurrent();
        var held = writer.Lock();
        try
        {
            var rows = AuditChainWriter.AddChained(db, Entries(changes, actor));
            Hold(db, held, rows);
        }
        catch
        {
            Release(db, failed: true);
            held.Dispose();
            throw;
        }

        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Release(eventData?.Context, failed: false);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context, failed: false);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Release(eventData?.Context, failed: true);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context, failed: true);
        return Task.CompletedTask;
    }

    public override void SaveChangesCanceled(DbContextEventData eventData) => Release(eventData?.Context, failed: true);

    public override Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default)
    {
        Release(eventData?.Context, failed: true);
        return Task.CompletedTask;
    }

    /// <summary>The changes to audit. Throws if any audit row is being updated or deleted.</summary>
    private static List<EntityEntry> Collect(ClinicDbContext db)
    {
        var changes = new List<EntityEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.Entity is AuditEvent && entry.State is EntityState.Modified or EntityState.Deleted)
            {
                throw new InvalidOperationException(AppendOnlyMessage);
            }

            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && !NotAudited.Contains(entry.Metadata.ClrType))
            {
                changes.Add(entry);
            }
        }

        return changes;
    }

    private List<AuditEntry> Entries(List<EntityEntry> changes, AuditActor actor)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return changes.Select(entry => new AuditEntry(
                now,
                entry.State switch
                {
                    EntityState.Added => AuditAction.Create,
                    EntityState.Deleted => AuditAction.Delete,
                    _ => AuditAction.Update,
                },
                EntityTypeName(entry),
                EntityId(entry),
                PatientId(entry),
                AuditOutcome.Success,
                actor.UserId,
                actor.UserName,
                actor.Roles,
                actor.ClientAddress,
                entry.State == EntityState.Modified ? ChangedProperties(entry) : null))
            .ToList();
    }

    private static string EntityTypeName(EntityEntry entry)
    {
        var name = entry.Metadata.HasSharedClrType ? entry.Metadata.ShortName() : entry.Metadata.ClrType.Name;
        var generic = name.IndexOf('`', StringComparison.Ordinal);
        return Fit(generic > 0 ? name[..generic] : name, MaxIdLength)!;
    }

    /// <summary>The primary key in invariant form (composite keys joined with '|'); null while the database has
    /// yet to generate it.</summary>
    private static string? EntityId(EntityEntry entry)
    {
        var key = entry.Metadata.FindPrimaryKey();
        if (key is null)
        {
            return null;
        }

        var parts = new List<string>(key.Properties.Count);
        foreach (var property in key.Properties)
        {
            var value = entry.Property(property.Name);
            if (value.IsTemporary)
            {
                return null;
            }

            parts.Add(Invariant(entry.State == EntityState.Deleted ? value.OriginalValue : value.CurrentValue) ?? "");
        }

        return Fit(string.Join('|', parts), MaxIdLength);
    }

    private static string? PatientId(EntityEntry entry)
    {
        if (entry.Entity is IPatientOwned owned)
        {
            return Fit(owned.PatientId, MaxIdLength);
        }

        var property = entry.Metadata.FindProperty(nameof(IPatientOwned.PatientId));
        if (property is null)
        {
            return null;
        }

        var value = entry.Property(property.Name);
        return Fit(Invariant(entry.State == EntityState.Deleted ? value.OriginalValue : value.CurrentValue), MaxIdLength);
    }

    /// <summary>Names only: the values may be health information and the audit page is read by administrators.</summary>
    private static string? ChangedProperties(EntityEntry entry)
    {
        var names = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata.Name).ToList();
        return names.Count == 0 ? null : Fit("Changed: " + string.Join(", ", names), MaxDetailLength);
    }

    private static string? Invariant(object? value) => value switch
    {
        null => null,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static string? Fit(string? value, int length) =>
        value is not null && value.Length > length ? value[..length] : value;

    private void Hold(ClinicDbContext db, IDisposable held, IReadOnlyList<AuditEvent> rows)
    {
        if (!_pending.TryAdd(db, new PendingSave(held, rows)))
        {
            // The same context is already inside SaveChanges: EF Core forbids that, so this cannot be reached.
            throw new InvalidOperationException("A second SaveChanges started on a context that is still saving.");
        }

        // EF Core reports a concurrency conflict to the context's event but not to interceptors' SaveChangesFailed.
        db.SaveChangesFailed += OnContextSaveChangesFailed;
    }

    private void OnContextSaveChangesFailed(object? sender, SaveChangesFailedEventArgs e) => Release(sender as DbContext, failed: true);

    /// <summary>Releases the chain lock (idempotent). After a failure the unsaved audit rows are detached, so a retry
    /// on the same context chains new rows after the then-current head instead of re-sending stale ones.</summary>
    private void Release(DbContext? context, bool failed)
    {
        if (context is null || !_pending.TryRemove(context, out var pending))
        {
            return;
        }

        context.SaveChangesFailed -= OnContextSaveChangesFailed;
        try
        {
            if (failed)
            {
                foreach (var row in pending.Rows)
                {
                    var entry = context.Entry(row);
                    if (entry.State == EntityState.Added)
                    {
                        entry.State = EntityState.Detached;
                    }
                }
            }
        }
        finally
        {
            pending.Lock.Dispose();
        }
    }

    private sealed record PendingSave(IDisposable Lock, IReadOnlyList<AuditEvent> Rows);
}
