using System.Security.Claims;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Courses;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Courses;

/// <summary>Arranges clinical facts directly with the domain objects (the intake screens are another feature's), and
/// calls the plan handlers as the Course tab does.</summary>
public static class ClinicalArrange
{
    /// <summary>A patient registered, screened (every contraindication No), consented, with a baseline PHQ-9, and
    /// decided <paramref name="decision"/>.</summary>
    public static async Task<Guid> PatientDecidedAsync(ClinicAppFixture app, EligibilityDecision decision = EligibilityDecision.Eligible)
    {
        ArgumentNullException.ThrowIfNull(app);
        var now = DateTime.UtcNow;
        await using var db = await app.Factory.CreateDbContextAsync();
        var given = "Test";
        var family = $"Patient{Guid.NewGuid():N}"[..20];
        var patient = Patient.Register(new PatientDetails(family, given, new DateOnly(1980, 5, 17), Sex.Female), $"T{Guid.NewGuid():N}"[..12], now).Value;
        db.Patients.Add(patient);
        var document = await db.ConsentDocuments.SingleAsync(d => d.IsCurrent);
        var consent = ConsentRecord.Record(patient.Id, document, DateOnly.FromDateTime(now), SignatureMethod.Checkbox, true, null, $"{given} {family}", "clinician", "Dr Test", now).Value;
        db.ConsentRecords.Add(consent);
        var assessment = IntakeAssessment.Start(patient.Id, "clinician", now);
        Assert.True(assessment.SaveDraft(new IntakeDraft(Indication.TreatmentResistantDepression, null, null,
            Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No }).ToList(), null), now).IsSuccess);
        Assert.True(assessment.AttachConsent(consent.Id, now).IsSuccess);
        var baseline = OutcomeMeasure.Record(patient.Id, InstrumentCode.Phq9, [2, 2, 2, 2, 2, 2, 2, 1, 0], MeasureContext.Baseline, now, MeasureSource.Staff, "clinician", now, assessment.Id).Value;
        db.OutcomeMeasures.Add(baseline);
        Assert.True(assessment.Decide(new EligibilityDecisionInput(decision, "Assessed at intake", null, "clinician", "Dr Test"), 1, now).IsSuccess);
        db.IntakeAssessments.Add(assessment);
        await db.SaveChangesAsync();
        return patient.Id;
    }

    public static async Task<Protocol> CurrentProtocolAsync(ClinicAppFixture app, Indication indication)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = await app.Factory.CreateDbContextAsync();
        var current = await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync();
        return current.First(p => p.Settings.Indication == indication);
    }

    public static PlanTreatmentCourse Plan(Guid patientId, Guid protocolId, DateOnly? start = null) => new(
        patientId, protocolId, CourseKind.Induction, Indication.TreatmentResistantDepression, 6, 2,
        start ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7), "Fewer depressive symptoms; back to work",
        [new PlannedTarget(InstrumentCode.Phq9, TargetComparison.Below, 5)], 4);

    public static async Task<ClaimsPrincipal> StaffAsync(ClinicAppFixture app, string role)
    {
        ArgumentNullException.ThrowIfNull(app);
        var user = await app.CreateStaffAsync(role);
        return await IdentityFlows.PrincipalForAsync(app, user.Id);
    }

    /// <summary>Runs a handler from a scope of its own, as a page's circuit would.</summary>
    public static async Task<TResult> WithAsync<THandler, TResult>(ClinicAppFixture app, Func<THandler, Task<TResult>> call)
        where THandler : notnull
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(call);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await call(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    public static async Task<List<TreatmentCourse>> CoursesAsync(ClinicAppFixture app, Guid patientId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId).ToListAsync();
    }

    public static Task<ClinicDbContext> DbAsync(ClinicAppFixture app) => app.Factory.CreateDbContextAsync();
}
