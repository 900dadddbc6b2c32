using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Intake staff or a clinician corrects a patient's demographics and contacts. <see cref="Version"/> is the
/// version the form was loaded from: if someone saved in between, nothing is overwritten.</summary>
public sealed record UpdatePatient(Guid PatientId, Guid Version, PatientForm Form);

public sealed class UpdatePatientValidator : AbstractValidator<UpdatePatient>
{
    public UpdatePatientValidator(IValidator<PatientForm> form)
    {
        RuleFor(c => c.Form).NotNull().SetValidator(form);
    }
}

/// <summary>The form as stored, its version and record number (for the edit page and after a conflict).</summary>
public sealed record PatientEdit(PatientForm Form, Guid Version, string Mrn, bool IsArchived);

public sealed class UpdatePatientHandler(
    PatientChanges changes,
    PatientAccess access,
    IDbContextFactory<ClinicDbContext> dbFactory,
    IValidator<UpdatePatient> validator)
{
    public async Task<Result<Guid>> HandleAsync(ClaimsPrincipal user, UpdatePatient command, CancellationToken cancellationToken = default)
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
            (patient, now) =>
            {
                var updated = patient.Update(command.Form.ToDetails(), now);
                return updated.IsSuccess ? patient.Version : Result<Guid>.Failure(updated.Error!);
            },
            cancellationToken);
    }

    public async Task<Result<PatientEdit>> LoadAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken = default)
    {
        if (await access.DemandAsync(user, Policies.EditPatients, "edit patient", patientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        return patient is null
            ? PatientErrors.NotFound
            : new PatientEdit(PatientForm.From(patient), patient.Version, patient.Mrn, patient.IsArchived);
    }
}
