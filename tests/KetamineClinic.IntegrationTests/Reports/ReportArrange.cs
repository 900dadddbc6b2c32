using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.IntegrationTests.Scheduling;
using KetamineClinic.IntegrationTests.Sessions;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Reports;

/// <summary>A past week of clinic activity, and what its reports must say.</summary>
public sealed record PastWeek(DateOnly Monday, BookingStage Stage, string ChairName, int ChairMinutes)
{
    public DateOnly Sunday => Monday.AddDays(6);

    public string Label => Monday.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>
/// Builds a week of activity in the past with the real session workspace (check-in, order, infusion, vitals, side
/// effects, discharge, each step at its own time through <see cref="SignOffArrange"/>) and, where the services refuse the
/// past, the domain and a DbContext (bookings, no-shows, cancellations, entered in error, course ends, scores). Each test
/// takes its own week, so tests sharing a database never meet each other's bookings.
/// </summary>
public sealed class ReportArrange(ClinicAppFixture app)
{
    private static readonly Actor Staff = new("test-staff", "Test Staff");

    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(ClinicSettings.DefaultTimeZoneId);

    /// <summary>The Monday <paramref name="weeksAgo"/> weeks before this week (clinic time).</summary>
    public static DateOnly MondayWeeksAgo(int weeksAgo)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, Zone));
        return Domain.Reports.ReportRange.MondayOf(today).AddDays(-7 * weeksAgo);
    }

    /// <summary>
    /// One week, one chair, two depression courses:
    /// <list type="bullet">
    /// <item>patient 1: Monday 09:00 infusion given (mild nausea; PHQ-9 13), Wednesday 09:00 given (moderate dissociation;
    /// PHQ-9 6), Friday 09:00 a no-show, Tuesday 14:00 an intake consultation attended; the course completed on Saturday;</item>
    /// <item>patient 2: Monday 12:00 infusion given, Tuesday 09:00 cancelled 2 hours before (late), Thursday 09:00 cancelled
    /// 3 days before, Thursday 13:00 an infusion given with a severe headache and then marked entered in error; the course
    /// discontinued on Sunday without a score after the baseline.</item>
    /// </list>
    /// Every infusion: checked in at its start, infusion from +5 to +45 minutes, discharged at +105.
    /// </summary>
    public async Task<PastWeek> WeekAsync(int weeksAgo)
    {
        var monday = MondayWeeksAgo(weeksAgo);
        DateTime At(int day, int hour) => SeriesRule.ToUtc(monday.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), Zone);

        var stage = await StageAsync(app);
        var (first, firstCourse) = await PatientWithActiveCourseAsync(app, stage);
        var (second, secondCourse) = await PatientWithActiveCourseAsync(app, stage);
        var minutes = ChairMinutes(await ClinicalArrange.CurrentProtocolAsync(app, Indication.TreatmentResistantDepression));
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var sessions = new SignOffArrange(app);

        async Task<Guid> GivenAsync(Guid patient, Guid course, DateTime start, SideEffectInput? effect = null)
        {
            var id = await BookedInThePastAsync(app, stage, patient, course, AppointmentType.InfusionSession, start, minutes);
            var observing = await sessions.ToObservationAsync(await sessions.CheckInAsync(new SignOffCase(stage, patient, id, nurse, start)));
            if (effect is not null)
            {
                SignOffArrange.Ok(await sessions.ChangeAsync(observing, nurse, observing.StopUtc.AddMinutes(5), Policies.RunSession,
                    (s, actor, clock) => s.RecordSideEffect(null, effect with { OnsetUtc = observing.StopUtc }, actor, clock.NowUtc)));
            }

            await sessions.DischargedAsync(observing);
            return id;
        }

        var monday1 = await GivenAsync(first, firstCourse, At(0, 9), Effect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Mild));
        var wednesday = await GivenAsync(first, firstCourse, At(2, 9), Effect(SideEffectType.Dissociation, SideEffectSeverity.Moderate) with { DissociationRating = 2 });
        var friday = await BookedInThePastAsync(app, stage, first, firstCourse, AppointmentType.InfusionSession, At(4, 9), minutes);
        await ChangeAsync(friday, a => a.ChangeStatus(AppointmentStatus.NoShow, null, Staff, At(4, 10)));
        var consultation = await BookedInThePastAsync(app, stage, first, null, AppointmentType.IntakeConsultation, At(1, 14), 60);
        await ChangeAsync(consultation, a => a.ChangeStatus(AppointmentStatus.Arrived, null, Staff, At(1, 14)));
        await ChangeAsync(consultation, a => a.ChangeStatus(AppointmentStatus.InProgress, null, Staff, At(1, 14)));
        await ChangeAsync(consultation, a => a.ChangeStatus(AppointmentStatus.Fulfilled, null, Staff, At(1, 15)));

        await GivenAsync(second, secondCourse, At(0, 12));
        var late = await BookedInThePastAsync(app, stage, second, secondCourse, AppointmentType.InfusionSession, At(1, 9), minutes);
        await ChangeAsync(late, a => a.Cancel(CancellationReason.Patient, null, Staff, At(1, 7)));
        var early = await BookedInThePastAsync(app, stage, second, secondCourse, AppointmentType.InfusionSession, At(3, 9), minutes);
        await ChangeAsync(early, a => a.Cancel(CancellationReason.Clinic, null, Staff, At(0, 9)));
        var wrong = await GivenAsync(second, secondCourse, At(3, 13), Effect(SideEffectType.Headache, SideEffectSeverity.Severe));
        await ChangeAsync(wrong, a => a.ChangeStatus(AppointmentStatus.EnteredInError, "Recorded under the wrong booking", Staff, At(3, 17)));

        await using (var db = await ClinicalArrange.DbAsync(app))
        {
            db.OutcomeMeasures.AddRange(
                Phq9(first, firstCourse, monday1, At(0, 9), [2, 2, 2, 2, 2, 1, 1, 1, 0]), // 13
                Phq9(first, firstCourse, wednesday, At(2, 9), [1, 1, 1, 1, 1, 1, 0, 0, 0])); // 6: 60 % below the baseline of 15
            var courses = await db.TreatmentCourses.Where(c => c.Id == firstCourse || c.Id == secondCourse).ToListAsync();
            Assert.True(courses.Single(c => c.Id == firstCourse).Complete(At(5, 10)).IsSuccess);
            Assert.True(courses.Single(c => c.Id == secondCourse).Discontinue("Moved away", At(6, 10)).IsSuccess);
            await db.SaveChangesAsync();
        }

        await using var names = await ClinicalArrange.DbAsync(app);
        var chairName = await names.Chairs.Where(c => c.Id == stage.ChairId).Select(c => c.Name).SingleAsync();
        return new PastWeek(monday, stage, chairName, minutes);
    }

    /// <summary>A side effect of the given type and severity, no action taken.</summary>
    public static SideEffectInput Effect(SideEffectType type, SideEffectSeverity severity) =>
        new(type, null, DateTime.UtcNow, severity, null, null, null, SideEffectAction.None, null, null);

    /// <summary>Changes a booking through the domain and saves it (the services use the real clock, refusing the past).</summary>
    public async Task ChangeAsync(Guid appointmentId, Func<Appointment, Result<Appointment>> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await ClinicalArrange.DbAsync(app);
        var appointment = await db.Appointments.Include(a => a.History).SingleAsync(a => a.Id == appointmentId);
        var changed = change(appointment);
        Assert.True(changed.IsSuccess, changed.Error?.Message);
        await db.SaveChangesAsync();
    }

    private static OutcomeMeasure Phq9(Guid patient, Guid course, Guid appointment, DateTime takenUtc, int?[] items) =>
        OutcomeMeasure.Record(patient, InstrumentCode.Phq9, items, MeasureContext.PreInfusion, takenUtc, MeasureSource.Staff, "Test Nurse", takenUtc,
            courseId: course, appointmentId: appointment).Value;
}
