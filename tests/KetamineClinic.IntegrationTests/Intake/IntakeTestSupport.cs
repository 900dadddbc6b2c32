using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.IntegrationTests.Audit;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Intake;

/// <summary>A signed-in staff member working through the real handlers, each call in a DI scope of its own (as a
/// circuit event would be).</summary>
internal sealed class StaffSession(ClinicAppFixture app, ClaimsPrincipal user)
{
    public ClaimsPrincipal User => user;

    public string UserId => user.FindFirstValue(ClaimTypes.NameIdentifier)!;

    public static async Task<StaffSession> StartAsync(ClinicAppFixture app, string role)
    {
        var staff = await app.CreateStaffAsync(role);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return new StaffSession(app, await AuditTestSupport.PrincipalAsync(scope.ServiceProvider, staff));
    }

    public async Task<TResult> RunAsync<THandler, TResult>(Func<THandler, ClaimsPrincipal, Task<TResult>> call)
        where THandler : notnull
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<THandler>(), user);
    }

    public Task<Result<Guid>> StartIntakeAsync(Guid patientId) =>
        RunAsync<StartIntakeAssessmentHandler, Result<Guid>>((h, u) => h.HandleAsync(u, new StartIntakeAssessment(patientId)));

    public Task<Result<IntakeAssessmentView>> OpenAsync(Guid patientId, Guid assessmentId) =>
        RunAsync<GetIntakeAssessmentHandler, Result<IntakeAssessmentView>>((h, u) => h.HandleAsync(u, new GetIntakeAssessment(patientId, assessmentId)));

    public Task<Result<DraftSaved>> SaveDraftAsync(SaveIntakeDraft command) =>
        RunAsync<SaveIntakeDraftHandler, Result<DraftSaved>>((h, u) => h.HandleAsync(u, command));

    public Task<Result<RecordedMeasure>> RecordMeasureAsync(RecordOutcomeMeasure command) =>
        RunAsync<RecordOutcomeMeasureHandler, Result<RecordedMeasure>>((h, u) => h.HandleAsync(u, command));

    public Task<Result<ConsentRecorded>> ConsentAsync(RecordIntakeConsent command) =>
        RunAsync<RecordIntakeConsentHandler, Result<ConsentRecorded>>((h, u) => h.HandleAsync(u, command));

    public Task<Result<IntakeAssessment>> DecideAsync(DecideEligibility command) =>
        RunAsync<DecideEligibilityHandler, Result<IntakeAssessment>>((h, u) => h.HandleAsync(u, command));
}

internal static class IntakeTestSupport
{
    public static readonly int?[] Phq9Moderate = [2, 2, 1, 1, 2, 1, 1, 1, 0]; // total 11, item 9 = 0

    /// <summary>Registers a patient directly through the domain (the registry's pages are another feature).</summary>
    public static async Task<Patient> CreatePatientAsync(ClinicAppFixture app, params string[] medicines)
    {
        var now = DateTime.UtcNow;
        var patient = Patient.Register(
            new PatientDetails("Intake" + Guid.NewGuid().ToString("N")[..6], "Ada", new DateOnly(1980, 4, 2), Sex.Female),
            "T" + Guid.NewGuid().ToString("N")[..10],
            now).Value;
        foreach (var medicine in medicines)
        {
            patient.AddMedication(medicine, "10 mg", "daily");
        }

        await using var db = await app.Factory.CreateDbContextAsync();
        db.Patients.Add(patient);
        await db.SaveChangesAsync();
        return patient;
    }

    /// <summary>Every contraindication answered No, except those given as Yes.</summary>
    public static List<ScreeningItem> Contraindications(params string[] yes) =>
        Screening.Contraindications
            .Select(c => new ScreeningItem { Code = c.Code, Answer = yes.Contains(c.Code) ? ScreeningAnswer.Yes : ScreeningAnswer.No })
            .ToList();

    public static SaveIntakeDraft Draft(Patient patient, Guid assessmentId, Guid version, List<ScreeningItem> contraindications, string? history = "No significant history.") =>
        new(patient.Id, assessmentId, version, Domain.Protocols.Indication.TreatmentResistantDepression, "Two failed SSRIs", history, contraindications, []);

    public static async Task<Guid> CurrentConsentDocumentIdAsync(ClinicAppFixture app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.ConsentDocuments.Where(d => d.IsCurrent).Select(d => d.Id).SingleAsync();
    }

    public static RecordOutcomeMeasure Baseline(Patient patient, Guid assessmentId, int?[]? answers = null) =>
        new(patient.Id, InstrumentCode.Phq9, answers ?? Phq9Moderate, MeasureContext.Baseline, DateTime.UtcNow.AddMinutes(-10), assessmentId);

    public static RecordIntakeConsent Consent(Patient patient, Guid assessmentId, Guid documentId) =>
        new(patient.Id, assessmentId, documentId, DateOnly.FromDateTime(DateTime.UtcNow), Domain.Consent.SignatureMethod.Checkbox, true, null);
}
