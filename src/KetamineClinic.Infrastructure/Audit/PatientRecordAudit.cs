using KetamineClinic.Domain.Audit;

namespace KetamineClinic.Infrastructure.Audit;

/// <summary>
/// The one helper every feature calls when it shows part of a patient's record, and when it refuses access.
/// Changes need no call: the <see cref="AuditSaveChangesInterceptor"/> records them. Reads must be recorded
/// explicitly because EF Core cannot tell a chart being shown from a query for a list or a check.
/// </summary>
/// <remarks>
/// Call it once per screen or export, after the data was loaded and before it is shown, e.g.
/// <c>await audit.RecordPatientReadAsync(patient.Id.ToString(), nameof(Patient), patient.Id.ToString(), "chart");</c>.
/// The user, roles and client address are those of the current caller. <c>what</c> names the part of the record
/// ("chart", "session 3 vitals", "consent form"); it must never contain the record's content or any health
/// information, because the audit page shows it to administrators.
/// </remarks>
public sealed class PatientRecordAudit(IAuditTrail trail, TimeProvider clock)
{
    /// <summary>Records that the current user read part of a patient's record (<see cref="AuditAction.Read"/>).</summary>
    /// <param name="patientId">The patient whose record was read.</param>
    /// <param name="entityType">The kind of record shown, e.g. <c>nameof(InfusionSession)</c>.</param>
    /// <param name="entityId">The record's id, when one record was shown.</param>
    /// <param name="what">Which part was shown, in a few words and without clinical content.</param>
    public Task RecordPatientReadAsync(string patientId, string entityType, string? entityId = null, string? what = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(patientId);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        return trail.RecordAsync(
            new AuditEntry(clock.GetUtcNow().UtcDateTime, AuditAction.Read, entityType, entityId, patientId, Detail: what),
            cancellationToken);
    }

    /// <summary>Records that the current user was refused access (<see cref="AuditAction.Denied"/>, outcome
    /// failure): a page or record outside their role, a handler's policy check failing.</summary>
    /// <param name="entityType">What was asked for: an entity type, or a page or endpoint name.</param>
    /// <param name="entityId">The record asked for, if any.</param>
    /// <param name="patientId">The patient whose record was asked for, if any.</param>
    /// <param name="what">Why it was refused or what was attempted, without clinical content.</param>
    public Task RecordDeniedAsync(string entityType, string? entityId = null, string? patientId = null, string? what = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        return trail.RecordAsync(
            new AuditEntry(clock.GetUtcNow().UtcDateTime, AuditAction.Denied, entityType, entityId, patientId, AuditOutcome.Failure, Detail: what),
            cancellationToken);
    }
}
