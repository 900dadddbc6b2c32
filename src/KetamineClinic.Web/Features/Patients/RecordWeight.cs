using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Records a weight measured on a day (in the clinic's calendar). Earlier weights are kept.</summary>
public sealed record RecordWeight(Guid PatientId, decimal? WeightKg, DateTime? MeasuredOn);

public sealed class RecordWeightValidator : AbstractValidator<RecordWeight>
{
    public RecordWeightValidator()
    {
        RuleFor(c => c.WeightKg).NotNull().WithMessage("Enter the weight in kg.")
            .Must(kg => kg is null || (kg >= Patient.MinWeightKg && kg <= Patient.MaxWeightKg))
            .WithMessage(c => PatientErrors.WeightOutOfRange(c.WeightKg ?? 0).Message);
        RuleFor(c => c.MeasuredOn).NotNull().WithMessage("Enter the day the weight was measured.");
    }
}

public sealed class RecordWeightHandler(PatientChanges changes, ClinicSettingsProvider settings, IValidator<RecordWeight> validator)
{
    /// <summary>Anyone who may open the chart may weigh the patient: intake staff at registration, nurses before an
    /// infusion, clinicians (the ViewPatients roles).</summary>
    public const string Policy = Policies.ViewPatients;

    public async Task<Result<WeightMeasurement>> HandleAsync(ClaimsPrincipal user, RecordWeight command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var clinic = await settings.GetAsync(cancellationToken);
        var staff = StaffIdentity.From(user);
        return await changes.ChangeAsync(
            user,
            Policy,
            command.PatientId,
            expectedVersion: null,
            (patient, now) => patient.IsArchived
                ? PatientErrors.Archived
                : patient.RecordWeight(command.WeightKg!.Value, ClinicDays.MeasuredUtc(DateOnly.FromDateTime(command.MeasuredOn!.Value), clinic, now), staff.Name, now),
            cancellationToken);
    }
}
