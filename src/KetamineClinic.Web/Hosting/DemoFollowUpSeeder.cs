using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
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
/// at 09:00, the last at least ten days ago: each booked, checked in, ordered, infused, discharged (the booking
/// fulfilled), completed and signed through the domain's own methods at the times they would have happened, with a
/// PHQ-9 before each infusion falling from 19 to 6. The course stays active (a clinician completes it), so the
/// 1-week follow-up is overdue and the 4-week one due. Every booking is in the past, so it cannot collide with the
/// demo bookings of today and the coming days. Runs once: skipped when the patient exists.
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

    /// <summary>PHQ-9 before each infusion: a response (≥ 50 % below the baseline of 19) by the fifth.</summary>
    private static readonly int[] PreInfusionPhq9 = [19, 16, 13, 10, 8, 6];

    private static readonly VitalsInput Calm = new(122, 78, 72, 98, 14);

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

        var nurse = new SessionActor(nurseUser.Id, nurseUser.DisplayName, IsClinician: false);
        var clinician = new SessionActor(clinicianUser.Id, clinicianUser.DisplayName, IsClinician: true);
        var booker = new Actor(intakeUser.Id, intakeUser.DisplayName);
        var clinic = await settings.GetAsync(cancellationToken);
        var zone = clinic.TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clinic.ToClinicTime(now));
        var dates = SessionDates(today.AddDays(-10));
        var past = new PastTreatment(db, new PastTreatmentStaff(clinician, nurse, booker, chair.Value), zone);
        DateTime Utc(DateOnly date, int hour) => SeriesRule.ToUtc(date.ToDateTime(new TimeOnly(hour, 0)), zone);

        var format = await db.ClinicSettings.AsNoTracking().SingleAsync(cancellationToken);
        var counter = await db.SequenceCounters.SingleAsync(c => c.Name == SequenceCounter.MedicalRecordNumber, cancellationToken);
        var consent = await db.ConsentDocuments.AsNoTracking().SingleAsync(d => d.IsCurrent, cancellationToken);
        var protocol = (await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync(cancellationToken))
            .First(p => p.Settings.Indication == Indication.TreatmentResistantDepression);

        var registered = Utc(dates[0].AddDays(-21), 10);
        var patient = Patient.Register(
            new PatientDetails(FamilyName, GivenName, new DateOnly(1982, 7, 14), Sex.Female, Phone: "(617) 555-0188", Email: "ngozi.nwosu@example.org",
                AddressLine1: "48 Commonwealth Avenue", City: "Boston", Region: "MA", PostalCode: "02116",
                EmergencyContactName: "Chidi Nwosu", EmergencyContactPhone: "(617) 555-0189", EmergencyContactRelationship: "Brother",
                ReferringClinician: "Dr. Helen Park (psychiatry)", HeightCm: 168),
            format.FormatMrn(counter.Next()), registered).Value;
        patient.RecordWeight(71.8m, registered, nurse.Name, registered);
        patient.AddDiagnosis("Major depressive disorder, recurrent, severe", "F33.2");
        patient.AddMedication("Sertraline", "150 mg", "once daily");
        db.Patients.Add(patient);

        // Intake two weeks before the first infusion: screening all clear, consent, baselines, eligible.
        var assessedAt = Utc(dates[0].AddDays(-14), 11);
        var assessment = IntakeAssessment.Start(patient.Id, clinician.Id, assessedAt);
        assessment.SaveDraft(new IntakeDraft(
            Indication.TreatmentResistantDepression,
            "Three adequate antidepressant trials without remission.",
            "No seizures, no psychosis, blood pressure normal.",
            [.. Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No })],
            [.. Screening.MedicationGroups.Select(g => new ScreeningItem { Code = g.Code, Answer = ScreeningAnswer.No })]), assessedAt);
        var consentRecord = ConsentRecord.Record(patient.Id, consent, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(assessedAt, zone)), SignatureMethod.Checkbox,
            agreed: true, null, $"{GivenName} {FamilyName}", clinician.Id, clinician.Name, assessedAt).Value;
        db.ConsentRecords.Add(consentRecord);
        assessment.AttachConsent(consentRecord.Id, assessedAt);
        db.OutcomeMeasures.Add(OutcomeMeasure.Record(patient.Id, InstrumentCode.Phq9, Answers(19, 9), MeasureContext.Baseline, assessedAt,
            MeasureSource.Staff, clinician.Name, assessedAt, assessment.Id).Value);
        db.OutcomeMeasures.Add(OutcomeMeasure.Record(patient.Id, InstrumentCode.Gad7, Answers(12, 7), MeasureContext.Baseline, assessedAt,
            MeasureSource.Staff, clinician.Name, assessedAt, assessment.Id).Value);
        assessment.Decide(new EligibilityDecisionInput(EligibilityDecision.Eligible, "Treatment-resistant depression; no contraindication; consent and baselines on file.",
            null, clinician.Id, clinician.Name), 2, assessedAt);
        db.IntakeAssessments.Add(assessment);

        var plannedAt = assessedAt.AddHours(1);
        var planned = TreatmentCourse.Plan(
            new CoursePlan(patient.Id, CourseKind.Induction, Indication.TreatmentResistantDepression, Sessions, 2, dates[0],
                "Remission of depressive symptoms; back to full-time work.",
                [new OutcomeTarget { Instrument = InstrumentCode.Phq9, Comparison = TargetComparison.Below, Value = 5 }],
                4, clinician.Id, clinician.Name),
            protocol, assessment, plannedAt, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(plannedAt, zone)));
        if (!planned.IsSuccess || !planned.Value.Activate(Utc(dates[0].AddDays(-3), 9)).IsSuccess)
        {
            logger.LogWarning("The demo finished course was not planned: {Code}", planned.Error?.Code);
            return;
        }

        var course = planned.Value;
        db.TreatmentCourses.Add(course);
        for (var i = 0; i < dates.Count; i++)
        {
            // Placed where no other demo booking is (see PastTreatment.PlaceAsync), at 09:00 when that chair is free.
            var appointment = await past.BookAsync(patient.Id, AppointmentType.InfusionSession, dates[i].ToDateTime(new TimeOnly(9, 0)),
                protocol.Settings.InfusionMinutes + protocol.Settings.ObservationMinutes, course.Id, inChair: true, withNurse: true, cancellationToken: cancellationToken);
            var start = appointment.StartUtc;
            // Each session keeps its own copy of the protocol's numbers (an owned value EF cannot share between sessions).
            var version = await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == protocol.Id, cancellationToken);
            var session = InfusionSession.Open(appointment.Id, patient.Id, course.Id, version, start.AddMinutes(-20));
            if (Run(session, appointment, protocol.Settings, start, dates[i], nurse, clinician) is { } refused)
            {
                logger.LogWarning("A demo past infusion could not be run: {Code}", refused.Code);
                return;
            }

            db.InfusionSessions.Add(session);
            db.OutcomeMeasures.Add(OutcomeMeasure.Record(patient.Id, InstrumentCode.Phq9, Answers(PreInfusionPhq9[i], 9), MeasureContext.PreInfusion, start.AddMinutes(-5),
                MeasureSource.Staff, nurse.Name, start, courseId: course.Id, appointmentId: appointment.Id).Value);
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

    /// <summary>One infusion from check-in to signature, each step at its own time: check-in 20 min before, order,
    /// start 10 min after the booked time, the protocol's infusion, stop, two observation readings, discharge.</summary>
    private static DomainError? Run(InfusionSession session, Appointment appointment, ProtocolSettings protocol, DateTime start, DateOnly day, SessionActor nurse, SessionActor clinician)
    {
        var byNurse = new Actor(nurse.Id, nurse.Name);
        var checkInAt = start.AddMinutes(-20);
        var infusionStart = start.AddMinutes(10);
        var stop = infusionStart.AddMinutes(protocol.InfusionMinutes);
        var discharge = stop.AddMinutes(Math.Max(protocol.ObservationMinutes, 60));
        var checkIn = new CheckInInput(start.AddHours(-9), start.AddHours(-3), "Chidi Nwosu", "(617) 555-0189", true, 71.8m, day, Calm);
        var steps = new List<Func<DomainError?>>
        {
            () => session.RecordCheckIn(checkIn, new CheckInFacts(true, true, start), nurse, checkInAt, day).Error,
            () => appointment.ChangeStatus(AppointmentStatus.Arrived, null, byNurse, checkInAt).Error,
            () => session.Order(new DoseInput(0.5m, 71.8m, day, protocol.InfusionMinutes, null), clinician, start, day).Error,
            () => session.Start(infusionStart, "KET-24-0917", nurse, infusionStart, day).Error,
            () => appointment.ChangeStatus(AppointmentStatus.InProgress, null, byNurse, infusionStart).Error,
        };
        for (var m = 10; m <= protocol.InfusionMinutes; m += 10)
        {
            var at = infusionStart.AddMinutes(m);
            steps.Add(() => session.RecordVitals(Calm with { HeartRate = 72 + (m / 10) }, at, nurse, at).Error);
        }

        steps.Add(() => session.Stop(stop, null, nurse, stop).Error);
        steps.Add(() => session.RecordVitals(Calm, stop.AddMinutes(15), nurse, stop.AddMinutes(15)).Error);
        steps.Add(() => session.RecordVitals(Calm with { HeartRate = 70 }, discharge.AddMinutes(-5), nurse, discharge.AddMinutes(-5)).Error);
        steps.Add(() => session.Discharge(new DischargeAttestation(true, true, true), nurse, discharge).Error);
        steps.Add(() => appointment.ChangeStatus(AppointmentStatus.Fulfilled, null, byNurse, discharge).Error);
        steps.Add(() => session.SaveNote("Tolerated well; mild dissociation settled during observation.", nurse, discharge.AddMinutes(5)).Error);
        steps.Add(() => session.CompleteRecord(nurse, discharge.AddMinutes(5)).Error);
        steps.Add(() => session.Sign(clinician, discharge.AddHours(2)).Error);
        return steps.Select(step => step()).FirstOrDefault(error => error is not null);
    }

    /// <summary>Item answers (0–3) adding up to <paramref name="total"/>, the last item (PHQ-9 item 9) always 0.</summary>
    private static int?[] Answers(int total, int items)
    {
        var answers = new int?[items];
        for (var i = 0; i < items - 1; i++)
        {
            answers[i] = Math.Min(3, Math.Max(0, total - (3 * i)));
        }

        answers[items - 1] = 0;
        return answers;
    }
}
