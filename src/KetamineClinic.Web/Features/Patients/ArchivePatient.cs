using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Archives a patient's record (it is never deleted): hidden from the registry unless asked for.</summary>
public sealed record ArchivePatient(Guid PatientId, Guid Version, string Reason);

public sealed class ArchivePatientValidator : AbstractValidator<ArchivePatient>
{
    public ArchivePatientValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage(PatientErrors.ArchiveReasonRequired.Message)
            .MaximumLength(500).WithMessage("At most 500 characters.");
    }
}

public sealed class ArchivePatientHandler(PatientChanges changes, IValidator<ArchivePatient> validator)
{
    public async Task<Result<Patient>> HandleAsync(ClaimsPrincipal user, ArchivePatient command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return await changes.ChangeAsync(
            user,
            Policies.EditPatients,
            command.PatientId,
            command.Version,
            (patient, now) => patient.Archive(command.Reason, now),
            cancellationToken);
    }
}
