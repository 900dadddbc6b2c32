using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Audit;

/// <summary>Appends single events in their own short transaction, retrying if another instance took the same
/// chain position. An entry that names no user is stamped with the current caller (<see cref="IAuditActorAccessor"/>);
/// an entry without a client address gets the caller's.</summary>
public sealed class AuditTrail(IDbContextFactory<ClinicDbContext> dbFactory, AuditChainWriter writer, IAuditActorAccessor actors) : IAuditTrail
{
    private const int MaxAttempts = 5;

    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        entry = WithActor(entry, await actors.GetCurrentAsync());
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

    /// <summary>Fills the actor fields the caller left empty. The identity (id, name, roles) is filled only as a
    /// whole, so a row never mixes the signed-in user with a user the caller named (e.g. a failed sign-in).</summary>
    internal static AuditEntry WithActor(AuditEntry entry, AuditActor actor)
    {
        if (entry.UserId is null && entry.UserName is null && entry.Roles is null)
        {
            entry = entry with { UserId = actor.UserId, UserName = actor.UserName, Roles = actor.Roles };
        }

        return entry.ClientAddress is null ? entry with { ClientAddress = actor.ClientAddress } : entry;
    }
}
