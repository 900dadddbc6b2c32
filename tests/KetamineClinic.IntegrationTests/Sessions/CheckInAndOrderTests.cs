using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>Check-in, the go-ahead, the clinician's dose order and "not started", through the handlers the session page
/// calls, on the day of the booking.</summary>
public abstract class CheckInAndOrderTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Check_in_with_every_item_met_checks_the_patient_in_and_keeps_the_baseline()
    {
        var day = await DayAsync(DayOfWeek.Monday);

        var outcome = await day.CheckInAsync(day.Nurse, day.Checklist());

        Assert.True(outcome.IsSuccess, outcome.Result.Error?.Message);
        var (session, booking) = await day.LoadAsync();
        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
        Assert.Equal(AppointmentStatus.Arrived, booking.Status);
        Assert.Equal("Sam Escort", session.CheckIn!.EscortName);
        Assert.Equal(day.Start.AddHours(-8), session.CheckIn.LastSolidFoodUtc);
        Assert.Equal(82.4m, session.CheckIn.WeightKg);
        var baseline = Assert.Single(session.Vitals);
        Assert.Equal((VitalsKind.Baseline, 128, 82, 72, 98, 14), (baseline.Kind, baseline.Systolic, baseline.Diastolic, baseline.HeartRate, baseline.SpO2, baseline.RespiratoryRate));
        Assert.False(session.GoAheadRequired);
    }

    [Fact]
    public async Task Fasting_not_met_is_refused_with_that_reason_every_other_problem_at_its_field_and_no_session_saved()
    {
        var day = await DayAsync(DayOfWeek.Tuesday);

        var outcome = await day.CheckInAsync(day.Nurse, day.Checklist() with { LastSolidFood = day.Local(day.Start.AddHours(-2)), EscortPhone = null });

        Assert.False(outcome.IsSuccess);
        Assert.Contains(outcome.Problems, p => p.Field == nameof(CheckIn.LastSolidFood) && p.Text.Contains("less than 6 h", StringComparison.Ordinal));
        Assert.Contains(outcome.Problems, p => p.Field == nameof(CheckIn.EscortName));
        Assert.Equal(2, outcome.Problems.Count);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.InfusionSessions.AnyAsync(s => s.AppointmentId == day.AppointmentId));
        Assert.False(await db.WeightMeasurements.AnyAsync(w => w.PatientId == day.PatientId));
        Assert.Equal(AppointmentStatus.Booked, await db.Appointments.Where(a => a.Id == day.AppointmentId).Select(a => a.Status).SingleAsync());
    }

    [Fact]
    public async Task A_weight_measured_at_check_in_is_recorded_on_the_patients_chart()
    {
        var day = await DayAsync(DayOfWeek.Wednesday);

        var outcome = await day.CheckInAsync(day.Nurse, day.Checklist() with { NewWeightKg = 79.6m });

        Assert.True(outcome.IsSuccess, outcome.Result.Error?.Message);
        await using var db = await app.Factory.CreateDbContextAsync();
        var weight = await db.WeightMeasurements.AsNoTracking().SingleAsync(w => w.PatientId == day.PatientId);
        Assert.Equal(79.6m, weight.WeightKg);
        Assert.Equal(day.Start, DateTime.SpecifyKind(weight.MeasuredUtc, DateTimeKind.Utc));
        Assert.Equal(79.6m, (await day.LoadAsync()).Session.CheckIn!.WeightKg);
    }

    [Fact]
    public async Task A_recorded_weight_older_than_the_protocol_allows_is_refused_and_a_fresh_one_is_asked_for()
    {
        var day = await DayAsync(DayOfWeek.Thursday);
        await day.WeighAsync(81m, day.Start.AddDays(-45));

        var stale = await day.CheckInAsync(day.Nurse, day.Checklist() with { UseLatestWeight = true, NewWeightKg = null });

        Assert.False(stale.IsSuccess);
        var problem = Assert.Single(stale.Problems);
        Assert.Equal(nameof(CheckIn.UseLatestWeight), problem.Field);
        Assert.Contains("older than 30 days", problem.Text, StringComparison.Ordinal);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.InfusionSessions.AnyAsync(s => s.AppointmentId == day.AppointmentId));
    }

    [Fact]
    public async Task A_recent_recorded_weight_is_used_as_it_is_with_its_date()
    {
        var day = await DayAsync(DayOfWeek.Friday);
        await day.WeighAsync(81m, day.Start.AddDays(-3));

        var outcome = await day.CheckInAsync(day.Nurse, day.Checklist() with { UseLatestWeight = true, NewWeightKg = null });

        Assert.True(outcome.IsSuccess, outcome.Result.Error?.Message);
        var checkIn = (await day.LoadAsync()).Session.CheckIn!;
        Assert.Equal(81m, checkIn.WeightKg);
        Assert.Equal(DateOnly.FromDateTime(day.Local(day.Start.AddDays(-3))), checkIn.WeightMeasuredOn);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.WeightMeasurements.CountAsync(w => w.PatientId == day.PatientId));
    }

    [Fact]
    public async Task A_nurse_or_intake_staff_asking_to_order_a_dose_is_refused_and_the_refusal_audited()
    {
        var day = await DayAsync(DayOfWeek.Monday, weeksAhead: 8);
        await day.CheckedInAsync();
        var intake = await ClinicalArrange.StaffAsync(app, StaffRoles.IntakeStaff);

        var byNurse = await day.OrderAsync(day.Nurse, 0.5m);
        var byIntake = await day.OrderAsync(intake, 0.5m);

        Assert.Equal(AccessErrors.NotAllowed, byNurse.Error);
        Assert.Equal(AccessErrors.NotAllowed, byIntake.Error);
        var (session, _) = await day.LoadAsync();
        Assert.Empty(session.Orders);
        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
        await using var db = await app.Factory.CreateDbContextAsync();
        var denied = await db.AuditEvents.AsNoTracking()
            .Where(e => e.PatientId == day.PatientId.ToString() && e.Action == AuditAction.Denied && e.EntityType == nameof(InfusionSession)).ToListAsync();
        Assert.Equal(2, denied.Count);
    }

    [Fact]
    public async Task A_clinicians_order_computes_the_total_and_the_rate_and_keeps_who_ordered_it_and_when()
    {
        var day = await DayAsync(DayOfWeek.Tuesday, weeksAhead: 8);
        await day.CheckedInAsync();

        var ordered = await day.OrderAsync(day.Clinician, 0.5m);

        Assert.True(ordered.IsSuccess, ordered.Error?.Message);
        Assert.Equal((41.2m, 61.8m), (ordered.Value.TotalMg, ordered.Value.RateMgPerHour));
        var (session, _) = await day.LoadAsync();
        var order = Assert.Single(session.Orders);
        Assert.Equal(SessionPhase.Ordered, session.Phase);
        Assert.Equal((0.5m, 82.4m, 40, 41.2m, 61.8m, "IV"), (order.Dose, order.WeightKg, order.DurationMinutes, order.TotalMg, order.RateMgPerHour, order.Route));
        Assert.Equal(day.Clinician.FindFirstValue(ClaimTypes.NameIdentifier), order.OrderedBy);
        Assert.Equal(StaffIdentity.From(day.Clinician).Name, order.OrderedByName);
        Assert.Equal(day.Start, DateTime.SpecifyKind(order.OrderedUtc, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_dose_outside_the_usual_range_needs_a_reason_which_is_then_kept_with_the_order()
    {
        var day = await DayAsync(DayOfWeek.Wednesday, weeksAhead: 8);
        await day.CheckedInAsync();

        var withoutReason = await day.OrderAsync(day.Clinician, 0.9m);
        var withReason = await day.OrderAsync(day.Clinician, 0.9m, "Partial response at 0.75 mg/kg after 4 infusions");

        Assert.Equal("session.override", withoutReason.Error?.Code);
        Assert.True(withReason.IsSuccess, withReason.Error?.Message);
        Assert.True(withReason.Value.OutsideUsualRange);
        var order = Assert.Single((await day.LoadAsync()).Session.Orders);
        Assert.Equal("Partial response at 0.75 mg/kg after 4 infusions", order.OverrideReason);
    }

    [Fact]
    public async Task A_dose_above_the_ceiling_is_refused_even_with_a_reason()
    {
        var day = await DayAsync(DayOfWeek.Thursday, weeksAhead: 8);
        await day.CheckedInAsync();

        var refused = await day.OrderAsync(day.Clinician, 1.2m, "Asked for more");

        Assert.Equal("session.above_ceiling", refused.Error?.Code);
        var (session, _) = await day.LoadAsync();
        Assert.Empty(session.Orders);
        Assert.Equal(SessionPhase.CheckedIn, session.Phase);
    }

    [Fact]
    public async Task A_new_order_replaces_the_current_one_and_both_are_kept()
    {
        var day = await DayAsync(DayOfWeek.Friday, weeksAhead: 8);
        await day.CheckedInAsync();
        Assert.True((await day.OrderAsync(day.Clinician, 0.5m)).IsSuccess);

        var second = await day.OrderAsync(day.Clinician, 0.4m);

        Assert.True(second.IsSuccess, second.Error?.Message);
        var (session, _) = await day.LoadAsync();
        Assert.Equal(2, session.Orders.Count);
        Assert.Equal(0.4m, session.CurrentOrder!.Dose);
        var replaced = Assert.Single(session.Orders, o => !o.IsCurrent);
        Assert.Equal(0.5m, replaced.Dose);
        Assert.Equal(day.Start, DateTime.SpecifyKind(replaced.ReplacedUtc!.Value, DateTimeKind.Utc));
    }

    [Fact]
    public async Task A_high_baseline_waits_for_a_go_ahead_that_only_a_clinician_can_give()
    {
        var day = await DayAsync(DayOfWeek.Monday, weeksAhead: 9);
        var outcome = await day.CheckInAsync(day.Nurse, day.Checklist() with { Systolic = 152, Diastolic = 94 });
        Assert.True(outcome.IsSuccess, outcome.Result.Error?.Message);
        Assert.True(outcome.Result.Value.GoAheadRequired);

        var byNurse = await day.WithAsync<GiveGoAheadHandler, Result<InfusionSession>>(h => h.HandleAsync(day.Nurse, new GiveGoAhead(day.AppointmentId, outcome.Result.Value.Version, "fine")));
        var byClinician = await day.WithAsync<GiveGoAheadHandler, Result<InfusionSession>>(h => h.HandleAsync(day.Clinician, new GiveGoAhead(day.AppointmentId, outcome.Result.Value.Version, "Repeat 138/86 after rest")));

        Assert.Equal(AccessErrors.NotAllowed, byNurse.Error);
        Assert.True(byClinician.IsSuccess, byClinician.Error?.Message);
        var (session, _) = await day.LoadAsync();
        Assert.Equal(day.Start, DateTime.SpecifyKind(session.GoAheadUtc!.Value, DateTimeKind.Utc));
        Assert.Equal(StaffIdentity.From(day.Clinician).Name, session.GoAheadByName);
        Assert.Equal("Repeat 138/86 after rest", session.GoAheadNote);
    }

    [Fact]
    public async Task A_patient_refused_at_check_in_can_be_marked_not_started_with_the_reason()
    {
        var day = await DayAsync(DayOfWeek.Tuesday, weeksAhead: 9);
        var refused = await day.CheckInAsync(day.Nurse, day.Checklist() with { LastSolidFood = day.Local(day.Start.AddHours(-1)) });
        Assert.False(refused.IsSuccess);

        var marked = await day.WithAsync<MarkNotStartedHandler, Result<InfusionSession>>(h => h.HandleAsync(day.Nurse, new MarkNotStarted(day.AppointmentId, null, "Ate breakfast an hour ago")));

        Assert.True(marked.IsSuccess, marked.Error?.Message);
        var (session, _) = await day.LoadAsync();
        Assert.Equal(SessionPhase.NotStarted, session.Phase);
        Assert.Equal("Ate breakfast an hour ago", session.EndReason);
    }

    private Task<SessionDay> DayAsync(DayOfWeek weekday, int weeksAhead = 7) => SessionDay.ArrangeAsync(app, weekday, weeksAhead);
}

public sealed class CheckInAndOrderTestsOnSqlite(SqliteApp app) : CheckInAndOrderTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CheckInAndOrderTestsOnPostgres(PostgresApp app) : CheckInAndOrderTests<PostgresApp>(app), IClassFixture<PostgresApp>;
