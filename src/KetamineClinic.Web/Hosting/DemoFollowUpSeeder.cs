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
/// Development only: a patient whose induction course is finished, so follow-up proposals and "Plan booster" can be
/// tried at once. Registers Ngozi Nwosu with a decided intake (consent, PHQ-9 and GAD-7 baselines), a six-session
/// depression course planned and started about eight weeks ago, and its six infusions on past Mondays and Thursdays
/// at 09:00 (or the first free chair or time that day), the last at least ten days ago, each recorded from booking to
/// signature through <see cref="PastTreatment"/>, with a PHQ-9 before each infusion falling from 19 to 6. The course
/// stays active (a clinician completes it), so the 1-week follow-up is overdue and the 4-week one due. Every booking
/// is in the past, so it cannot collide with the demo bookings of today and the coming days. Runs once: skipped when
/// the patient exists.
/// </summary>
public sealed class DemoFollowUpSeeder(
    IDbContextFactory<ClinicDbContext> dbFactory,
    UserManager<StaffUser> users,
    ClinicSettingsProvider settings,
    TimeProvider clock,
    ILogger<DemoFollowUpSeeder> logger)
{
    public const string FamilyName = "Nwosu";
    public const string GivenName = "Ngozi";
    public const int Sessions = 6;

    private const decimal WeightKg = 71.8m;

    /// <summary>PHQ-9 before each infusion: a response (≥ 50 % below the baseline of 19) by the fifth.</summary>
    private static readonly int[] PreInfusionPhq9 = [19, 16, 13, 10, 8, 6];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Patients.AnyAsync(cancellationToken)
            || await db.Patients.AnyAsync(p => p.FamilyName == FamilyName && p.GivenName == GivenName, cancellationToken))
        {
            return;
        }

        var nurseUser = await users.FindByEmailAsync("nurse@demo.clinic");
        var clinicianUser = await users.FindByEmailAsync("clinician@demo.clinic");
        var intakeUser = await users.FindByEmailAsync("intake@demo.clinic");
        var chair = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => (Guid?)c.Id).FirstOrDefaultAsync(cancellationToken);
        if (nurseUser is null || clinicianUser is null || intakeUser is null || chair is null)
        {
            return;
        }

        var staff = new PastTreatmentStaff(
            new SessionActor(clinicianUser.Id, clinicianUser.DisplayName, IsClinician: true),
            new SessionActor(nurseUser.Id, nurseUser.DisplayName, IsClinician: false),
            new Actor(intakeUser.Id, intakeUser.DisplayName),
            chair.Value);
        var clinic = await settings.GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clinic.ToClinicTime(now));
        var dates = SessionDates(today.AddDays(-10));
        var past = new PastTreatment(db, staff, clinic.TimeZone);

        var format = await db.ClinicSettings.AsNoTracking().SingleAsync(cancellationToken);
        var counter = await db.SequenceCounters.SingleAsync(c => c.Name == SequenceCounter.MedicalRecordNumber, cancellationToken);
        var consent = await db.ConsentDocuments.AsNoTracking().SingleAsync(d => d.IsCurrent, cancellationToken);
        var protocol = (await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync(cancellationToken))
            .First(p => p.Settings.Indication == Indication.TreatmentResistantDepression);

        var registered = past.Utc(dates[0].AddDays(-21).ToDateTime(new TimeOnly(10, 0)));
        var patient = Patient.Register(
            new PatientDetails(FamilyName, GivenName, new DateOnly(1982, 7, 14), Sex.Female, Phone: "(617) 555-0188", Email: "ngozi.nwosu@example.org",
                AddressLine1: "48 Commonwealth Avenue", City: "Boston", Region: "MA", PostalCode: "02116",
                EmergencyContactName: "Chidi Nwosu", EmergencyContactPhone: "(617) 555-0189", EmergencyContactRelationship: "Brother",
                ReferringClinician: "Dr. Helen Park (psychiatry)", HeightCm: 168),
            format.FormatMrn(counter.Next()), registered).Value;
        patient.RecordWeight(WeightKg, registered, staff.Nurse.Name, registered);
        patient.AddDiagnosis("Major depressive disorder, recurrent, severe", "F33.2");
        patient.AddMedication("Sertraline", "150 mg", "once daily");
        db.Patients.Add(patient);

        // Intake two weeks before the first infusion: screening all clear, consent, PHQ-9 and GAD-7 baselines, eligible;
        // the course planned an hour later.
        var assessedOn = dates[0].AddDays(-14);
        var assessment = past.AssessEligible(patient, consent, past.Utc(assessedOn.ToDateTime(new TimeOnly(11, 0))), PreInfusionPhq9[0],
            moreBaselines: [(InstrumentCode.Gad7, [2, 2, 2, 2, 2, 2, 0])]);
        var course = past.PlanActive(patient.Id, assessment, protocol, CourseKind.Induction, assessedOn, dates[0], Sessions, 2, 4,
            "Remission of depressive symptoms; back to full-time work.");
        foreach (var (date, phq9) in dates.Zip(PreInfusionPhq9))
        {
            await past.InfuseAsync(course, date.ToDateTime(new TimeOnly(9, 0)), new PastSession(0.5m, WeightKg, Phq9Before: phq9), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded a Development demo patient whose course is finished, with follow-ups to book");
    }

    /// <summary>The six session dates: the latest Mondays and Thursdays on or before <paramref name="last"/>.</summary>
    private static List<DateOnly> SessionDates(DateOnly last)
    {
        var dates = new List<DateOnly>();
        for (var day = last; dates.Count < Sessions; day = day.AddDays(-1))
        {
            if (day.DayOfWeek is DayOfWeek.Monday or DayOfWeek.Thursday)
            {
                dates.Insert(0, day);
            }
        }

        return dates;
    }
}
