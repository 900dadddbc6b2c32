using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

public static class PatientsSetup
{
    public static IServiceCollection AddPatientRegistry(this IServiceCollection services)
    {
        services.AddScoped<PatientAccess>();
        services.AddScoped<PatientChanges>();
        services.AddScoped<SearchPatientsHandler>();
        services.AddScoped<AcknowledgePatientAlertHandler>();
        services.AddScoped<ListOpenPatientAlertsHandler>();
        services.AddScoped<RegisterPatientHandler>();
        services.AddScoped<UpdatePatientHandler>();
        services.AddScoped<GetPatientChartHandler>();
        services.AddScoped<GetPatientHistoryHandler>();
        services.AddScoped<RecordWeightHandler>();
        services.AddScoped<AddAllergyHandler>();
        services.AddScoped<AddMedicationHandler>();
        services.AddScoped<AddDiagnosisHandler>();
        services.AddScoped<EndListEntryHandler>();
        services.AddScoped<ArchivePatientHandler>();
        services.AddScoped<RestorePatientHandler>();
        return services;
    }
}

public static class PatientAccessErrors
{
    public static readonly DomainError NotAllowed = new("patient.not_allowed", "Your role does not allow this. If you need it, ask an administrator.");
}

/// <summary>The policy checks every patient handler makes against its caller (the page's check is not enough: a
/// handler can be reached by other means), and the audit row for a refusal.</summary>
public sealed class PatientAccess(IAuthorizationService authorization, PatientRecordAudit audit)
{
    public async Task<bool> AllowsAsync(ClaimsPrincipal user, string policy) =>
        (await authorization.AuthorizeAsync(user, policy)).Succeeded;

    /// <summary>Checks the policy; a refusal is audited (no clinical content) and returned as an error.</summary>
    public async Task<DomainError?> DemandAsync(ClaimsPrincipal user, string policy, string what, Guid? patientId = null, CancellationToken cancellationToken = default)
    {
        if (await AllowsAsync(user, policy))
        {
            return null;
        }

        using (AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user)))
        {
            await audit.RecordDeniedAsync(nameof(Patient), patientId?.ToString(), patientId?.ToString(), what, cancellationToken);
        }

        return PatientAccessErrors.NotAllowed;
    }
}

/// <summary>
/// The shape every change to a patient's record shares: check the policy, load the patient with its lists, apply one
/// domain method, save (the audit interceptor files the change under the patient, as the caller). A concurrent save
/// is reported as <see cref="PatientErrors.ChangedByAnother"/>; the caller keeps what the user typed.
/// </summary>
public sealed class PatientChanges(IDbContextFactory<ClinicDbContext> dbFactory, PatientAccess access, TimeProvider clock)
{
    public DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<T>> ChangeAsync<T>(
        ClaimsPrincipal user,
        string policy,
        Guid patientId,
        Guid? expectedVersion,
        Func<Patient, DateTime, Result<T>> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(change);
        if (await access.DemandAsync(user, policy, "change patient record", patientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients
            .Include(p => p.Weights)
            .Include(p => p.Allergies)
            .Include(p => p.Medications)
            .Include(p => p.Diagnoses)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == patientId, cancellationToken);
        if (patient is null)
        {
            return PatientErrors.NotFound;
        }

        if (expectedVersion is { } version && patient.Version != version)
        {
            return PatientErrors.ChangedByAnother;
        }

        var result = change(patient, UtcNow);
        if (!result.IsSuccess)
        {
            return result;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return PatientErrors.ChangedByAnother;
        }

        return result;
    }
}
