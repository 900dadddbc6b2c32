using KetamineClinic.Domain.Consent;
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

    /// <summary>Side effects noted in turn, on every third infusion, 20 minutes in and settled 15 minutes later.</summary>
    private static readonly PastSideEffect[] SideEffects =
    [
        Effect(SideEffectType.Dissociation, SideEffectSeverity.Mild, dissociation: 1),
        Effect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Mild, SideEffectAction.Antiemetic),
        Effect(SideEffectType.Dissociation, SideEffectSeverity.Moderate, dissociation: 2, action: SideEffectAction.Reassurance),
        Effect(SideEffectType.BloodPressureChange, SideEffectSeverity.Moderate, SideEffectAction.Slow),
        Effect(SideEffectType.Headache, SideEffectSeverity.Mild),
        Effect(SideEffectType.Dizziness, SideEffectSeverity.Mild),
        Effect(SideEffectType.Anxiety, SideEffectSeverity.Severe, SideEffectAction.Reassurance),
    ];

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
        var patients = await db.Patients.AsNoTracking().Where(p => families.Contains(p.FamilyName)).ToDictionaryAsync(p => p.FamilyName, cancellationToken);
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
            if (!protocols.TryGetValue(plan.Indication, out var protocol))
            {
                continue;
            }

            // Each course prefers its own chair; PastTreatment.PlaceAsync moves a booking that would meet another demo booking.
            var past = new PastTreatment(db, new PastTreatmentStaff(people.Clinician, people.Nurse, people.Booker, chairs[k % chairs.Count]), zone);
            var dates = InfusionDates(plan, thisMonday.AddDays(-7 * plan.WeeksAgo), closed);
            seeded += await RecordAsync(past, patients[plan.FamilyName], plan, protocol, consent, dates, cutoff, 70m + (k * 4), firstSideEffect: k * 2, cancellationToken);
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

    /// <summary>One patient's intake visit, course and infusions through <see cref="PastTreatment"/>; returns the bookings made.</summary>
    private static async Task<int> RecordAsync(PastTreatment past, Patient patient, HistoryCourse plan, Protocol protocol, ConsentDocument consent,
        IReadOnlyList<DateOnly> dates, DateTime cutoff, decimal weightKg, int firstSideEffect, CancellationToken cancellationToken)
    {
        // The intake visit a week before the first infusion: consultation, consent, baseline, eligible, a course planned.
        var pain = plan.Indication == Indication.ChronicPain;
        var instrument = pain ? InstrumentCode.PainNrs : InstrumentCode.Phq9;
        var intakeDay = dates[0].AddDays(-7);
        var visit = await past.VisitAsync(patient.Id, AppointmentType.IntakeConsultation, intakeDay.ToDateTime(new TimeOnly(14, 0)), 60, null, cancellationToken);
        var assessment = pain
            ? past.AssessEligible(patient, consent, visit.StartUtc.AddMinutes(20), null, plan.Indication, [(InstrumentCode.PainNrs, [plan.Scores[0]])])
            : past.AssessEligible(patient, consent, visit.StartUtc.AddMinutes(20), plan.Scores[0], plan.Indication);
        var infusions = plan.Scores.Count - 1;
        var course = past.PlanActive(patient.Id, assessment, protocol, CourseKind.Induction, intakeDay, dates[0], infusions, 2, Math.Min(4, infusions),
            pain ? "Less pain day to day; back to light work." : "Fewer depressive symptoms; back to work.",
            new OutcomeTarget { Instrument = instrument, Comparison = TargetComparison.ReductionPercentAtLeast, Value = 50 });

        // The infusions, in date order: one booking per date; a booking that did not happen is followed by its rebooking.
        var bookings = 1;
        var given = 0;
        var missed = new HashSet<int>();
        var effect = firstSideEffect;
        DateOnly? last = null;
        var length = TimeSpan.FromMinutes(10 + protocol.Settings.InfusionMinutes + protocol.Settings.ObservationMinutes);
        for (var i = 0; i < dates.Count && given < infusions; i++)
        {
            var at = dates[i].ToDateTime(new TimeOnly(pain ? 8 : 9 + (i % 2 * 2), 0));
            if (past.Utc(at) + length >= cutoff)
            {
                break;
            }

            bookings++;
            var next = given + 1;
            PastMiss? miss = missed.Contains(next) ? null
                : plan.NoShowAt == next ? PastMiss.NoShow
                : plan.LateCancellationAt == next ? PastMiss.LateCancellation
                : plan.EarlyCancellationAt == next ? PastMiss.EarlyCancellation
                : plan.EnteredInErrorAt == next ? PastMiss.EnteredInError
                : null;
            if (miss is { } how)
            {
                missed.Add(next);
                await past.MissAsync(course, at, how, cancellationToken);
                continue;
            }

            var sideEffect = (given + plan.Scores.Count) % 3 == 0 ? SideEffects[effect++ % SideEffects.Length] : null;
            given++;
            var score = plan.Scores[given];
            await past.InfuseAsync(course, at, new PastSession(protocol.Settings.DefaultDose, weightKg, Phq9Before: pain ? null : score, PainBefore: pain ? score : null,
                SideEffect: sideEffect), cancellationToken);
            last = dates[i];
            if (plan.DiscontinuedAfter == given)
            {
                break;
            }
        }

        if (last is { } lastDay)
        {
            var ended = past.Utc(lastDay.ToDateTime(new TimeOnly(22, 0)));
            var result = plan.DiscontinuedAfter == given
                ? course.Discontinue("Pain relief too small to justify further infusions; back to the pain clinic.", ended)
                : given == infusions ? course.Complete(ended) : course;
            if (result.Error is { } refused)
            {
                throw new InvalidOperationException($"Demo report course not ended: {refused.Code}");
            }

            if (course.Status == CourseStatus.Completed)
            {
                bookings += await past.AttendFollowUpsAsync(course, lastDay, SchedulingSettings.Default().FollowUpDays,
                    DateOnly.FromDateTime(cutoff), instrument, plan.Scores[^1], cancellationToken);
            }
        }

        return bookings;
    }

    private static PastSideEffect Effect(SideEffectType type, SideEffectSeverity severity, SideEffectAction action = SideEffectAction.None, int? dissociation = null) =>
        new(type, severity, action, AtMinute: 20, DissociationRating: dissociation);

    private sealed record HistoryCourse(
        string FamilyName, Indication Indication, int WeeksAgo, DayOfWeek First, DayOfWeek Second, IReadOnlyList<int> Scores,
        int? NoShowAt = null, int? LateCancellationAt = null, int? EarlyCancellationAt = null, int? EnteredInErrorAt = null, int? DiscontinuedAfter = null);

    private sealed record People(SessionActor Nurse, SessionActor Clinician, Actor Booker);
}
