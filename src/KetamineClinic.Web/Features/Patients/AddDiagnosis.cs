using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Patients;

public sealed record AddDiagnosis(Guid PatientId, string Description, string? Icd10Code);

public sealed class AddDiagnosisValidator : AbstractValidator<AddDiagnosis>
{
    public AddDiagnosisValidator()
    {
        RuleFor(c => c.Description).NotEmpty().WithMessage(PatientErrors.DiagnosisRequired.Message)
            .MaximumLength(500).WithMessage("At most 500 characters.");
        RuleFor(c => c.Icd10Code)
            .Must(code => string.IsNullOrWhiteSpace(code) || Icd10.IsWellFormed(code.Trim().ToUpperInvariant()))
            .WithMessage(c => PatientErrors.Icd10Malformed(c.Icd10Code?.Trim() ?? "").Message);
    }
}

public sealed class AddDiagnosisHandler(PatientChanges changes, IValidator<AddDiagnosis> validator)
{
    public async Task<Result<Diagnosis>> HandleAsync(ClaimsPrincipal user, AddDiagnosis command, CancellationToken cancellationToken = default)
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
            (patient, _) => patient.IsArchived ? PatientErrors.Archived : patient.AddDiagnosis(command.Description, command.Icd10Code),
            cancellationToken);
    }
}
