using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Adds a current medicine. The intake assessment screens this list (e.g. benzodiazepines, opioids).</summary>
public sealed record AddMedication(Guid PatientId, string Name, string? Dose, string? Frequency);

public sealed class AddMedicationValidator : AbstractValidator<AddMedication>
{
    public AddMedicationValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage(PatientErrors.MedicineNameRequired.Message)
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(c => c.Dose).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(c => c.Frequency).MaximumLength(100).WithMessage("At most 100 characters.");
    }
}

public sealed class AddMedicationHandler(PatientChanges changes, IValidator<AddMedication> validator)
{
    public async Task<Result<PatientMedication>> HandleAsync(ClaimsPrincipal user, AddMedication command, CancellationToken cancellationToken = default)
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
            expectedVersion: null,
            (patient, _) => patient.IsArchived ? PatientErrors.Archived : patient.AddMedication(command.Name, command.Dose, command.Frequency),
            cancellationToken);
    }
}
