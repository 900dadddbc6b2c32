using System.Diagnostics;
using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.IntegrationTests.Scheduling;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Floor;
using KetamineClinic.Web.Features.Scheduling;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Floor;

/// <summary>
/// The infusion floor through the real stack: today's infusions per chair with their phase, minutes, readings, alerts
/// and clinician requests; cancelled and other days' bookings left out; and a fixed number of queries however many
/// chairs and sessions there are. Sessions are built through <see cref="SessionWorkspace"/> with the clock set to each
/// step's time, as a nurse and a clinician would run them on the day.
/// </summary>
public abstract class FloorTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly VitalsInput Normal = new(122, 78, 72, 97, 14);

    [Fact]
    public async Task Each_chair_shows_its_patient_in_the_phase_with_minutes_overdue_readings_alerts_and_requests()
    {
        var stage = await StageAsync(app);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var (chairA, chairB, chairC, chairD) = (stage.ChairId, await ChairAsync(), await ChairAsync(), await ChairAsync());
        var day = WeekdayAt(11, DayOfWeek.Wednesday, 0);
        var ready = await BookOnAsync(stage, chairC, day.AddHours(8));
        var infusing = await BookOnAsync(stage, chairB, day.AddHours(11));
        var waiting = await BookOnAsync(stage, chairA, day.AddHours(11.5));
        var later = await BookOnAsync(stage, chairA, day.AddHours(14));
        var booked = await BookOnAsync(stage, chairD, day.AddHours(14));
        var cancelled = await BookOnAsync(stage, chairD, day.AddHours(16));
        var tomorrow = await BookOnAsync(stage, chairD, day.AddDays(1).AddHours(9));
        await CancelAsync(stage, cancelled);

        // 08:00 check-in, 08:10–08:50 infusion with every reading, observation readings at 09:20 and 09:50.
        await CheckInAsync(nurse, ready, day.AddHours(8), Normal);
        await OrderAsync(stage.Clinician, ready, day.AddHours(8).AddMinutes(5));
        await StartAsync(nurse, ready, day.AddHours(8).AddMinutes(10));
        foreach (var minute in new[] { 20, 30, 40, 50 })
        {
            await VitalsAsync(nurse, ready, day.AddHours(8).AddMinutes(minute), Normal);
        }

        await StopAsync(nurse, ready, day.AddHours(8).AddMinutes(50));
        await VitalsAsync(nurse, ready, day.AddHours(9).AddMinutes(20), Normal);
        await VitalsAsync(nurse, ready, day.AddHours(9).AddMinutes(50), Normal);

        // 11:00 check-in, 11:10 start, a fast heart rate at 11:20, then nothing: minutes 20 and 30 overdue at 11:45.
        await CheckInAsync(nurse, infusing, day.AddHours(11), Normal);
        await OrderAsync(stage.Clinician, infusing, day.AddHours(11).AddMinutes(5));
        await StartAsync(nurse, infusing, day.AddHours(11).AddMinutes(10));
        await VitalsAsync(nurse, infusing, day.AddHours(11).AddMinutes(20), new VitalsInput(128, 80, 115, 97, 14));

        // 11:30 check-in with a baseline above the go-ahead threshold (140/90) and no order yet.
        await CheckInAsync(nurse, waiting, day.AddHours(11.5), new VitalsInput(150, 92, 76, 98, 14));

        var board = await BoardAsync(nurse, day.AddHours(11.75));
        var now = await UtcAsync(day.AddHours(11.75));

        Assert.Equal(DateOnly.FromDateTime(day), board.Date);
        var c = Featured(board, chairC, now);
        Assert.Equal(ready, c.Booking.AppointmentId);
        Assert.Equal(FloorPhase.ReadyForDischarge, c.State.Phase);
        Assert.False(c.State.NeedsAttention);

        var b = Featured(board, chairB, now);
        Assert.Equal(infusing, b.Booking.AppointmentId);
        Assert.Equal(FloorPhase.Infusing, b.State.Phase);
        Assert.Equal((35, 5, 40), (b.State.ElapsedMinutes, b.State.RemainingMinutes, b.State.OfMinutes));
        Assert.Equal(["Infusion minute 20", "Infusion minute 30"], b.State.Overdue.Select(r => r.Label));
        Assert.Equal("Infusion minute 40", b.State.NextReading?.Label);
        Assert.Equal(VitalsAlertKind.HeartRateHigh, Assert.Single(b.State.OpenAlerts).Kind);
        Assert.True(b.State.NeedsAttention);

        var a = Featured(board, chairA, now);
        Assert.Equal(waiting, a.Booking.AppointmentId);
        Assert.Equal(FloorPhase.WaitingForOrder, a.State.Phase);
        Assert.Equal(["Order needed", "Go-ahead needed: baseline 150/92"], a.State.Requests);
        Assert.Equal([later], board.Chairs.Single(x => x.Id == chairA).Later(now).Select(x => x.AppointmentId));

        var d = Featured(board, chairD, now);
        Assert.Equal(FloorPhase.Booked, d.State.Phase);
        Assert.Equal([booked], board.Chairs.Single(x => x.Id == chairD).Bookings.Select(x => x.AppointmentId));
        var all = board.Chairs.SelectMany(x => x.Bookings).Select(x => x.AppointmentId).ToList();
        Assert.DoesNotContain(cancelled, all);
        Assert.DoesNotContain(tomorrow, all);
    }

    [Fact]
    public async Task Observation_counts_against_the_protocol_minutes_and_is_not_ready_before_they_have_passed()
    {
        var stage = await StageAsync(app);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var day = WeekdayAt(11, DayOfWeek.Thursday, 0);
        var id = await BookOnAsync(stage, stage.ChairId, day.AddHours(9));
        await CheckInAsync(nurse, id, day.AddHours(9), Normal);
        await OrderAsync(stage.Clinician, id, day.AddHours(9).AddMinutes(5));
        await StartAsync(nurse, id, day.AddHours(9).AddMinutes(10));
        foreach (var minute in new[] { 20, 30, 40, 50 })
        {
            await VitalsAsync(nurse, id, day.AddHours(9).AddMinutes(minute), Normal);
        }

        await StopAsync(nurse, id, day.AddHours(9).AddMinutes(50));
        await VitalsAsync(nurse, id, day.AddHours(10).AddMinutes(20), Normal);

        var board = await BoardAsync(nurse, day.AddHours(10).AddMinutes(30));
        var state = Featured(board, stage.ChairId, await UtcAsync(day.AddHours(10).AddMinutes(30))).State;

        Assert.Equal(FloorPhase.Observing, state.Phase);
        Assert.Equal((40, 20, 60), (state.ElapsedMinutes, state.RemainingMinutes, state.OfMinutes));
        Assert.Equal("Observation minute 60", state.NextReading?.Label);
        Assert.Empty(state.Overdue);
    }

    [Fact]
    public async Task The_board_costs_the_same_few_queries_for_one_chair_as_for_three()
    {
        var stage = await StageAsync(app);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var day = WeekdayAt(12, DayOfWeek.Tuesday, 0);
        var first = await BookOnAsync(stage, stage.ChairId, day.AddHours(9));
        await CheckInAsync(nurse, first, day.AddHours(9), Normal);
        var seen = new HashSet<Guid>();
        await BoardAsync(nurse, day.AddHours(10), seen);
        var withOne = await CountCommandsAsync(() => BoardAsync(nurse, day.AddHours(10), seen));

        foreach (var hour in new[] { 9, 9.5 })
        {
            var more = await BookOnAsync(stage, await ChairAsync(), day.AddHours(hour), await NurseAsync());
            await CheckInAsync(nurse, more, day.AddHours(hour), Normal);
        }

        await BoardAsync(nurse, day.AddHours(10), seen);
        var withThree = await CountCommandsAsync(() => BoardAsync(nurse, day.AddHours(10), seen));

        Assert.True(withThree.Result.BookingCount >= 3);
        Assert.True(withThree.Result.Chairs.SelectMany(c => c.Bookings).Count(b => b.Session is not null) >= 3);
        Assert.Equal(withOne.Commands, withThree.Commands);
        Assert.InRange(withOne.Commands, 1, 10);
    }

    [Fact]
    public async Task Each_patient_on_the_board_is_audited_once_per_screen_and_intake_staff_are_refused()
    {
        var stage = await StageAsync(app);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var day = WeekdayAt(12, DayOfWeek.Thursday, 0);
        var id = await BookOnAsync(stage, stage.ChairId, day.AddHours(9));
        var patient = await PatientOfAsync(id);
        var seen = new HashSet<Guid>();

        await BoardAsync(nurse, day.AddHours(9), seen);
        await BoardAsync(nurse, day.AddHours(9), seen);
        var refused = await LoadAsync(stage.Booker, day.AddHours(9), new HashSet<Guid>());

        await using var db = await app.Factory.CreateDbContextAsync();
        var reads = await db.AuditEvents.CountAsync(e => e.PatientId == patient.ToString() && e.Action == AuditAction.Read && e.Detail == FloorQueryHandler.AuditWhat);
        Assert.Equal(1, reads);
        Assert.Contains(patient, seen);
        Assert.Equal(AccessErrors.NotAllowed, refused.Error);
    }

    private static (FloorBooking Booking, FloorState State) Featured(FloorBoard board, Guid chairId, DateTime nowUtc)
    {
        var featured = board.Chairs.Single(c => c.Id == chairId).Featured(nowUtc);
        Assert.NotNull(featured);
        return (featured, featured.At(nowUtc));
    }

    private async Task<Guid> ChairAsync()
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        var chair = Chair.Create("Floor chair " + Guid.NewGuid().ToString("N")[..8], 99).Value;
        db.Chairs.Add(chair);
        await db.SaveChangesAsync();
        return chair.Id;
    }

    private async Task<string> NurseAsync() => (await app.CreateStaffAsync(StaffRoles.Nurse)).Id;

    /// <summary>An infusion for a new patient with an active course, booked in <paramref name="chairId"/> at a clinic-local time.</summary>
    private async Task<Guid> BookOnAsync(BookingStage stage, Guid chairId, DateTime localStart, string? nurseId = null)
    {
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var outcome = await BookAsync(app, stage.Booker, Infusion(stage, patient, localStart, chairId, nurseId));
        Assert.True(outcome.Succeeded, outcome.Error?.Message ?? string.Join("; ", outcome.Conflicts.Select(c => c.Message)));
        return outcome.AppointmentId!.Value;
    }

    private async Task CancelAsync(BookingStage stage, Guid appointmentId)
    {
        Guid version;
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            version = await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.Version).SingleAsync();
        }

        var cancelled = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.CancelAsync(stage.Booker, new CancelAppointment(appointmentId, version, CancellationReason.Patient, null)));
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
    }

    private async Task<Guid> PatientOfAsync(Guid appointmentId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.PatientId).SingleAsync();
    }

    private async Task<DateTime> UtcAsync(DateTime local)
    {
        var zone = (await app.Factory.Services.GetRequiredService<ClinicSettingsProvider>().GetAsync()).TimeZone;
        return SeriesRule.ToUtc(local, zone);
    }

    private Task CheckInAsync(ClaimsPrincipal nurse, Guid appointmentId, DateTime local, VitalsInput baseline) =>
        ChangeAsync<InfusionSession>(nurse, appointmentId, local, Policies.CheckIn, (s, actor, clock) => s.RecordCheckIn(
            new CheckInInput(clock.NowUtc.AddHours(-8), clock.NowUtc.AddHours(-3), "Sam Escort", "+1 555 0100", true, 80m, clock.TodayInClinic, baseline),
            new CheckInFacts(true, true, clock.NowUtc), actor, clock.NowUtc, clock.TodayInClinic), openIfMissing: true);

    private Task OrderAsync(ClaimsPrincipal clinician, Guid appointmentId, DateTime local) =>
        ChangeAsync<DoseFigures>(clinician, appointmentId, local, Policies.Assess,
            (s, actor, clock) => s.Order(new DoseInput(0.5m, 80m, clock.TodayInClinic, 40, null), actor, clock.NowUtc, clock.TodayInClinic));

    private Task StartAsync(ClaimsPrincipal nurse, Guid appointmentId, DateTime local) =>
        ChangeAsync<InfusionSession>(nurse, appointmentId, local, Policies.RunSession,
            (s, actor, clock) => s.Start(clock.NowUtc, "LOT-2026-01", actor, clock.NowUtc, clock.TodayInClinic));

    private Task StopAsync(ClaimsPrincipal nurse, Guid appointmentId, DateTime local) =>
        ChangeAsync<InfusionSession>(nurse, appointmentId, local, Policies.RunSession,
            (s, actor, clock) => s.Stop(clock.NowUtc, null, actor, clock.NowUtc));

    private Task VitalsAsync(ClaimsPrincipal nurse, Guid appointmentId, DateTime local, VitalsInput vitals) =>
        ChangeAsync<VitalsReading>(nurse, appointmentId, local, Policies.RunSession,
            (s, actor, clock) => s.RecordVitals(vitals, clock.NowUtc, actor, clock.NowUtc));

    /// <summary>A session change as made at clinic-local <paramref name="local"/>, on the version last saved.</summary>
    private async Task ChangeAsync<T>(ClaimsPrincipal user, Guid appointmentId, DateTime local, string policy,
        Func<InfusionSession, SessionActor, SessionClock, Result<T>> change, bool openIfMissing = false)
    {
        Guid? version;
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            version = await db.InfusionSessions.Where(s => s.AppointmentId == appointmentId).Select(s => (Guid?)s.Version).SingleOrDefaultAsync();
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, new FakeTimeProvider(new DateTimeOffset(await UtcAsync(local))));
        var result = await workspace.ChangeAsync(user, appointmentId, version, policy, "floor test", change, openIfMissing: openIfMissing);
        Assert.True(result.IsSuccess, result.Error?.Message);
    }

    private async Task<FloorBoard> BoardAsync(ClaimsPrincipal user, DateTime local, ISet<Guid>? seen = null)
    {
        var loaded = await LoadAsync(user, local, seen ?? new HashSet<Guid>());
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }

    private async Task<Result<FloorBoard>> LoadAsync(ClaimsPrincipal user, DateTime local, ISet<Guid> seen)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var handler = ActivatorUtilities.CreateInstance<FloorQueryHandler>(scope.ServiceProvider, new FakeTimeProvider(new DateTimeOffset(await UtcAsync(local))));
        return await handler.LoadAsync(user, seen);
    }

    private static async Task<(T Result, int Commands)> CountCommandsAsync<T>(Func<Task<T>> call)
    {
        using var counter = new CommandCounter();
        var result = await counter.CountAsync(call);
        return (result, counter.Commands);
    }
}

/// <summary>Counts the database commands EF Core executes in the current async flow (other tests running in parallel
/// have their own flow and are not counted).</summary>
internal sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<CommandCounter?> Current = new();
    private readonly List<IDisposable> _subscriptions = [];
    private int _commands;

    public CommandCounter() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    public int Commands => Volatile.Read(ref _commands);

    public async Task<T> CountAsync<T>(Func<Task<T>> call)
    {
        Current.Value = this;
        try
        {
            return await call();
        }
        finally
        {
            Current.Value = null;
        }
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (_subscriptions)
            {
                _subscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.CommandExecuting.Name));
            }
        }
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && Current.Value == this)
        {
            Interlocked.Increment(ref _commands);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        lock (_subscriptions)
        {
            _subscriptions.ForEach(s => s.Dispose());
        }
    }
}

public sealed class FloorTestsOnSqlite(SqliteApp app) : FloorTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class FloorTestsOnPostgres(PostgresApp app) : FloorTests<PostgresApp>(app), IClassFixture<PostgresApp>;
