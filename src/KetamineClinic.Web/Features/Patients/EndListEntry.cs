using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Marks an allergy, medicine or diagnosis as no longer current. It stays on the record, dated.</summary>
public sealed record EndListEntry(Guid PatientId, Guid EntryId);

public sealed class EndListEntryHandler(PatientChanges changes)
{
    public Task<Result<Patient>> HandleAsync(ClaimsPrincipal user, EndListEntry command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return changes.ChangeAsync(
            user,
            Policies.EditPatients,
            command.PatientId,
            expectedVersion: null,
            (patient, now) => patient.IsArchived ? PatientErrors.Archived : patient.EndListEntry(command.EntryId, now),
            cancellationToken);
    }
}
