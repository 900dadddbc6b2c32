using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
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
/// Development only: twelve past weeks of clinic activity, so the clinic reports have something to show. Six demo
/// patients whose new assessment is still a draft (Kaur, Nakamura, Patel and Rossi with depression, Quinn and O'Brien
/// with chronic pain; none takes a screened medicine, and no test drives them) each had an earlier intake visit and a course of
/// infusions in one of the past twelve weeks, booked, checked in, ordered, infused, observed, discharged and signed
/// through the <see cref="InfusionSession"/> and <see cref="Appointment"/> domain methods with each step's own time,
/// with a score before every infusion (PHQ-9 or pain NRS), some side effects, a no-show, a late and an early
/// cancellation (each rebooked) and a booking entered in error. Five courses were completed and one discontinued.
/// Everything lies in the past — at least two days before today — so it never meets the calendar's demo bookings or
/// today's floor; each booking goes where no other demo booking is (<see cref="PastTreatment.PlaceAsync"/>). Runs once:
/// only while none of these six patients has a booking more than two days ago.
/// </summary>
public sealed class DemoReportHistorySeeder(
    IDbContextFactory<ClinicDbContext> dbFactory,
    UserManager<StaffUser> users,
    ClinicSettingsProvider settings,
    TimeProvider clock,
    ILogger<DemoReportHistorySeeder> logger)
{
    private static readonly VitalsInput Calm = new(124, 78, 72, 98, 14);

    /// <summary>Who, when and how each course went: the first infusion's week (weeks before this week), its weekdays,
    /// and the score before each infusion after the baseline (the first number).</summary>
    private static readonly IReadOnlyList<HistoryCourse> Courses =
    [
        new("Kaur", Indication.TreatmentResistantDepression, 12, DayOfWeek.Monday, DayOfWeek.Thursday, [19, 16, 13, 10, 8, 6, 4]),
        new("Nakamura", Indication.TreatmentResistantDepression, 10, DayOfWeek.Tuesday, DayOfWeek.Friday, [21, 19, 17, 14, 12, 10, 9], NoShowAt: 2),
        new("Patel", Indication.TreatmentResistantDepression, 8, DayOfWeek.Monday, DayOfWeek.Thursday, [17, 17, 16, 15, 15, 14, 13], LateCancellationAt: 3),
        new("Rossi", Indication.TreatmentResistantDepression, 6, DayOfWeek.Tuesday, DayOfWeek.Friday, [16, 14, 11, 9, 7, 5, 3], EarlyCancellationAt: 4),
        new("Quinn", Indication.ChronicPain, 4, DayOfWeek.Monday, DayOfWeek.Thursday, [8, 7, 6, 5, 5], DiscontinuedAfter: 4, EnteredInErrorAt: 1),
        new("O'Brien", Indication.ChronicPain, 3, DayOfWeek.Tuesday, DayOfWeek.Friday, [7, 6, 4, 3, 3, 2, 2]),
    ];

    private static readonly SideEffectInput[] SideEffects =
    [
        Effect(SideEffectType.Dissociation, SideEffectSeverity.Mild, dissociation: 1),
        Effect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Mild, SideEffectAction.Antiemetic),
        Effect(SideEffectType.Dissociation, SideEffectSeverity.Moderate, dissociation: 2, action: SideEffectAction.Reassurance),
        Effect(SideEffectType.BloodPressureChange, SideEffectSeverity.Moderate, SideEffectAction.Slow),
        Effect(SideEffectType.Headache, SideEffectSeverity.Mild),
        Effect(SideEffectType.Dizziness, SideEffectSeverity.Mild),
        Effect(SideEffectType.Anxiety, SideEffectSeverity.Severe, SideEffectAction.Reassurance),
    ];

    private const string Seeder = "Demo data";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var clinic = await settings.GetAsync(cancellationToken);
        var zone = clinic.TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(clinic.ToClinicTime(now));
        var cutoff = SeriesRule.ToUtc(today.AddDays(-2).ToDateTime(TimeOnly.MinValue), zone);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nurseUser = await users.FindByEmailAsync("nurse@demo.clinic");
        var clinicianUser = await users.FindByEmailAsync("clinician@demo.clinic");
        var intakeUser = await users.FindByEmailAsync("intake@demo.clinic");
        var families = Courses.Select(c => c.FamilyName).ToList();
        var patients = await db.Patients.AsNoTracking().Where(p => families.Contains(p.FamilyName))
            .Select(p => new { p.Id, p.FamilyName, p.GivenName }).ToDictionaryAsync(p => p.FamilyName, cancellationToken);
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync(cancellationToken);
        if (nurseUser is null || clinicianUser is null || intakeUser is null || patients.Count != Courses.Count || chairs.Count == 0)
        {
            return;
        }

        // Once only: these six patients' past bookings exist after the first run (other seeders' past bookings do not matter).
        var ids = patients.Values.Select(p => p.Id).ToList();
        if (await db.Appointments.AnyAsync(a => ids.Contains(a.PatientId) && a.StartUtc < cutoff, cancellationToken))
        {
            return;
        }

        var protocols = (await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync(cancellationToken))
            .GroupBy(p => p.Settings.Indication).ToDictionary(g => g.Key, g => g.First());
        var consent = await db.ConsentDocuments.AsNoTracking().SingleAsync(d => d.IsCurrent, cancellationToken);
        var closed = (await db.ClosedDates.AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken)).ToHashSet();
        var people = new People(
            new SessionActor(nurseUser.Id, nurseUser.DisplayName, IsClinician: false),
            new SessionActor(clinicianUser.Id, clinicianUser.DisplayName, IsClinician: true),
            new Actor(intakeUser.Id, intakeUser.DisplayName));
        var thisMonday = Domain.Reports.ReportRange.MondayOf(today);

        var seeded = 0;
        for (var k = 0; k < Courses.Count; k++)
        {
            var plan = Courses[k];
            var patient = patients[plan.FamilyName];
            if (!protocols.TryGetValue(plan.Indication, out var protocol))
            {
                continue;
            }

            var dates = InfusionDates(plan, thisMonday.AddDays(-7 * plan.WeeksAgo), closed);
            // Each session keeps its own copy of the protocol's settings (stored with it as JSON): one instance per session.
            var copies = new Queue<Protocol>();
            foreach (var _ in dates)
            {
                copies.Enqueue(await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == protocol.Id, cancellationToken));
            }

            // Each course prefers its own chair; PastTreatment.PlaceAsync moves a booking that would meet another demo booking.
            var past = new PastTreatment(db, new PastTreatmentStaff(people.Clinician, people.Nurse, people.Booker, chairs[k % chairs.Count]), zone);
            var built = await BuildAsync(new HistoryPatient(patient.Id, $"{patient.GivenName} {patient.FamilyName}"), plan, protocol, copies, consent,
                dates, past, zone, people, cutoff, 70m + (k * 4), firstSideEffect: k * 2, cancellationToken);
            if (built.Error is { } refused)
            {
                logger.LogWarning("A demo history course was not built: {Code}", refused.Code);
                continue;
            }

            built.Value.AddTo(db);
            seeded += built.Value.Appointments.Count;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} Development demo bookings in past weeks for the clinic reports", seeded);
    }

    /// <summary>Infusion dates twice a week from the course's first week, skipping closed dates, one per infusion
    /// planned plus one for each booking that did not happen (it is rebooked on the next open day).</summary>
    private static List<DateOnly> InfusionDates(HistoryCourse plan, DateOnly firstMonday, HashSet<DateOnly> closed)
    {
        var dates = new List<DateOnly>();
        var needed = plan.Scores.Count - 1 + new[] { plan.NoShowAt, plan.LateCancellationAt, plan.EarlyCancellationAt, plan.EnteredInErrorAt }.Count(x => x is not null);
        for (var day = firstMonday; dates.Count < needed; day = day.AddDays(1))
        {
            if ((day.DayOfWeek == plan.First || day.DayOfWeek == plan.Second) && !closed.Contains(day))
            {
                dates.Add(day);
            }
        }

        return dates;
    }

    private static async Task<Result<HistoryRecords>> BuildAsync(
        HistoryPatient patient, HistoryCourse plan, Protocol protocol, Queue<Protocol> sessionProtocols, ConsentDocument consent, IReadOnlyList<DateOnly> dates,
        PastTreatment past, TimeZoneInfo zone, People people, DateTime cutoff, decimal weightKg, int firstSideEffect, CancellationToken cancellationToken)
    {
        var records = new HistoryRecords();
        var clinician = people.Clinician;
        DateTime Local(DateOnly day, int hour, int minute = 0) => SeriesRule.ToUtc(day.ToDateTime(new TimeOnly(hour, minute)), zone);

        // The intake visit a week before the first infusion: consultation, consent, baseline, eligible, a course planned.
        var intakeDay = dates[0].AddDays(-7);
        var visitPlace = await past.PlaceAsync(patient.Id, AppointmentType.IntakeConsultation, Local(intakeDay, 14), TimeSpan.FromMinutes(60),
            inChair: false, withNurse: false, cancellationToken);
        var visit = visitPlace.StartUtc;
        var consultation = Appointment.Book(patient.Id, AppointmentType.IntakeConsultation, visitPlace, null, null, null, people.Booker, visit.AddDays(-7));
        if (consultation.Error is { } notBooked)
        {
            return notBooked;
        }

        var byClinician = new Actor(clinician.Id, clinician.Name);
        foreach (var (status, at) in new[] { (AppointmentStatus.Arrived, visit), (AppointmentStatus.InProgress, visit.AddMinutes(5)), (AppointmentStatus.Fulfilled, visit.AddMinutes(60)) })
        {
            if (consultation.Value.ChangeStatus(status, null, byClinician, at).Error is { } error)
            {
                return error;
            }
        }

        records.Appointments.Add(consultation.Value);
        var assessment = IntakeAssessment.Start(patient.Id, clinician.Id, visit);
        assessment.SaveDraft(new IntakeDraft(plan.Indication,
            plan.Indication == Indication.ChronicPain ? "Complex regional pain syndrome, right arm, for three years." : "Two adequate antidepressant trials without remission.",
            "No seizures; blood pressure normal.",
            [.. Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No })],
            [.. Screening.MedicationGroups.Select(g => new ScreeningItem { Code = g.Code, Answer = ScreeningAnswer.No })]), visit);
        var consented = ConsentRecord.Record(patient.Id, consent, intakeDay, SignatureMethod.Checkbox, true, null, patient.FullName, clinician.Id, clinician.Name, visit);
        if (consented.Error is { } noConsent)
        {
            return noConsent;
        }

        records.Consents.Add(consented.Value);
        assessment.AttachConsent(consented.Value.Id, visit);
        var instrument = plan.Indication == Indication.ChronicPain ? InstrumentCode.PainNrs : InstrumentCode.Phq9;
        var baseline = Score(patient.Id, instrument, plan.Scores[0], MeasureContext.Baseline, visit.AddMinutes(20), assessment.Id, null, null);
        if (baseline.Error is { } noBaseline)
        {
            return noBaseline;
        }

        records.Measures.Add(baseline.Value);
        if (assessment.Decide(new EligibilityDecisionInput(EligibilityDecision.Eligible, "No contraindication; consent and baseline on file.", null, clinician.Id, clinician.Name), 1, visit.AddMinutes(50)).Error is { } undecided)
        {
            return undecided;
        }

        records.Assessments.Add(assessment);
        var infusions = plan.Scores.Count - 1;
        var course = TreatmentCourse.Plan(
            new CoursePlan(patient.Id, CourseKind.Induction, plan.Indication, infusions, 2, dates[0],
                plan.Indication == Indication.ChronicPain ? "Less pain day to day; back to light work." : "Fewer depressive symptoms; back to work.",
                [new OutcomeTarget { Instrument = instrument, Comparison = TargetComparison.ReductionPercentAtLeast, Value = 50 }],
                Math.Min(4, infusions), clinician.Id, clinician.Name),
            protocol, assessment, visit.AddMinutes(55), intakeDay);
        if (course.Error is { } notPlanned)
        {
            return notPlanned;
        }

        records.Courses.Add(course.Value);

        // The infusions, in date order: one booking per date; a booking that did not happen is followed by its rebooking.
        var given = 0;
        var effect = firstSideEffect;
        DateTime? lastDischarge = null;
        for (var i = 0; i < dates.Count && given < infusions; i++)
        {
            var slot = plan.Indication == Indication.ChronicPain ? 8 : 9 + (i % 2 * 2);
            var place = await past.PlaceAsync(patient.Id, AppointmentType.InfusionSession, Local(dates[i], slot),
                TimeSpan.FromMinutes(protocol.Settings.InfusionMinutes + protocol.Settings.ObservationMinutes), inChair: true, withNurse: true, cancellationToken);
            var start = place.StartUtc;
            if (place.EndUtc >= cutoff)
            {
                break;
            }

            var booked = Appointment.Book(patient.Id, AppointmentType.InfusionSession, place, course.Value.Id, null, null, people.Booker, start.AddDays(-6));
            if (booked.Error is { } error)
            {
                return error;
            }

            var appointment = booked.Value;
            records.Appointments.Add(appointment);
            var byNurse = new Actor(people.Nurse.Id, people.Nurse.Name);
            var missed = given + 1;
            if (plan.NoShowAt == missed && !records.Missed.Contains(missed))
            {
                records.Missed.Add(missed);
                appointment.ChangeStatus(AppointmentStatus.NoShow, null, byNurse, start.AddMinutes(30));
                continue;
            }

            if (plan.LateCancellationAt == missed && !records.Missed.Contains(missed))
            {
                records.Missed.Add(missed);
                appointment.Cancel(CancellationReason.Patient, "Called in the morning: unwell.", people.Booker, start.AddHours(-3));
                continue;
            }

            if (plan.EarlyCancellationAt == missed && !records.Missed.Contains(missed))
            {
                records.Missed.Add(missed);
                appointment.Cancel(CancellationReason.Patient, "Travelling that week.", people.Booker, start.AddDays(-4));
                continue;
            }

            if (plan.EnteredInErrorAt == missed && !records.Missed.Contains(missed))
            {
                records.Missed.Add(missed);
                appointment.ChangeStatus(AppointmentStatus.EnteredInError, "Booked twice by mistake.", people.Booker, start.AddDays(-5));
                continue;
            }

            if (given == 0 && course.Value.Activate(start.AddMinutes(-10)).Error is { } notActive)
            {
                return notActive;
            }

            var session = InfusionSession.Open(appointment.Id, patient.Id, course.Value.Id, sessionProtocols.Dequeue(), start.AddMinutes(-10));
            var sideEffect = (given + plan.Scores.Count) % 3 == 0 ? SideEffects[effect++ % SideEffects.Length] : null;
            var discharged = Run(session, appointment, protocol, start, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, zone)), weightKg, people, sideEffect);
            if (discharged.Error is { } notRun)
            {
                return notRun;
            }

            records.Sessions.Add(session);
            given++;
            var score = Score(patient.Id, instrument, plan.Scores[given], MeasureContext.PreInfusion, start.AddMinutes(-8), null, course.Value.Id, appointment.Id);
            if (score.Error is { } noScore)
            {
                return noScore;
            }

            records.Measures.Add(score.Value);
            lastDischarge = discharged.Value;
            if (plan.DiscontinuedAfter == given)
            {
                break;
            }
        }

        if (lastDischarge is { } last)
        {
            var ended = plan.DiscontinuedAfter == given
                ? course.Value.Discontinue("Pain relief too small to justify further infusions; back to the pain clinic.", last.AddHours(3))
                : given == infusions ? course.Value.Complete(last.AddHours(3)) : course.Value;
            if (ended.Error is { } notEnded)
            {
                return notEnded;
            }
        }

        return records;
    }

    /// <summary>A session from check-in to signature, each step at its own time; returns the discharge time.</summary>
    private static Result<DateTime> Run(
        InfusionSession session, Appointment appointment, Protocol protocol, DateTime start, DateOnly day, decimal weightKg, People people, SideEffectInput? effect)
    {
        var byNurse = new Actor(people.Nurse.Id, people.Nurse.Name);
        var minutes = protocol.Settings.InfusionMinutes;
        var checkIn = start.AddMinutes(-10);
        var infusionStart = start.AddMinutes(10);
        var stop = infusionStart.AddMinutes(minutes);
        var discharge = stop.AddMinutes(protocol.Settings.ObservationMinutes + 5);
        var steps = new List<Func<DomainError?>>
        {
            () => session.RecordCheckIn(new CheckInInput(start.AddHours(-10), start.AddHours(-3), "Family escort", "+1 555 0199", true, weightKg, day, Calm),
                new CheckInFacts(true, true, start), people.Nurse, checkIn, day).Error,
            () => appointment.ChangeStatus(AppointmentStatus.Arrived, null, byNurse, checkIn).Error,
            () => session.Order(new DoseInput(protocol.Settings.DefaultDose, weightKg, day, minutes, null), people.Clinician, start, day).Error,
            () => session.Start(infusionStart, "KET-DEMO-0425", people.Nurse, infusionStart, day).Error,
            () => appointment.ChangeStatus(AppointmentStatus.InProgress, null, byNurse, infusionStart).Error,
        };
        for (var m = 10; m <= minutes; m += 10)
        {
            var at = infusionStart.AddMinutes(m);
            steps.Add(() => session.RecordVitals(Calm with { HeartRate = 72 + (m % 30 / 10) }, at, people.Nurse, at).Error);
        }

        steps.Add(() => session.Stop(stop, null, people.Nurse, stop).Error);
        if (effect is not null)
        {
            // Noted once it had settled, during observation.
            var onset = infusionStart.AddMinutes(Math.Min(20, minutes));
            var noted = stop.AddMinutes(10) > onset.AddMinutes(25) ? stop.AddMinutes(10) : onset.AddMinutes(25);
            steps.Add(() => session.RecordSideEffect(null, effect with { OnsetUtc = onset, ResolvedUtc = onset.AddMinutes(25) }, people.Nurse, noted).Error);
        }

        foreach (var m in new[] { 15, protocol.Settings.ObservationMinutes })
        {
            var at = stop.AddMinutes(m);
            steps.Add(() => session.RecordVitals(Calm, at, people.Nurse, at).Error);
        }

        steps.Add(() => session.Discharge(new DischargeAttestation(true, true, true), people.Nurse, discharge).Error);
        steps.Add(() => appointment.ChangeStatus(AppointmentStatus.Fulfilled, null, byNurse, discharge).Error);
        steps.Add(() => session.CompleteRecord(people.Nurse, discharge.AddMinutes(10)).Error);
        steps.Add(() => session.Sign(people.Clinician, discharge.AddHours(2)).Error);
        return steps.Select(step => step()).FirstOrDefault(error => error is not null) is { } refused ? refused : discharge;
    }

    private static Result<OutcomeMeasure> Score(Guid patientId, InstrumentCode instrument, int total, MeasureContext context, DateTime at, Guid? assessmentId, Guid? courseId, Guid? appointmentId)
    {
        int?[] items = instrument == InstrumentCode.PainNrs ? [total] : Phq9Items(total);
        return OutcomeMeasure.Record(patientId, instrument, items, context, at, MeasureSource.Staff, Seeder, at, assessmentId, courseId, appointmentId);
    }

    /// <summary>PHQ-9 answers adding up to <paramref name="total"/> (at most 24), spread over items 1–8; item 9 (thoughts of
    /// self-harm) stays 0, so the demo history raises no alert.</summary>
    private static int?[] Phq9Items(int total)
    {
        var items = new int?[9];
        for (var i = 0; i < 9; i++)
        {
            items[i] = 0;
        }

        for (var left = Math.Min(total, 24); left > 0; left--)
        {
            var slot = Enumerable.Range(0, 8).Where(i => items[i] < 3).OrderBy(i => items[i]).First();
            items[slot]++;
        }

        return items;
    }

    private static SideEffectInput Effect(SideEffectType type, SideEffectSeverity severity, SideEffectAction action = SideEffectAction.None, int? dissociation = null) =>
        new(type, null, DateTime.MinValue, severity, null, dissociation, null, action, null, null);

    private sealed record HistoryCourse(
        string FamilyName, Indication Indication, int WeeksAgo, DayOfWeek First, DayOfWeek Second, IReadOnlyList<int> Scores,
        int? NoShowAt = null, int? LateCancellationAt = null, int? EarlyCancellationAt = null, int? EnteredInErrorAt = null, int? DiscontinuedAfter = null);

    private sealed record HistoryPatient(Guid Id, string FullName);

    private sealed record People(SessionActor Nurse, SessionActor Clinician, Actor Booker);

    private sealed class HistoryRecords
    {
        public List<Appointment> Appointments { get; } = [];

        public List<ConsentRecord> Consents { get; } = [];

        public List<IntakeAssessment> Assessments { get; } = [];

        public List<TreatmentCourse> Courses { get; } = [];

        public List<InfusionSession> Sessions { get; } = [];

        public List<OutcomeMeasure> Measures { get; } = [];

        /// <summary>The infusion numbers whose first booking did not happen (already rebooked).</summary>
        public HashSet<int> Missed { get; } = [];

        public void AddTo(ClinicDbContext db)
        {
            db.Appointments.AddRange(Appointments);
            db.ConsentRecords.AddRange(Consents);
            db.IntakeAssessments.AddRange(Assessments);
            db.TreatmentCourses.AddRange(Courses);
            db.InfusionSessions.AddRange(Sessions);
            db.OutcomeMeasures.AddRange(Measures);
        }
    }
}
