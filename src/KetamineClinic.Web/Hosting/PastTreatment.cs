using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>The people and the chair a past treatment is recorded with.</summary>
public sealed record PastTreatmentStaff(SessionActor Clinician, SessionActor Nurse, Actor Booker, Guid ChairId);

/// <summary>A side effect during a past infusion, at a minute from the infusion's start.</summary>
public sealed record PastSideEffect(SideEffectType Type, SideEffectSeverity Severity, SideEffectAction Action, int AtMinute, int ResolvedAfterMinutes = 15,
    int? Moaas = null, int? DissociationRating = null, string? ActionNote = null, string? OtherDescription = null);

/// <summary>A correction made to the signed record the day after, with its reason.</summary>
public sealed record PastAmendment(string RefersTo, string Text, string Reason);

/// <summary>
/// How one past infusion went. The vitals rise gently to <see cref="PeakSystolic"/> at minute 40 (the usual
/// blood-pressure peak) and settle in observation. <see cref="NotStartedReason"/> ends the session at check-in;
/// <see cref="StopEarlyAtMinute"/> stops it early with <see cref="StopReason"/>; <see cref="PauseAtMinute"/> pauses it
/// for <see cref="PauseMinutes"/>. Without <see cref="Complete"/> the session ends discharged (the nurse's record still
/// open); without <see cref="Sign"/> it waits for the clinician's signature. An alert a reading raises is acknowledged
/// at once unless <see cref="AcknowledgeAlerts"/> is false (then the record cannot be completed either).
/// <see cref="Phq9Before"/> and <see cref="PainBefore"/> are the scores taken before the infusion.
/// </summary>
public sealed record PastSession(
    decimal Dose,
    decimal WeightKg,
    int? Phq9Before = null,
    string? OverrideReason = null,
    PastSideEffect? SideEffect = null,
    int PeakSystolic = 142,
    int? StopEarlyAtMinute = null,
    string? StopReason = null,
    int? PauseAtMinute = null,
    int PauseMinutes = 5,
    string? NotStartedReason = null,
    bool Complete = true,
    bool Sign = true,
    PastAmendment? Amendment = null,
    bool AcknowledgeAlerts = true,
    int? PainBefore = null);

/// <summary>How a past infusion booking did not happen: the patient did not come, cancelled that morning or days
/// before, or the booking was a mistake.</summary>
public enum PastMiss
{
    NoShow = 1,
    LateCancellation = 2,
    EarlyCancellation = 3,
    EnteredInError = 4,
}

/// <summary>
/// Records treatment that happened in the past through the domain's own methods — intake decision, treatment plan,
/// bookings, and each infusion session from check-in to signature — every step at the time it happened, so the
/// data obeys the same rules as data entered on the day (check-in before the order, the infusion's duration against
/// the order, discharge after the observation, amendments only once signed). Used by the Development demo seed, the
/// tests and the benchmark; it adds to the context and the caller saves.
/// </summary>
public sealed class PastTreatment(ClinicDbContext db, PastTreatmentStaff staff, TimeZoneInfo zone)
{
    private static readonly VitalsInput Settled = new(124, 78, 72, 98, 14);

    /// <summary>The conflicts a past booking must not have: the rules of a booking made on the day, less the hours.</summary>
    private static readonly ConflictKind[] Clashes = [ConflictKind.Chair, ConflictKind.NurseCapacity, ConflictKind.Clinician, ConflictKind.Patient];

    /// <summary>How far a past booking may move later in its day (in steps of <see cref="ShiftStep"/>) to find a free place.</summary>
    private const int MaxShifts = 16;

    private static readonly TimeSpan ShiftStep = TimeSpan.FromMinutes(30);

    private List<Guid>? _chairs;
    private int _nurseCapacity;

