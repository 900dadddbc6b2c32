using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>Opens one intake assessment with everything the clinician works from: the patient, the current medicines
/// and the flags they raise, the baselines, the consent on file and the current consent text. Writes an audit read.</summary>
public sealed record GetIntakeAssessment(Guid PatientId, Guid AssessmentId);

public sealed record ConsentOnFile(Guid Id, int DocumentVersion, DateOnly ConsentedOn, SignatureMethod Method, string? TypedName, string WitnessName, DateTime RecordedUtc);

public sealed record ConsentText(Guid Id, int VersionNumber, string Title, string Text);

public sealed record IntakeAssessmentView(
    Guid Id,
    Guid PatientId,
    string PatientName,
    string Mrn,
    DateOnly DateOfBirth,
    AssessmentStatus Status,
    DateTime StartedUtc,
    DateTime UpdatedUtc,
    Guid Version,
    Indication? Indication,
    string? IndicationNote,
    string? MedicalHistory,
    IReadOnlyList<ScreeningItem> Contraindications,
    IReadOnlyList<ScreeningItem> MedicationScreen,
    IReadOnlyList<string> CurrentMedicines,
    IReadOnlyList<MedicationFlag> MedicationFlags,
    IReadOnlyList<OutcomeMeasureRow> Baselines,
    ConsentOnFile? Consent,
    ConsentText? CurrentConsentText,
    EligibilityDecision? Decision,
    string? DecisionReason,
    string? OverrideReason,
    string? DecidedByName,
    DateTime? DecidedUtc)
{
    public bool IsDecided => Status == AssessmentStatus.Decided;

    /// <summary>The draft as saved, in the shape the page edits (copies: the page may change them freely).</summary>
    public IntakeDraft ToDraft() => new(
        Indication,
        IndicationNote,
        MedicalHistory,
        Contraindications.Select(Copy).ToList(),
        MedicationScreen.Select(Copy).ToList());

    private static ScreeningItem Copy(ScreeningItem item) => new() { Code = item.Code, Answer = item.Answer, Note = item.Note };
}

public sealed class GetIntakeAssessmentHandler(IDbContextFactory<ClinicDbContext> dbFactory, ClinicalAccess access, PatientRecordAudit audit)
{
    public async Task<Result<IntakeAssessmentView>> HandleAsync(ClaimsPrincipal user, GetIntakeAssessment query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.Assess, nameof(IntakeAssessment), query.AssessmentId, query.PatientId, "open intake assessment", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await db.IntakeAssessments.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == query.AssessmentId && a.PatientId == query.PatientId, cancellationToken);
        if (assessment is null)
        {
            return IntakeErrors.NotFound;
        }

        var patient = await db.Patients.AsNoTracking()
            .Include(p => p.Medications)
            .SingleAsync(p => p.Id == assessment.PatientId, cancellationToken);
        var medicines = patient.Medications.Where(m => m.IsActive).ToList();
        var baselines = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => m.IntakeAssessmentId == assessment.Id && m.Context == MeasureContext.Baseline)
            .OrderBy(m => m.TakenUtc)
            .Select(m => new OutcomeMeasureRow(m.Id, m.Instrument, m.Context, m.TakenUtc, m.Total, m.Band, m.RaisedSuicideRiskAlert, m.IntakeAssessmentId))
            .ToListAsync(cancellationToken);
        var consent = assessment.ConsentRecordId is { } consentId
            ? await db.ConsentRecords.AsNoTracking()
                .Where(r => r.Id == consentId)
                .Select(r => new ConsentOnFile(r.Id, r.DocumentVersion, r.ConsentedOn, r.Method, r.TypedName, r.WitnessName, r.RecordedUtc))
                .SingleOrDefaultAsync(cancellationToken)
            : null;
        var text = await db.ConsentDocuments.AsNoTracking()
            .Where(d => d.IsCurrent)
            .Select(d => new ConsentText(d.Id, d.VersionNumber, d.Title, d.Text))
            .SingleOrDefaultAsync(cancellationToken);

        await audit.RecordPatientReadAsync(assessment.PatientId.ToString(), nameof(IntakeAssessment), assessment.Id.ToString(), "intake assessment", cancellationToken);
        return new IntakeAssessmentView(
            assessment.Id,
            assessment.PatientId,
            $"{patient.GivenName} {patient.FamilyName}",
            patient.Mrn,
            patient.DateOfBirth,
            assessment.Status,
            assessment.StartedUtc,
            assessment.UpdatedUtc,
            assessment.Version,
            assessment.Indication,
            assessment.IndicationNote,
            assessment.MedicalHistory,
            assessment.Contraindications,
            assessment.MedicationScreen,
            medicines.Select(m => string.Join(' ', new[] { m.Name, m.Dose, m.Frequency }.Where(s => !string.IsNullOrWhiteSpace(s)))).ToList(),
            Screening.ScreenMedicines(medicines.Select(m => m.Name)),
            baselines,
            consent,
            text,
            assessment.Decision,
            assessment.DecisionReason,
            assessment.OverrideReason,
            assessment.DecidedByName,
            assessment.DecidedUtc);
    }
}
