using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Patients;

public sealed record AddAllergy(Guid PatientId, string Substance, string? Reaction, AllergySeverity Severity);

public sealed class AddAllergyValidator : AbstractValidator<AddAllergy>
{
    public AddAllergyValidator()
    {
        RuleFor(c => c.Substance).NotEmpty().WithMessage(PatientErrors.SubstanceRequired.Message)
            .MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(c => c.Reaction).MaximumLength(500).WithMessage("At most 500 characters.");
        RuleFor(c => c.Severity).IsInEnum().WithMessage("Choose the severity.");
    }
}

public sealed class AddAllergyHandler(PatientChanges changes, IValidator<AddAllergy> validator)
{
    public async Task<Result<Allergy>> HandleAsync(ClaimsPrincipal user, AddAllergy command, CancellationToken cancellationToken = default)
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
            (patient, _) => patient.IsArchived ? PatientErrors.Archived : patient.AddAllergy(command.Substance, command.Reaction, command.Severity),
            cancellationToken);
    }
}
