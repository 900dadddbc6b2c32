namespace KetamineClinic.Domain.Audit;

/// <summary>
/// One row of the append-only audit trail. Each row carries the hash of the row before it, so removing, reordering or
/// editing any row breaks the chain at that row (<see cref="AuditChain.Verify"/>). Rows are never updated or deleted.
/// </summary>
public sealed class AuditEvent
{
    private AuditEvent()
    {
    }

    public long Id { get; private set; }

    /// <summary>Position in the chain, assigned by the writer: previous + 1. Unique, so two writers racing for the
    /// same position cannot both commit.</summary>
    public long Sequence { get; private set; }

    public DateTime OccurredUtc { get; private set; }

    public string? UserId { get; private set; }

    public string? UserName { get; private set; }

    public string? Roles { get; private set; }

    public AuditAction Action { get; private set; }

    public string EntityType { get; private set; } = "";

    public string? EntityId { get; private set; }

    public string? PatientId { get; private set; }

    public AuditOutcome Outcome { get; private set; }

    public string? ClientAddress { get; private set; }

    /// <summary>Non-clinical detail only (e.g. which fields changed, never their values).</summary>
    public string? Detail { get; private set; }

    public string PreviousHash { get; private set; } = "";

    public string Hash { get; private set; } = "";

    public static AuditEvent Create(AuditEntry entry, AuditEvent? previous)
    {
        var row = new AuditEvent
        {
            Sequence = (previous?.Sequence ?? 0) + 1,
            OccurredUtc = ToStoredPrecision(entry.OccurredUtc),
            UserId = entry.UserId,
            UserName = entry.UserName,
            Roles = entry.Roles,
            Action = entry.Action,
            EntityType = entry.EntityType,
            EntityId = entry.EntityId,
            PatientId = entry.PatientId,
            Outcome = entry.Outcome,
            ClientAddress = entry.ClientAddress,
            Detail = entry.Detail,
            PreviousHash = previous?.Hash ?? AuditChain.GenesisHash,
        };
        row.Hash = AuditChain.ComputeHash(row);
        return row;
    }

    /// <summary>Whole microseconds, in UTC: PostgreSQL keeps timestamps to the microsecond, so a time with finer ticks
    /// would read back different from what was hashed and the row would look tampered with.</summary>
    public static DateTime ToStoredPrecision(DateTime utc) =>
        new(utc.Ticks - (utc.Ticks % 10), DateTimeKind.Utc);
}

/// <summary>What a caller records; the chain fields are added by <see cref="AuditEvent.Create"/>.</summary>
public sealed record AuditEntry(
    DateTime OccurredUtc,
    AuditAction Action,
    string EntityType,
    string? EntityId = null,
    string? PatientId = null,
    AuditOutcome Outcome = AuditOutcome.Success,
    string? UserId = null,
    string? UserName = null,
    string? Roles = null,
    string? ClientAddress = null,
    string? Detail = null);
