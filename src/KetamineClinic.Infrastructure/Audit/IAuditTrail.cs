using KetamineClinic.Domain.Audit;

namespace KetamineClinic.Infrastructure.Audit;

/// <summary>Appends events to the hash-chained audit trail. The only way rows are written; there is no update or
/// delete.</summary>
public interface IAuditTrail
{
    /// <summary>Appends one event in its own transaction (sign-ins, denials, reads of a patient's record).</summary>
    Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken = default);
}