    /// <summary>PHQ-9 answers adding up to <paramref name="total"/>, spread over items 1–8; item 9 as given.</summary>
    public static int?[] Phq9Answers(int total, int item9 = 0)
    {
        var rest = total - item9;
        if (rest is < 0 or > 24 || item9 is < 0 or > 3)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "PHQ-9 totals run from 0 to 27 with item 9 from 0 to 3.");
        }

        return [.. Enumerable.Range(0, 8).Select(i => (int?)((rest / 8) + (i < rest % 8 ? 1 : 0))), item9];
    }

    public DateTime Utc(DateTime local) => SeriesRule.ToUtc(local, zone);

    /// <summary>Consent, an intake assessment with every contraindication and screened medicine answered No, a PHQ-9
    /// baseline (and any <paramref name="moreBaselines"/>, e.g. a GAD-7), and the decision "eligible", all at <paramref name="atUtc"/>.</summary>
    public IntakeAssessment AssessEligible(Patient patient, ConsentDocument consent, DateTime atUtc, int? phq9Baseline, Indication indication = Indication.TreatmentResistantDepression,
        IReadOnlyList<(InstrumentCode Instrument, int?[] Answers)>? moreBaselines = null)
    {
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(consent);
        var clinician = staff.Clinician;
        var record = Ok(ConsentRecord.Record(patient.Id, consent, DateOnly.FromDateTime(atUtc), SignatureMethod.Checkbox, true, null,
            $"{patient.GivenName} {patient.FamilyName}", clinician.Id, clinician.Name, atUtc));
        db.ConsentRecords.Add(record);
        var assessment = IntakeAssessment.Start(patient.Id, clinician.Id, atUtc);
        var pain = indication == Indication.ChronicPain;
        Ok(assessment.SaveDraft(new IntakeDraft(indication,
            pain ? "Complex regional pain syndrome, right arm, for three years." : "Two adequate antidepressant trials without remission.", "No seizures; blood pressure normal.",
            [.. Screening.Contraindications.Select(c => new ScreeningItem { Code = c.Code, Answer = ScreeningAnswer.No })],
            [.. Screening.MedicationGroups.Select(g => new ScreeningItem { Code = g.Code, Answer = ScreeningAnswer.No })]), atUtc));
        Ok(assessment.AttachConsent(record.Id, atUtc));
        List<(InstrumentCode Instrument, int?[] Answers)> baselines = [.. phq9Baseline is { } phq9 ? [(InstrumentCode.Phq9, Phq9Answers(phq9))] : Array.Empty<(InstrumentCode, int?[])>(),
            .. moreBaselines ?? []];
        foreach (var (instrument, answers) in baselines)
        {
            db.OutcomeMeasures.Add(Ok(OutcomeMeasure.Record(patient.Id, instrument, answers, MeasureContext.Baseline, atUtc, MeasureSource.Staff, clinician.Name, atUtc, assessment.Id)));
        }

        Ok(assessment.Decide(new EligibilityDecisionInput(EligibilityDecision.Eligible, pain ? "Chronic pain; no contraindication." : "Treatment-resistant depression; no contraindication.", null,
            clinician.Id, clinician.Name), baselines.Count, atUtc));
        db.IntakeAssessments.Add(assessment);
        return assessment;
    }

    /// <summary>A course planned on <paramref name="plannedOn"/> (clinic date) and activated then; the target PHQ-9 below 5 unless given.</summary>
    public TreatmentCourse PlanActive(Guid patientId, IntakeAssessment assessment, Protocol protocol, CourseKind kind, DateOnly plannedOn, DateOnly start,
        int sessions, int perWeek, int reviewAfter, string goals, OutcomeTarget? target = null)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        var at = Utc(plannedOn.ToDateTime(new TimeOnly(16, 0)));
        var plan = new CoursePlan(patientId, kind, protocol.Settings.Indication, sessions, perWeek, start, goals,
            [target ?? new OutcomeTarget { Instrument = InstrumentCode.Phq9, Comparison = TargetComparison.Below, Value = 5 }],
            reviewAfter, staff.Clinician.Id, staff.Clinician.Name);
        var course = Ok(TreatmentCourse.Plan(plan, protocol, assessment, at, plannedOn));
        Ok(course.Activate(at.AddMinutes(5)));
        db.TreatmentCourses.Add(course);
        return course;
    }

    /// <summary>
    /// Where a past booking of <paramref name="length"/> wanted at <paramref name="startUtc"/> can go without meeting
    /// another live booking (neither cancelled nor entered in error) — the chair, the nurse beyond the clinic's
    /// capacity, the clinician (outside infusions they cover together) or the patient — among the bookings already in
    /// the database and those added to this context but not yet saved (another seeder's, or this one's). The staff's
    /// own chair first, then the other active chairs in order; if none is free, the same 30 minutes later, up to
    /// eight hours. Every past booking the demo records goes through here, so the seeders never overlap one another.
    /// </summary>
    public async Task<BookingPlace> PlaceAsync(Guid patientId, AppointmentType type, DateTime startUtc, TimeSpan length, bool inChair, bool withNurse,
        CancellationToken cancellationToken = default)
    {
        if (_chairs is null)
        {
            var active = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync(cancellationToken);
            _chairs = [staff.ChairId, .. active.Where(c => c != staff.ChairId)];
            _nurseCapacity = await db.SchedulingSettings.AsNoTracking().Select(s => (int?)s.NurseCapacity).FirstOrDefaultAsync(cancellationToken) ?? 2;
        }

        var context = new SchedulingContext(zone, [], [], new Dictionary<string, IReadOnlyList<DayHours>>(), _nurseCapacity, MinimumIntervalHours: 0);
        Guid?[] chairs = inChair ? [.. _chairs.Select(c => (Guid?)c)] : [null];
        for (var shift = 0; shift < MaxShifts; shift++)
        {
            var start = startUtc + (shift * ShiftStep);
            var end = start + length;
            var others = await NearbyAsync(start, end, cancellationToken);
            foreach (var chair in chairs)
            {
                var candidate = new BookingSlot(Guid.NewGuid(), patientId, type, start, end, AppointmentStatus.Booked, chair,
                    withNurse ? staff.Nurse.Id : null, staff.Clinician.Id);
                if (!ConflictRules.Check(candidate, others, context).Any(c => Clashes.Contains(c.Kind)))
                {
                    return new BookingPlace(start, end, chair, candidate.NurseId, candidate.ClinicianId);
                }
            }
        }

        throw new InvalidOperationException($"No free place for a past {type} booking near {startUtc:u}.");
    }

    /// <summary>A past booking placed by <see cref="PlaceAsync"/>, made <paramref name="bookedDaysBefore"/> days before and added to the context.</summary>
    public async Task<Appointment> BookAsync(Guid patientId, AppointmentType type, DateTime localStart, int minutes, Guid? courseId, bool inChair, bool withNurse,
        int bookedDaysBefore = 7, CancellationToken cancellationToken = default)
    {
        var place = await PlaceAsync(patientId, type, Utc(localStart), TimeSpan.FromMinutes(minutes), inChair, withNurse, cancellationToken);
        var appointment = Ok(Appointment.Book(patientId, type, place, courseId, null, null, staff.Booker, place.StartUtc.AddDays(-bookedDaysBefore)));
        db.Appointments.Add(appointment);
        return appointment;
    }

    /// <summary>The live bookings overlapping [fromUtc, toUtc): saved ones as the database has them unless this context
    /// tracks them, and every one this context tracks (added, or changed since it was read).</summary>
    private async Task<List<BookingSlot>> NearbyAsync(DateTime fromUtc, DateTime toUtc, CancellationToken cancellationToken)
    {
        var tracked = db.ChangeTracker.Entries<Appointment>().Where(e => e.State != EntityState.Deleted).Select(e => e.Entity)
            .Select(a => new BookingSlot(a.Id, a.PatientId, a.Type, a.StartUtc, a.EndUtc, a.Status, a.ChairId, a.NurseId, a.ClinicianId)).ToList();
        var ids = tracked.Select(t => t.Id).ToHashSet();
        var saved = await SchedulingChecks.Overlapping(db, fromUtc, toUtc).Select(SchedulingChecks.ToSlot).ToListAsync(cancellationToken);
        return [.. saved.Where(s => !ids.Contains(s.Id)), .. tracked.Where(t => t.Counts && t.StartUtc < toUtc && fromUtc < t.EndUtc)];
    }

    /// <summary>A visit with the clinician alone (an intake consultation or a follow-up), placed by <see cref="PlaceAsync"/>:
    /// booked the week before, arrived and started at its time, fulfilled at its end.</summary>
    public async Task<Appointment> VisitAsync(Guid patientId, AppointmentType type, DateTime localStart, int minutes, Guid? courseId, CancellationToken cancellationToken = default)
    {
        var visit = await BookAsync(patientId, type, localStart, minutes, courseId, inChair: false, withNurse: false, cancellationToken: cancellationToken);
        var byClinician = new Actor(staff.Clinician.Id, staff.Clinician.Name);
        Ok(visit.ChangeStatus(AppointmentStatus.Arrived, null, byClinician, visit.StartUtc));
        Ok(visit.ChangeStatus(AppointmentStatus.InProgress, null, byClinician, visit.StartUtc.AddMinutes(5)));
        Ok(visit.ChangeStatus(AppointmentStatus.Fulfilled, null, byClinician, visit.EndUtc));
        return visit;
    }

    /// <summary>The follow-ups the clinic proposes <paramref name="daysAfter"/> days after a finished course's last
    /// session that fell before <paramref name="before"/>: each attended at 15:30 (a weekend moved to the Monday) with
    /// <paramref name="instrument"/> scored <paramref name="score"/>, the measure linked to the visit and the course.
    /// Returns how many were attended.</summary>
    public async Task<int> AttendFollowUpsAsync(TreatmentCourse course, DateOnly lastSession, IReadOnlyList<int> daysAfter, DateOnly before,
        InstrumentCode instrument, int score, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(daysAfter);
        var attended = 0;
        foreach (var days in daysAfter)
        {
            var day = lastSession.AddDays(days);
            day = day.DayOfWeek switch { DayOfWeek.Saturday => day.AddDays(2), DayOfWeek.Sunday => day.AddDays(1), _ => day };
            if (day >= before)
            {
                break;
            }

            var visit = await VisitAsync(course.PatientId, AppointmentType.FollowUp, day.ToDateTime(new TimeOnly(15, 30)), 30, course.Id, cancellationToken);
            var taken = visit.StartUtc.AddMinutes(5);
            int?[] answers = instrument == InstrumentCode.Phq9 ? Phq9Answers(score) : [score];
            db.OutcomeMeasures.Add(Ok(OutcomeMeasure.Record(course.PatientId, instrument, answers, MeasureContext.FollowUp, taken,
                MeasureSource.Staff, staff.Clinician.Name, taken, courseId: course.Id, appointmentId: visit.Id)));
            attended++;
        }

        return attended;
    }

    /// <summary>An infusion booking of the course at clinic-local <paramref name="localStart"/> that did not happen, as
    /// <paramref name="miss"/> says: marked no-show half an hour in, cancelled by the patient that morning or four days
    /// before, or entered in error five days before.</summary>
    public async Task<Appointment> MissAsync(TreatmentCourse course, DateTime localStart, PastMiss miss, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(course);
        var settings = (await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == course.ProtocolId, cancellationToken)).Settings;
        var type = course.Kind == CourseKind.Booster ? AppointmentType.Booster : AppointmentType.InfusionSession;
        var booked = await BookAsync(course.PatientId, type, localStart, 10 + settings.InfusionMinutes + settings.ObservationMinutes, course.Id,
            inChair: true, withNurse: true, cancellationToken: cancellationToken);
        var start = booked.StartUtc;
        Ok(miss switch
        {
            PastMiss.NoShow => booked.ChangeStatus(AppointmentStatus.NoShow, null, new Actor(staff.Nurse.Id, staff.Nurse.Name), start.AddMinutes(30)),
            PastMiss.LateCancellation => booked.Cancel(CancellationReason.Patient, "Called in the morning: unwell.", staff.Booker, start.AddHours(-3)),
            PastMiss.EarlyCancellation => booked.Cancel(CancellationReason.Patient, "Travelling that week.", staff.Booker, start.AddDays(-4)),
            _ => booked.ChangeStatus(AppointmentStatus.EnteredInError, "Booked twice by mistake.", staff.Booker, start.AddDays(-5)),
        });
        return booked;
    }

    /// <summary>Books an infusion at clinic-local <paramref name="localStart"/> (the day before; in the first free chair,
    /// or later that day if none is free, see <see cref="PlaceAsync"/>) and runs its session
    /// through the <see cref="InfusionSession"/> methods as <paramref name="spec"/> says, each step at its time. The
    /// session keeps its own copy of the course's protocol version (read untracked, as the session workspace does):
    /// EF stores it as JSON owned by the session, so two sessions never share one instance.</summary>
    public async Task<InfusionSession> InfuseAsync(TreatmentCourse course, DateTime localStart, PastSession spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(course);
        ArgumentNullException.ThrowIfNull(spec);
        var protocol = await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == course.ProtocolId, cancellationToken);
        var settings = protocol.Settings;
        var type = course.Kind == CourseKind.Booster ? AppointmentType.Booster : AppointmentType.InfusionSession;
        var appointment = await BookAsync(course.PatientId, type, localStart, 10 + settings.InfusionMinutes + settings.ObservationMinutes, course.Id,
            inChair: true, withNurse: true, bookedDaysBefore: 1, cancellationToken);
        var start = appointment.StartUtc;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(start, zone));
        var session = InfusionSession.Open(appointment.Id, course.PatientId, course.Id, protocol, start);
        db.InfusionSessions.Add(session);
        var byNurse = new Actor(staff.Nurse.Id, staff.Nurse.Name);

        if (spec.Phq9Before is { } phq9)
        {
            var taken = start.AddMinutes(-10);
            db.OutcomeMeasures.Add(Ok(OutcomeMeasure.Record(course.PatientId, InstrumentCode.Phq9, Phq9Answers(phq9), MeasureContext.PreInfusion, taken,
                MeasureSource.Kiosk, "Patient (kiosk)", taken, courseId: course.Id, appointmentId: appointment.Id)));
        }

        if (spec.PainBefore is { } pain)
        {
            var taken = start.AddMinutes(-8);
            db.OutcomeMeasures.Add(Ok(OutcomeMeasure.Record(course.PatientId, InstrumentCode.PainNrs, [pain], MeasureContext.PreInfusion, taken,
                MeasureSource.Staff, staff.Nurse.Name, taken, courseId: course.Id, appointmentId: appointment.Id)));
        }

        var checkIn = new CheckInInput(start.AddHours(-9), start.AddHours(-3), "Sam Escort", "+1 555 0142", true, spec.WeightKg, today, Settled);
        Ok(session.RecordCheckIn(checkIn, new CheckInFacts(true, true, start), staff.Nurse, start, today));
        Ok(appointment.ChangeStatus(AppointmentStatus.Arrived, null, byNurse, start));
        if (spec.NotStartedReason is { } notStarted)
        {
            Ok(session.MarkNotStarted(notStarted, staff.Nurse, start.AddMinutes(15)));
            return Close(session, appointment, start.AddMinutes(20), spec, fulfilled: false);
        }

        Ok(session.Order(new DoseInput(spec.Dose, spec.WeightKg, today, settings.InfusionMinutes, spec.OverrideReason), staff.Clinician, start.AddMinutes(5), today));
        var infusionStart = start.AddMinutes(10);
        Ok(session.Start(infusionStart, "KET-24-0917", staff.Nurse, infusionStart, today));
        Ok(appointment.ChangeStatus(AppointmentStatus.InProgress, null, byNurse, infusionStart));

        var pausedUntil = spec.PauseAtMinute is { } pauseAt ? pauseAt + spec.PauseMinutes : 0;
        var planned = settings.InfusionMinutes + (spec.PauseAtMinute is null ? 0 : spec.PauseMinutes);
        var stopMinute = spec.StopEarlyAtMinute ?? planned;
        var readings = Enumerable.Range(1, stopMinute / settings.VitalsIntervalMinutes).Select(i => i * settings.VitalsIntervalMinutes)
            .Append(settings.ExtraReadingAtMinute ?? 0).Where(m => m > 0 && m <= stopMinute).Distinct().Order().ToList();
        var events = new List<(int Minute, Action Step)>();
        foreach (var minute in readings)
        {
            var at = infusionStart.AddMinutes(minute);
            events.Add((minute, () => Reading(session, During(spec.PeakSystolic, minute, settings.InfusionMinutes), at, spec.AcknowledgeAlerts)));
        }

        if (spec.PauseAtMinute is { } pause)
        {
            var pausedAt = infusionStart.AddMinutes(pause);
            var resumedAt = infusionStart.AddMinutes(pausedUntil);
            events.Add((pause, () => Ok(session.Pause(pausedAt, spec.SideEffect?.Type is { } t ? $"Side effect: {Features.Sessions.SessionChanges.SideEffectText(t)}" : "Blood pressure recheck", staff.Nurse, pausedAt))));
            events.Add((pausedUntil, () => Ok(session.Resume(resumedAt, staff.Nurse, resumedAt))));
        }

        if (spec.SideEffect is { } effect)
        {
            var onset = infusionStart.AddMinutes(effect.AtMinute);
            events.Add((effect.AtMinute, () => Ok(session.RecordSideEffect(null, new SideEffectInput(effect.Type, effect.OtherDescription, onset, effect.Severity,
                effect.Moaas, effect.DissociationRating, null, effect.Action, effect.ActionNote, onset.AddMinutes(effect.ResolvedAfterMinutes)), staff.Nurse, onset.AddMinutes(effect.ResolvedAfterMinutes)))));
        }

        // In time order; at the same minute the reading first, then the pause, the side effect and the resume.
        foreach (var (_, step) in events.Select((e, i) => (e, i)).OrderBy(x => x.e.Minute).ThenBy(x => x.i).Select(x => x.e))
        {
            step();
        }

        var stop = infusionStart.AddMinutes(stopMinute);
        Ok(session.Stop(stop, spec.StopEarlyAtMinute is null ? null : spec.StopReason ?? "Stopped early at the patient's request", staff.Nurse, stop));
        Reading(session, Settled with { Systolic = Settled.Systolic + 6, HeartRate = 76 }, stop.AddMinutes(30), spec.AcknowledgeAlerts);
        Reading(session, Settled, stop.AddMinutes(settings.ObservationMinutes), spec.AcknowledgeAlerts);
        var discharged = stop.AddMinutes(settings.ObservationMinutes);
        Ok(session.Discharge(new DischargeAttestation(true, true, true), staff.Nurse, discharged));
        return Close(session, appointment, discharged, spec, fulfilled: true);
    }

    /// <summary>The nurse completes the record, the clinician signs it, and an amendment follows the next day, as the spec says.</summary>
    private InfusionSession Close(InfusionSession session, Appointment appointment, DateTime atUtc, PastSession spec, bool fulfilled)
    {
        if (fulfilled)
        {
            Ok(appointment.ChangeStatus(AppointmentStatus.Fulfilled, null, new Actor(staff.Nurse.Id, staff.Nurse.Name), atUtc));
        }

        if (!spec.Complete)
        {
            return session;
        }

        Ok(session.SaveNote(fulfilled ? "Tolerated the infusion; escort took the patient home." : "Sent home; rebook once settled.", staff.Nurse, atUtc.AddMinutes(3)));
        Ok(session.CompleteRecord(staff.Nurse, atUtc.AddMinutes(5)));
        if (!spec.Sign)
        {
            return session;
        }

        Ok(session.Sign(staff.Clinician, atUtc.AddHours(2)));
        if (spec.Amendment is { } amendment)
        {
            Ok(session.Amend(amendment.RefersTo, amendment.Text, amendment.Reason, staff.Clinician, atUtc.AddDays(1)));
        }

        return session;
    }

    /// <summary>Vitals during the infusion: a gentle rise to the peak at the infusion's end, heart rate with it.</summary>
    private static VitalsInput During(int peakSystolic, int minute, int infusionMinutes)
    {
        var share = Math.Min(1.0, minute / (double)infusionMinutes);
        var systolic = Settled.Systolic + (int)Math.Round((peakSystolic - Settled.Systolic) * share);
        return new VitalsInput(systolic, Settled.Diastolic + (int)Math.Round((systolic - Settled.Systolic) * 0.45), Settled.HeartRate + (int)Math.Round(share * 12),
            minute % 20 == 0 ? 97 : 98, 14);
    }

    /// <summary>A reading; any alert it raises is acknowledged at once with what was done, as the nurse would.</summary>
    private void Reading(InfusionSession session, VitalsInput vitals, DateTime atUtc, bool acknowledge)
    {
        Ok(session.RecordVitals(vitals, atUtc, staff.Nurse, atUtc));
        if (!acknowledge)
        {
            return;
        }

        foreach (var alert in session.Alerts.Where(a => a.IsOpen).ToList())
        {
            Ok(session.AcknowledgeAlert(alert.Id, "Infusion slowed; clinician informed; repeat reading within limits.", staff.Nurse, atUtc.AddMinutes(2)));
        }
    }

    private static T Ok<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"Past treatment refused by the domain: {result.Error!.Code}: {result.Error.Message}");
}
