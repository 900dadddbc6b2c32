using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>The stage of the patient's path a demo patient is at.</summary>
public enum DemoStage
{
    New,
    AssessmentDraft,
    EligibleWithPlan,
    NotEligible,
    NeedsMoreInformation,
    SuicideRiskAlert,
    Archived,
}

public sealed record DemoPatient(string FamilyName, string GivenName, DateOnly DateOfBirth, Sex Sex, DemoStage Stage, string? Medicine = null, string? Allergy = null);

/// <summary>
/// Development only: about 40 invented patients at every stage of the path (new; assessment in draft; eligible with
/// consent, PHQ-9 and GAD-7 baselines and a planned course; not eligible; needs more information; one with a positive
/// PHQ-9 item 9 and its open alert; one archived), made through the domain's own methods. Runs only on a database with
/// no patients, so it never touches real records, and issues record numbers from the clinic's counter in a fixed order.
/// </summary>
public sealed class DemoPatientSeeder(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicSettingsProvider settings,
    TimeProvider clock,
    ILogger<DemoPatientSeeder> logger)
{
    public static readonly IReadOnlyList<DemoPatient> Patients =
    [
        new("Alvarez", "Maria", new(1979, 4, 12), Sex.Female, DemoStage.New),
        new("Bennett", "James", new(1965, 11, 3), Sex.Male, DemoStage.New, Medicine: "Sertraline|100 mg|once daily"),
        new("Chen", "Li", new(1990, 7, 21), Sex.Female, DemoStage.New, Allergy: "Penicillin|Rash"),
        new("Dubois", "Claire", new(1972, 2, 29), Sex.Female, DemoStage.New, Medicine: "Lorazepam|1 mg|at night"),
        new("Eriksen", "Lars", new(1958, 9, 9), Sex.Male, DemoStage.New),
        new("Fofanah", "Aminata", new(1987, 5, 30), Sex.Female, DemoStage.New),
        new("García", "José", new(1983, 1, 17), Sex.Male, DemoStage.New, Medicine: "Tramadol|50 mg|every 6 hours as needed"),
        new("Hansen", "Ingrid", new(1969, 12, 1), Sex.Female, DemoStage.New),
        new("Ivanova", "Olga", new(1975, 6, 6), Sex.Female, DemoStage.New, Allergy: "Latex|Hives"),
        new("Jackson", "Marcus", new(1995, 3, 14), Sex.Male, DemoStage.New),
        new("Kaur", "Harpreet", new(1981, 8, 8), Sex.Female, DemoStage.AssessmentDraft),
        new("Larsen", "Erik", new(1960, 10, 10), Sex.Male, DemoStage.AssessmentDraft, Medicine: "Bupropion|150 mg|twice daily"),
        new("Mensah", "Kwame", new(1977, 4, 4), Sex.Male, DemoStage.AssessmentDraft, Medicine: "Tramadol|100 mg|twice daily"),
        new("Nakamura", "Yuki", new(1992, 9, 25), Sex.Female, DemoStage.AssessmentDraft),
        new("O'Brien", "Siobhan", new(1968, 3, 17), Sex.Female, DemoStage.AssessmentDraft, Allergy: "Sulfa drugs|Rash"),
        new("Patel", "Anika", new(1986, 12, 12), Sex.Female, DemoStage.AssessmentDraft),
        new("Quinn", "Declan", new(1974, 7, 7), Sex.Male, DemoStage.AssessmentDraft),
        new("Rossi", "Giulia", new(1989, 2, 2), Sex.Female, DemoStage.AssessmentDraft),
        new("Schmidt", "Anna", new(1971, 5, 19), Sex.Female, DemoStage.EligibleWithPlan, Medicine: "Escitalopram|20 mg|once daily"),
        new("Thompson", "David", new(1963, 8, 23), Sex.Male, DemoStage.EligibleWithPlan),
        new("Usman", "Bilal", new(1985, 11, 11), Sex.Male, DemoStage.EligibleWithPlan, Medicine: "Lorazepam|0.5 mg|as needed for anxiety"),
        new("Varga", "Eszter", new(1978, 1, 28), Sex.Female, DemoStage.EligibleWithPlan),
        new("Williams", "Grace", new(1993, 6, 15), Sex.Female, DemoStage.EligibleWithPlan, Allergy: "Codeine|Vomiting"),
        new("Xu", "Wei", new(1980, 10, 5), Sex.Male, DemoStage.EligibleWithPlan),
        new("Yilmaz", "Elif", new(1976, 3, 3), Sex.Female, DemoStage.EligibleWithPlan, Medicine: "Venlafaxine|150 mg|once daily"),
        new("Zielinski", "Piotr", new(1967, 9, 30), Sex.Male, DemoStage.EligibleWithPlan),
        new("Adeyemi", "Tunde", new(1984, 4, 22), Sex.Male, DemoStage.EligibleWithPlan),
        new("Brooks", "Hannah", new(1991, 12, 24), Sex.Female, DemoStage.EligibleWithPlan),
        new("Costa", "Rafael", new(1973, 7, 31), Sex.Male, DemoStage.EligibleWithPlan),
        new("Diaz", "Lucia", new(1988, 2, 14), Sex.Female, DemoStage.EligibleWithPlan),
        new("Evans", "Owen", new(1970, 5, 5), Sex.Male, DemoStage.NotEligible),
        new("Fischer", "Lena", new(1982, 8, 18), Sex.Female, DemoStage.NotEligible),
        new("Gupta", "Rohan", new(1994, 1, 9), Sex.Male, DemoStage.NotEligible),
        new("Hughes", "Megan", new(1966, 10, 27), Sex.Female, DemoStage.NotEligible),
        new("Ibrahim", "Yusuf", new(1979, 6, 2), Sex.Male, DemoStage.NeedsMoreInformation, Medicine: "Oxycodone|5 mg|every 6 hours as needed"),
        new("Jensen", "Freja", new(1987, 3, 26), Sex.Female, DemoStage.NeedsMoreInformation),
        new("Kim", "Min-jun", new(1975, 11, 19), Sex.Male, DemoStage.NeedsMoreInformation),
        new("Lopez", "Carmen", new(1961, 4, 16), Sex.Female, DemoStage.NeedsMoreInformation),
        new("Morgan", "Riley", new(1996, 9, 12), Sex.Other, DemoStage.SuicideRiskAlert),
        new("Novak", "Tomas", new(1959, 2, 8), Sex.Male, DemoStage.Archived),
    ];

    private const string Seeder = "Demo data";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Patients.AnyAsync(cancellationToken))
        {
            return;
        }

        var clinic = await settings.GetAsync(cancellationToken);
        var format = await db.ClinicSettings.AsNoTracking().SingleAsync(cancellationToken);
        var counter = await db.SequenceCounters.SingleAsync(c => c.Name == SequenceCounter.MedicalRecordNumber, cancellationToken);
        var consent = await db.ConsentDocuments.SingleAsync(d => d.IsCurrent, cancellationToken);
        var protocol = (await db.Protocols.Where(p => p.IsCurrent).ToListAsync(cancellationToken))
            .First(p => p.Settings.Indication == Indication.TreatmentResistantDepression);
        var clinician = await db.Users.Where(u => u.Email == "clinician@demo.clinic").Select(u => new { u.Id, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        var clinicianId = clinician?.Id ?? ClinicalDefaultsSeeder.SystemUser;
        var clinicianName = clinician?.DisplayName ?? Seeder;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = ClinicDays.Today(clinic, now);

        for (var i = 0; i < Patients.Count; i++)
        {
            var demo = Patients[i];
            var phone = $"(617) 555-{0100 + i:D4}";
            var details = new PatientDetails(
                demo.FamilyName,
                demo.GivenName,
                demo.DateOfBirth,
                demo.Sex,
                Phone: phone,
                Email: $"{PatientSearch.NormalizeName(demo.GivenName).ToLowerInvariant()}.{PatientSearch.NormalizeName(demo.FamilyName).Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}@example.org",
                AddressLine1: $"{10 + (i * 7)} Harbor Street",
                City: "Boston",
                Region: "MA",
                PostalCode: $"02{110 + i}",
                EmergencyContactName: i % 3 == 0 ? null : "Sam " + demo.FamilyName,
                EmergencyContactPhone: i % 3 == 0 ? null : $"(617) 555-{0900 + i:D4}",
                EmergencyContactRelationship: i % 3 == 0 ? null : "Partner",
                PreferredPharmacy: i % 2 == 0 ? "CVS Pharmacy, Boylston St" : null,
                ReferringClinician: i % 4 == 0 ? "Dr. Helen Park (psychiatry)" : null,
                HeightCm: 155 + (i * 37 % 40));
            var patient = Patient.Register(details, format.FormatMrn(counter.Next()), now.AddDays(-60 + i)).Value;
            patient.RecordWeight(55 + (i * 13 % 50) + 0.4m, now.AddDays(-(i % 20) - 10), Seeder, now);
            if (i % 4 == 1)
            {
                patient.RecordWeight(55 + (i * 13 % 50) - 0.8m, now.AddDays(-(i % 5)), Seeder, now);
            }

            if (demo.Allergy?.Split('|') is [var substance, var reaction])
            {
                patient.AddAllergy(substance, reaction, i % 2 == 0 ? AllergySeverity.Moderate : AllergySeverity.Mild);
            }

            if (demo.Medicine?.Split('|') is [var name, var dose, var frequency])
            {
                patient.AddMedication(name, dose, frequency);
            }

            if (demo.Stage is not DemoStage.New and not DemoStage.Archived)
            {
                patient.AddDiagnosis("Major depressive disorder, recurrent, severe", "F33.2");
            }

            if (demo.Stage == DemoStage.Archived)
            {
                patient.Archive("Moved out of state; care transferred", now.AddDays(-3));
            }

            db.Patients.Add(patient);
            await db.SaveChangesAsync(cancellationToken);

            if (demo.Stage is DemoStage.New or DemoStage.Archived)
            {
                continue;
            }

            var assessedAt = now.AddDays(-5);
            var assessment = IntakeAssessment.Start(patient.Id, clinicianId, assessedAt);
            var positive = demo.Stage == DemoStage.NotEligible ? "active_psychosis" : null;
            var draftOnly = demo.Stage == DemoStage.AssessmentDraft;
            assessment.SaveDraft(
                new IntakeDraft(
                    Indication.TreatmentResistantDepression,
                    "Two adequate antidepressant trials without remission.",
                    "Hypertension, controlled on no medication. No seizures.",
                    Screening.Contraindications
                        .Take(draftOnly ? 4 : int.MaxValue)
                        .Select(c => new ScreeningItem { Code = c.Code, Answer = c.Code == positive ? ScreeningAnswer.Yes : ScreeningAnswer.No, Note = c.Code == positive ? "Hallucinations reported this month." : null })
                        .ToList(),
                    Screening.MedicationGroups
                        .Select(g => new ScreeningItem { Code = g.Code, Answer = Flagged(demo, g) ? ScreeningAnswer.Yes : ScreeningAnswer.No })
                        .ToList()),
                assessedAt);
            db.IntakeAssessments.Add(assessment);
            if (draftOnly)
            {
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            var baselines = 0;
            if (demo.Stage is DemoStage.EligibleWithPlan or DemoStage.SuicideRiskAlert)
            {
                var record = ConsentRecord.Record(patient.Id, consent, DateOnly.FromDateTime(assessedAt), SignatureMethod.Checkbox, agreed: true, null, $"{demo.GivenName} {demo.FamilyName}", clinicianId, clinicianName, assessedAt).Value;
                db.ConsentRecords.Add(record);
                assessment.AttachConsent(record.Id, assessedAt);
                int?[] phq9 = demo.Stage == DemoStage.SuicideRiskAlert ? [3, 2, 2, 3, 2, 2, 2, 1, 1] : [2, 3, 2, 2, 1, 2, 2, 1, 0];
                var depression = OutcomeMeasure.Record(patient.Id, InstrumentCode.Phq9, phq9, MeasureContext.Baseline, assessedAt, MeasureSource.Staff, clinicianName, assessedAt, assessment.Id).Value;
                var anxiety = OutcomeMeasure.Record(patient.Id, InstrumentCode.Gad7, [2, 2, 1, 2, 1, 1, 2], MeasureContext.Baseline, assessedAt, MeasureSource.Staff, clinicianName, assessedAt, assessment.Id).Value;
                db.OutcomeMeasures.AddRange(depression, anxiety);
                baselines = 2;
                if (depression.RaisedSuicideRiskAlert)
                {
                    db.PatientAlerts.Add(PatientAlert.Raise(patient.Id, "phq9.item9", OutcomeAlert.SuicideRisk(phq9[8]!.Value).Message, depression.Id, assessedAt));
                }
            }

            var (decision, reason) = demo.Stage switch
            {
                DemoStage.EligibleWithPlan => (EligibilityDecision.Eligible, "Treatment-resistant depression; no contraindication; consent and baselines on file."),
                DemoStage.NotEligible => (EligibilityDecision.NotEligible, "Active psychosis: refer back to psychiatry."),
                DemoStage.SuicideRiskAlert => (EligibilityDecision.NeedsMoreInformation, "Positive PHQ-9 item 9: suicide risk assessment before deciding."),
                _ => (EligibilityDecision.NeedsMoreInformation, "Awaiting records of previous antidepressant trials from the referring clinician."),
            };
            assessment.Decide(new EligibilityDecisionInput(decision, reason, null, clinicianId, clinicianName), baselines, assessedAt);
            await db.SaveChangesAsync(cancellationToken);

            if (decision == EligibilityDecision.Eligible)
            {
                var plan = new CoursePlan(
                    patient.Id,
                    CourseKind.Induction,
                    Indication.TreatmentResistantDepression,
                    protocol.Settings.DefaultSessions,
                    protocol.Settings.DefaultSessionsPerWeek,
                    today.AddDays(7 + (i % 7)),
                    "Reduce depressive symptoms enough to return to work; sleep through the night.",
                    [new OutcomeTarget { Instrument = InstrumentCode.Phq9, Comparison = TargetComparison.Below, Value = 5 }],
                    Math.Min(4, protocol.Settings.DefaultSessions),
                    clinicianId,
                    clinicianName);
                var course = TreatmentCourse.Plan(plan, protocol, assessment, now, today);
                if (course.IsSuccess)
                {
                    db.TreatmentCourses.Add(course.Value);
                    await db.SaveChangesAsync(cancellationToken);
                }
                else
                {
                    logger.LogWarning("Demo course not planned: {Code}", course.Error!.Code);
                }
            }
        }

        logger.LogInformation("Seeded {Count} Development demo patients", Patients.Count);
    }

    private static bool Flagged(DemoPatient demo, MedicationScreenGroup group) =>
        demo.Medicine is { } medicine && group.Names.Any(n => medicine.StartsWith(n, StringComparison.OrdinalIgnoreCase));
}
