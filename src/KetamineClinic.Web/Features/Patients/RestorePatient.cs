using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Brings an archived record back into the registry.</summary>
public sealed record RestorePatient(Guid PatientId, Guid Version);

public sealed class RestorePatientHandler(PatientChanges changes)
{
    public Task<Result<Patient>> HandleAsync(ClaimsPrincipal user, RestorePatient command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return changes.ChangeAsync(
            user,
            Policies.EditPatients,
            command.PatientId,
            command.Version,
            (patient, _) => patient.Restore(),
            cancellationToken);
    }
}
