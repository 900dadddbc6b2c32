using Bunit;
using FluentValidation;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Sessions;

/// <summary>What the nurse sees in the infusion panel while the infusion runs: since when, minutes elapsed and remaining,
/// the next reading with a live countdown, an overdue reading in red, the open alert asking for action; and that the
/// panel is read-only without RunSession.</summary>
public sealed class InfusionPanelTests : IAsyncDisposable
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTime Start = new(2026, 11, 25, 14, 0, 0, DateTimeKind.Utc); // 09:00 in New York
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly BunitContext _ctx = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(Start.AddMinutes(23)));

    public InfusionPanelTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton<IValidator<VitalsEntry>>(new VitalsEntryValidator());
        // The panel's handlers are not called here (rendering only); the integration tests run them on real databases.
        _ctx.Services.AddSingleton(new StartInfusionHandler(null!, new StartInfusionValidator()));
        _ctx.Services.AddSingleton(new PauseInfusionHandler(null!, new PauseInfusionValidator()));
        _ctx.Services.AddSingleton(new ResumeInfusionHandler(null!));
        _ctx.Services.AddSingleton(new SlowInfusionHandler(null!, new SlowInfusionValidator()));
        _ctx.Services.AddSingleton(new StopInfusionHandler(null!, new StopInfusionValidator()));
        _ctx.Services.AddSingleton(new RecordVitalsHandler(null!, new RecordVitalsValidator(new VitalsEntryValidator())));
        _ctx.Services.AddSingleton(new AcknowledgeAlertHandler(null!, new AcknowledgeAlertValidator()));
    }

    /// <summary>Started at 09:00; a reading at 09:10 of 185/95 (alert open); none since. The clock reads 09:23.</summary>
    private static SessionSnapshot Infusing()
    {
        var nurse = new SessionActor("nurse-1", "Nurse One", false);
        var protocol = Protocol.Create(Protocol.Defaults[0], "admin", Start.AddDays(-30)).Value;
        var session = InfusionSession.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), protocol, Start.AddMinutes(-20));
        var checkIn = new CheckInInput(Start.AddHours(-8), Start.AddHours(-3), "Sam Escort", "+1 555 0100", true, 82.4m, Today, new VitalsInput(120, 80, 70, 98, 14));
        Assert.True(session.RecordCheckIn(checkIn, new CheckInFacts(true, true, Start), nurse, Start.AddMinutes(-20), Today).IsSuccess);
        Assert.True(session.Order(new DoseInput(0.5m, 82.4m, Today, 40, null), new SessionActor("dr-1", "Dr One", true), Start.AddMinutes(-10), Today).IsSuccess);
        Assert.True(session.Start(Start, "KET-24117", nurse, Start, Today).IsSuccess);
        Assert.True(session.RecordVitals(new VitalsInput(185, 95, 88, 97, 14), Start.AddMinutes(10), nurse, Start.AddMinutes(10)).IsSuccess);
        var booking = new SessionBooking(session.AppointmentId, session.PatientId, "Doe, Jane", "KC-0001", new DateOnly(1980, 5, 17), AppointmentType.InfusionSession,
            AppointmentStatus.InProgress, Start, Start.AddMinutes(100), null, "Chair 1", "Nurse One", "Dr One", session.CourseId, 82.4m, Start.AddDays(-1));
        return new SessionSnapshot(booking, session, new SessionClock(Start.AddMinutes(23), Today, NewYork));
    }

    private IRenderedComponent<InfusionPanel> Render(params string[] policies) => Render(Infusing(), policies);

    private IRenderedComponent<InfusionPanel> Render(SessionSnapshot snapshot, params string[] policies)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("Nurse One");
        auth.SetPolicies(policies);
        return _ctx.Render<InfusionPanel>(p => p.Add(c => c.Snapshot, snapshot));
    }

    [Fact]
    public void A_running_infusion_shows_since_when_minutes_elapsed_and_remaining_and_the_overdue_reading_in_red()
    {
        var cut = Render(Policies.RunSession, Policies.ViewClinical);

        var state = cut.Find("[data-testid='infusion-state']").TextContent;
        Assert.Contains("Infusing since 09:00", state, StringComparison.Ordinal);
        Assert.Contains("23 min elapsed", state, StringComparison.Ordinal);
        Assert.Contains("17 min remaining of 40", state, StringComparison.Ordinal);
        Assert.Contains("09:20 overdue by 3 min", cut.Find("[data-testid='reading-overdue']").TextContent, StringComparison.Ordinal);
        Assert.Contains("09:10", cut.Find("[data-testid='reading-done']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Next reading: 09:30", cut.Find("[data-testid='next-reading']").TextContent, StringComparison.Ordinal);
        Assert.Contains("hold or stop the infusion", cut.Find("[data-testid='alert-open']").TextContent, StringComparison.Ordinal);
        Assert.Contains("185/95", cut.Find("[data-testid='vitals-alert-row']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid='alert-acknowledge']"));
        Assert.NotEmpty(cut.FindAll("[data-testid='vitals-row']"));
        Assert.NotEmpty(cut.FindAll("[data-testid='infusion-stop']"));
    }

    [Fact]
    public void The_countdown_to_the_next_reading_moves_with_the_clock()
    {
        var cut = Render(Policies.RunSession);
        Assert.Contains("in 7:00", cut.Find("[data-testid='next-reading']").TextContent, StringComparison.Ordinal);

        _clock.Advance(TimeSpan.FromSeconds(5));

        cut.WaitForAssertion(() => Assert.Contains("in 6:55", cut.Find("[data-testid='next-reading']").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Once_the_infusion_has_stopped_the_readings_it_missed_show_as_missed_not_overdue_by_ever_more_minutes()
    {
        var snapshot = Infusing();
        Assert.True(snapshot.Session!.Stop(Start.AddMinutes(40), null, new SessionActor("nurse-1", "Nurse One", false), Start.AddMinutes(40)).IsSuccess);
        _clock.Advance(TimeSpan.FromMinutes(30)); // 09:53, in observation

        var cut = Render(snapshot, Policies.RunSession);

        var missed = cut.FindAll("[data-testid='reading-overdue']").Select(c => c.TextContent.Trim()).ToList();
        Assert.Equal(["09:20 missed", "09:30 missed", "09:40 missed"], missed);
        Assert.NotEmpty(cut.FindAll("[data-testid='reading-upcoming']"));
    }

    [Fact]
    public void Without_run_session_the_panel_shows_the_record_but_offers_no_action()
    {
        var cut = Render(Policies.ViewClinical);

        Assert.Contains("185/95", cut.Find("[data-testid='vitals-table']").TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(cut.FindAll("[data-testid='alert-open']"));
        Assert.Empty(cut.FindAll("[data-testid='alert-acknowledge']"));
        Assert.Empty(cut.FindAll("[data-testid='vitals-row']"));
        Assert.Empty(cut.FindAll("[data-testid='infusion-stop']"));
        Assert.Empty(cut.FindAll("[data-testid='infusion-pause']"));
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
