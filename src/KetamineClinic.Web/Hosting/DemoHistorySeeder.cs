using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// Development only: three demo patients with a past treatment history, so the treatment history, the course summary
/// and the reviews queue have something real to show. Sofia Reyes finished a depression course that responded and
/// reached remission (PHQ-9 before each infusion from 19 down to 4), with a side effect, a dose outside the usual range
/// and an amendment; Daniel Okafor is at his review point after 4 infusions without a response (his 4th session waits
/// for the clinician's signature); Maja Lindqvist finished an induction course months ago (response, no remission) and
/// a booster since, one infusion paused and one stopped early. Everything is built through the domain with
/// <see cref="PastTreatment"/>, on past dates only (ending at least ten days ago), so it never meets the demo's bookings
/// for today and the coming days, and each booking in a chair and at a time no other past demo booking uses
/// (<see cref="PastTreatment.PlaceAsync"/>). Runs once, after the
/// other demo seeders, and only on the demo database (the demo patients exist and these three do not).
/// </summary>
public sealed class DemoHistorySeeder(
    IDbContextFactory<ClinicDbContext> dbFactory,
    UserManager<StaffUser> users,
    ClinicSettingsProvider settings,
    TimeProvider clock,
    ILogger<DemoHistorySeeder> logger)
{
    public static readonly (string Family, string Given) Remission = ("Reyes", "Sofia");
    public static readonly (string Family, string Given) ReviewDue = ("Okafor", "Daniel");
    public static readonly (string Family, string Given) Booster = ("Lindqvist", "Maja");

    /// <summary>The patients this seeder registers (after the demo patients, so they take the next record numbers).</summary>
    public static readonly IReadOnlyList<(string Family, string Given)> Names = [Remission, ReviewDue, Booster];

    /// <summary>The clinic's default follow-ups (1 and 4 weeks after a course): the demo attended those already due.</summary>
    private static readonly IReadOnlyList<int> FollowUpDays = SchedulingSettings.Default().FollowUpDays;

    private const string Goals = "Fewer depressive symptoms; sleeping through the night; back to work.";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var demo = DemoPatientSeeder.Patients[0];
        if (!await db.Patients.AnyAsync(p => p.FamilyName == demo.FamilyName && p.GivenName == demo.GivenName, cancellationToken)
            || await db.Patients.AnyAsync(p => p.FamilyName == ReviewDue.Family && p.GivenName == ReviewDue.Given, cancellationToken))
        {
            return;
        }

        var intake = await users.FindByEmailAsync("intake@demo.clinic");
        var nurse = await users.FindByEmailAsync("nurse@demo.clinic");
        var clinician = await users.FindByEmailAsync("clinician@demo.clinic");
        var chair = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (intake is null || nurse is null || clinician is null || chair is null)
        {
            return;
        }

        var clinic = await settings.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clinic.ToClinicTime(now));
        var staff = new PastTreatmentStaff(
            new SessionActor(clinician.Id, clinician.DisplayName, IsClinician: true),
            new SessionActor(nurse.Id, nurse.DisplayName, IsClinician: false),
            new Actor(intake.Id, intake.DisplayName),
            chair.Value);
        var past = new PastTreatment(db, staff, clinic.TimeZone);
        var protocol = (await db.Protocols.Where(p => p.IsCurrent).ToListAsync(cancellationToken))
            .First(p => p.Settings.Indication == Indication.TreatmentResistantDepression);
        var consent = await db.ConsentDocuments.SingleAsync(d => d.IsCurrent, cancellationToken);
        var format = await db.ClinicSettings.AsNoTracking().SingleAsync(cancellationToken);
        var counter = await db.SequenceCounters.SingleAsync(c => c.Name == SequenceCounter.MedicalRecordNumber, cancellationToken);

        Patient Register((string Family, string Given) name, DateOnly born, Sex sex, decimal kg, string? referrer)
        {
            var details = new PatientDetails(name.Family, name.Given, born, sex, Phone: "(617) 555-0177",
                Email: $"{name.Given.ToLowerInvariant()}.{name.Family.ToLowerInvariant()}@example.org", City: "Boston", Region: "MA",
                ReferringClinician: referrer);
            var patient = Patient.Register(details, format.FormatMrn(counter.Next()), now.AddDays(-250)).Value;
            patient.AddDiagnosis("Major depressive disorder, recurrent, severe", "F33.2");
            patient.RecordWeight(kg, now.AddDays(-20), "Demo data", now);
            db.Patients.Add(patient);
            return patient;
        }

        // Sofia Reyes: assessed 11 weeks ago, six infusions twice a week from 10 weeks ago, remission.
        var reyes = Register(Remission, new DateOnly(1984, 6, 3), Sex.Female, 64.0m, "Dr. Helen Park (psychiatry)");
        var reyesStart = Monday(today, weeksAgo: 10);
        var reyesAssessment = past.AssessEligible(reyes, consent, past.Utc(reyesStart.AddDays(-7).ToDateTime(new TimeOnly(10, 0))), phq9Baseline: 20);
        var reyesCourse = past.PlanActive(reyes.Id, reyesAssessment, protocol, CourseKind.Induction, reyesStart.AddDays(-7), reyesStart, 6, 2, 4, Goals);
        var reyesSessions = new[]
        {
            new PastSession(0.5m, 64.0m, Phq9Before: 19),
            new PastSession(0.5m, 64.0m, Phq9Before: 16, SideEffect: new PastSideEffect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Moderate, SideEffectAction.Antiemetic, 25, ActionNote: "Ondansetron 4 mg IV")),
            new PastSession(0.6m, 64.0m, Phq9Before: 12, PeakSystolic: 148,
                Amendment: new PastAmendment("Nurse's note", "Escort was the patient's sister, not her partner.", "The note named the wrong escort.")),
            new PastSession(0.6m, 64.0m, Phq9Before: 9, SideEffect: new PastSideEffect(SideEffectType.Dissociation, SideEffectSeverity.Mild, SideEffectAction.Reassurance, 20, DissociationRating: 2)),
            new PastSession(0.8m, 64.0m, Phq9Before: 6, OverrideReason: "Response slowing at 0.6 mg/kg; 0.8 mg/kg agreed with the patient (Andrade 2017).", PeakSystolic: 152),
            new PastSession(0.75m, 64.0m, Phq9Before: 4, PeakSystolic: 150),
        };
        for (var i = 0; i < reyesSessions.Length; i++)
        {
            await past.InfuseAsync(reyesCourse, SessionDay(reyesStart, i).ToDateTime(new TimeOnly(9, 0)), reyesSessions[i], cancellationToken);
        }

        var reyesEnd = SessionDay(reyesStart, reyesSessions.Length - 1);
        Complete(reyesCourse, past.Utc(reyesEnd.ToDateTime(new TimeOnly(17, 0))));
        await past.AttendFollowUpsAsync(reyesCourse, reyesEnd, FollowUpDays, today.AddDays(-2), InstrumentCode.Phq9, 3, cancellationToken);

        // Daniel Okafor: six planned, four given from 2½ weeks ago, PHQ-9 21 → 18: the review point without a response.
        var okafor = Register(ReviewDue, new DateOnly(1977, 2, 11), Sex.Male, 88.5m, null);
        var okaforStart = Monday(today, weeksAgo: 3);
        var okaforAssessment = past.AssessEligible(okafor, consent, past.Utc(okaforStart.AddDays(-6).ToDateTime(new TimeOnly(11, 0))), phq9Baseline: 21);
        var okaforCourse = past.PlanActive(okafor.Id, okaforAssessment, protocol, CourseKind.Induction, okaforStart.AddDays(-6), okaforStart, 6, 2, 4, Goals);
        var okaforSessions = new[]
        {
            new PastSession(0.5m, 88.5m, Phq9Before: 20),
            new PastSession(0.5m, 88.5m, Phq9Before: 19, PeakSystolic: 184),
            new PastSession(0.5m, 88.5m, Phq9Before: 19, SideEffect: new PastSideEffect(SideEffectType.Headache, SideEffectSeverity.Mild, SideEffectAction.None, 30)),
            new PastSession(0.5m, 88.5m, Phq9Before: 18, Sign: false),
        };
        for (var i = 0; i < okaforSessions.Length; i++)
        {
            await past.InfuseAsync(okaforCourse, SessionDay(okaforStart, i).ToDateTime(new TimeOnly(11, 0)), okaforSessions[i], cancellationToken);
        }

        // Maja Lindqvist: an induction course 8 months ago (response without remission), a booster 6 weeks ago.
        var lindqvist = Register(Booster, new DateOnly(1969, 9, 22), Sex.Female, 71.2m, "Dr. Omar Haddad (general practice)");
        var inductionStart = Monday(today, weeksAgo: 34);
        var lindqvistAssessment = past.AssessEligible(lindqvist, consent, past.Utc(inductionStart.AddDays(-7).ToDateTime(new TimeOnly(14, 0))), phq9Baseline: 22);
        var induction = past.PlanActive(lindqvist.Id, lindqvistAssessment, protocol, CourseKind.Induction, inductionStart.AddDays(-7), inductionStart, 6, 2, 4, Goals);
        int[] before = [21, 18, 15, 12, 10, 9];
        for (var i = 0; i < before.Length; i++)
        {
            var spec = i switch
            {
                1 => new PastSession(0.5m, 71.2m, Phq9Before: before[i], PauseAtMinute: 15, PauseMinutes: 6,
                    SideEffect: new PastSideEffect(SideEffectType.Anxiety, SideEffectSeverity.Moderate, SideEffectAction.Pause, 15, 10)),
                4 => new PastSession(0.5m, 71.2m, Phq9Before: before[i], StopEarlyAtMinute: 28, StopReason: "Marked dissociation; the patient asked to stop.",
                    SideEffect: new PastSideEffect(SideEffectType.Dissociation, SideEffectSeverity.Severe, SideEffectAction.Stop, 26, 30, DissociationRating: 4)),
                _ => new PastSession(0.5m, 71.2m, Phq9Before: before[i]),
            };
            await past.InfuseAsync(induction, SessionDay(inductionStart, i).ToDateTime(new TimeOnly(14, 0)), spec, cancellationToken);
        }

        Complete(induction, past.Utc(SessionDay(inductionStart, before.Length - 1).ToDateTime(new TimeOnly(17, 0))));
        await past.AttendFollowUpsAsync(induction, SessionDay(inductionStart, before.Length - 1), FollowUpDays, today.AddDays(-2), InstrumentCode.Phq9, 9, cancellationToken);
        var boosterStart = Monday(today, weeksAgo: 6);
        var booster = past.PlanActive(lindqvist.Id, lindqvistAssessment, protocol, CourseKind.Booster, boosterStart.AddDays(-5), boosterStart, 2, 1, 2,
            "Maintenance after the induction course: keep PHQ-9 below 10.");
        await past.InfuseAsync(booster, boosterStart.ToDateTime(new TimeOnly(14, 0)), new PastSession(0.5m, 71.2m, Phq9Before: 11), cancellationToken);
        await past.InfuseAsync(booster, boosterStart.AddDays(7).ToDateTime(new TimeOnly(14, 0)), new PastSession(0.5m, 71.2m, Phq9Before: 7), cancellationToken);
        Complete(booster, past.Utc(boosterStart.AddDays(7).ToDateTime(new TimeOnly(17, 0))));
        await past.AttendFollowUpsAsync(booster, boosterStart.AddDays(7), FollowUpDays, today.AddDays(-2), InstrumentCode.Phq9, 6, cancellationToken);

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded Development demo treatment history for 3 patients");
    }

    /// <summary>The Monday <paramref name="weeksAgo"/> weeks before this week's.</summary>
    private static DateOnly Monday(DateOnly today, int weeksAgo) =>
        today.AddDays(-(((int)today.DayOfWeek + 6) % 7) - (7 * weeksAgo));

    /// <summary>Twice a week from a Monday: Monday and Thursday.</summary>
    private static DateOnly SessionDay(DateOnly monday, int index) => monday.AddDays((index / 2 * 7) + (index % 2 * 3));

    private static void Complete(TreatmentCourse course, DateTime atUtc)
    {
        if (course.Complete(atUtc).Error is { } refused)
        {
            throw new InvalidOperationException($"Demo course not completed: {refused.Code}");
        }
    }
}
