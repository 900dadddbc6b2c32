using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>Opens a patient's chart: what everyone with access sees (demographics, contacts, weights, allergies,
/// medicines, diagnoses) and, for clinical roles only, the open clinical alerts. Every opening is audited.</summary>
public sealed record GetPatientChart(Guid PatientId);

public sealed record ChartWeight(Guid Id, decimal WeightKg, DateTime MeasuredUtc, DateTime MeasuredClinicTime, string RecordedBy, int AgeInDays);

public sealed record ChartAllergy(Guid Id, string Substance, string? Reaction, AllergySeverity Severity, DateTime? EndedUtc);

public sealed record ChartMedication(Guid Id, string Name, string? Dose, string? Frequency, DateTime? EndedUtc);

public sealed record ChartDiagnosis(Guid Id, string Description, string? Icd10Code, DateTime? EndedUtc);

public sealed record ChartAlert(Guid Id, string Code, string Message, DateTime RaisedClinicTime);

public sealed record PatientChart(
    Guid Id,
    string Mrn,
    string FamilyName,
    string GivenName,
    DateOnly DateOfBirth,
    int Age,
    Sex Sex,
    string? Phone,
    string? Email,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? Region,
    string? PostalCode,
    string? EmergencyContactName,
    string? EmergencyContactPhone,
    string? EmergencyContactRelationship,
    string? PreferredPharmacy,
    string? ReferringClinician,
    decimal? HeightCm,
    bool IsArchived,
    DateTime? ArchivedClinicTime,
    string? ArchivedReason,
    Guid Version,
    IReadOnlyList<ChartWeight> Weights,
    IReadOnlyList<ChartAllergy> Allergies,
    IReadOnlyList<ChartMedication> Medications,
    IReadOnlyList<ChartDiagnosis> Diagnoses,
    bool ClinicalVisible,
    IReadOnlyList<ChartAlert> OpenAlerts)
{
    public string DisplayName => $"{FamilyName}, {GivenName}";

    public ChartWeight? LatestWeight => Weights.Count == 0 ? null : Weights[0];
}

public sealed class GetPatientChartHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    PatientAccess access,
    PatientRecordAudit audit,
    ClinicSettingsProvider settings,
    TimeProvider clock)
{
    public async Task<Result<PatientChart>> HandleAsync(ClaimsPrincipal user, GetPatientChart query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        if (await access.DemandAsync(user, Policies.ViewPatients, "open chart", query.PatientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var clinical = await access.AllowsAsync(user, Policies.ViewClinical);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking()
            .Include(p => p.Weights)
            .Include(p => p.Allergies)
            .Include(p => p.Medications)
            .Include(p => p.Diagnoses)
            .AsSplitQuery()
            .SingleOrDefaultAsync(p => p.Id == query.PatientId, cancellationToken);
        if (patient is null)
        {
            return PatientErrors.NotFound;
        }

        var clinic = await settings.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        IReadOnlyList<ChartAlert> alerts = [];
        if (clinical)
        {
            alerts = (await db.PatientAlerts.AsNoTracking()
                    .Where(a => a.PatientId == patient.Id && a.AcknowledgedUtc == null)
                    .OrderByDescending(a => a.RaisedUtc)
                    .ToListAsync(cancellationToken))
                .Select(a => new ChartAlert(a.Id, a.Code, a.Message, clinic.ToClinicTime(a.RaisedUtc)))
                .ToList();
        }

        var chart = new PatientChart(
            patient.Id,
            patient.Mrn,
            patient.FamilyName,
            patient.GivenName,
            patient.DateOfBirth,
            patient.AgeOn(ClinicDays.Today(clinic, now)),
            patient.Sex,
            patient.Phone,
            patient.Email,
            patient.AddressLine1,
            patient.AddressLine2,
            patient.City,
            patient.Region,
            patient.PostalCode,
            patient.EmergencyContactName,
            patient.EmergencyContactPhone,
            patient.EmergencyContactRelationship,
            patient.PreferredPharmacy,
            patient.ReferringClinician,
            patient.HeightCm,
            patient.IsArchived,
            patient.ArchivedUtc is { } archived ? clinic.ToClinicTime(archived) : null,
            patient.ArchivedReason,
            patient.Version,
            patient.Weights.OrderByDescending(w => w.MeasuredUtc).ThenByDescending(w => w.RecordedUtc)
                .Select(w => new ChartWeight(w.Id, w.WeightKg, w.MeasuredUtc, clinic.ToClinicTime(w.MeasuredUtc), w.RecordedBy, w.AgeInDays(now)))
                .ToList(),
            patient.Allergies.OrderBy(a => a.EndedUtc is not null).ThenByDescending(a => a.Severity).ThenBy(a => a.Substance, StringComparer.OrdinalIgnoreCase)
                .Select(a => new ChartAllergy(a.Id, a.Substance, a.Reaction, a.Severity, a.EndedUtc))
                .ToList(),
            patient.Medications.OrderBy(m => m.EndedUtc is not null).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
                .Select(m => new ChartMedication(m.Id, m.Name, m.Dose, m.Frequency, m.EndedUtc))
                .ToList(),
            patient.Diagnoses.OrderBy(d => d.EndedUtc is not null).ThenBy(d => d.Description, StringComparer.OrdinalIgnoreCase)
                .Select(d => new ChartDiagnosis(d.Id, d.Description, d.Icd10Code, d.EndedUtc))
                .ToList(),
            clinical,
            alerts);

        using (AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user)))
        {
            var id = patient.Id.ToString();
            await audit.RecordPatientReadAsync(id, nameof(Patient), id, "chart", cancellationToken);
        }

        return chart;
    }
}
