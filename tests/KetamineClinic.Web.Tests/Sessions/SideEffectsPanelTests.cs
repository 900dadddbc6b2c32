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

/// <summary>The side-effects panel lists what was recorded, offers "Set resolution" on an ongoing one with the fields
/// filled in, and asks for the MOAA/S score for sedation.</summary>
public sealed class SideEffectsPanelTests : IAsyncDisposable
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTime Start = new(2026, 11, 25, 14, 0, 0, DateTimeKind.Utc); // 09:00 in New York
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly BunitContext _ctx = new();

    public SideEffectsPanelTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(Start.AddMinutes(30))));
        _ctx.Services.AddSingleton<IValidator<RecordSideEffect>>(new RecordSideEffectValidator());
        // Not called here (rendering only); the integration tests run it on real databases.
        _ctx.Services.AddSingleton(new RecordSideEffectHandler(null!, new RecordSideEffectValidator()));
    }

    /// <summary>Infusing since 09:00 with sedation (MOAA/S 3) from 09:15, not yet resolved.</summary>
    private static SessionSnapshot WithSedation()
    {
        var nurse = new SessionActor("nurse-1", "Nurse One", false);
        var protocol = Protocol.Create(Protocol.Defaults[0], "admin", Start.AddDays(-30)).Value;
        var session = InfusionSession.Open(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), protocol, Start.AddMinutes(-20));
        var checkIn = new CheckInInput(Start.AddHours(-8), Start.AddHours(-3), "Sam Escort", "+1 555 0100", true, 82.4m, Today, new VitalsInput(120, 80, 70, 98, 14));
        Assert.True(session.RecordCheckIn(checkIn, new CheckInFacts(true, true, Start), nurse, Start.AddMinutes(-20), Today).IsSuccess);
        Assert.True(session.Order(new DoseInput(0.5m, 82.4m, Today, 40, null), new SessionActor("dr-1", "Dr One", true), Start.AddMinutes(-10), Today).IsSuccess);
        Assert.True(session.Start(Start, "KET-24117", nurse, Start, Today).IsSuccess);
        Assert.True(session.RecordSideEffect(null, new SideEffectInput(SideEffectType.Sedation, null, Start.AddMinutes(15), SideEffectSeverity.Moderate, 3, null, null,
            SideEffectAction.Slow, null, null), nurse, Start.AddMinutes(16)).IsSuccess);
        var booking = new SessionBooking(session.AppointmentId, session.PatientId, "Doe, Jane", "KC-0001", new DateOnly(1980, 5, 17), AppointmentType.InfusionSession,
            AppointmentStatus.InProgress, Start, Start.AddMinutes(100), null, "Chair 1", "Nurse One", "Dr One", session.CourseId, 82.4m, Start.AddDays(-1));
        return new SessionSnapshot(booking, session, new SessionClock(Start.AddMinutes(30), Today, NewYork));
    }

    private IRenderedComponent<SideEffectsPanel> Render(params string[] policies)
    {
        var auth = _ctx.AddAuthorization();
        auth.SetAuthorized("Nurse One");
        auth.SetPolicies(policies);
        return _ctx.Render<SideEffectsPanel>(p => p.Add(c => c.Snapshot, WithSedation()));
    }

    [Fact]
    public void An_ongoing_side_effect_is_listed_with_its_score_and_offers_set_resolution_prefilled_with_now()
    {
        var cut = Render(Policies.RunSession);
        var row = cut.Find("[data-testid='side-effect-row']").TextContent;
        Assert.Contains("09:15", row, StringComparison.Ordinal);
        Assert.Contains("Drowsiness or sedation", row, StringComparison.Ordinal);
        Assert.Contains("MOAA/S 3", row, StringComparison.Ordinal);
        Assert.Contains("ongoing", row, StringComparison.Ordinal);

        cut.Find("[data-testid='side-effect-edit']").Click();

        Assert.Equal("09:15", cut.Find("[data-testid='side-effect-onset']").GetAttribute("value"));
        Assert.Equal("09:30", cut.Find("[data-testid='side-effect-resolved']").GetAttribute("value"));
        Assert.NotEmpty(cut.FindAll("[data-testid='side-effect-moaas']"));
    }

    [Fact]
    public void A_new_side_effect_without_its_type_and_severity_is_not_sent_and_says_so_at_the_fields()
    {
        var cut = Render(Policies.RunSession);
        cut.Find("[data-testid='side-effect-add']").Click();
        Assert.Equal("09:30", cut.Find("[data-testid='side-effect-onset']").GetAttribute("value"));

        cut.Find("[data-testid='side-effect-save']").Click();

        Assert.Contains("Choose the side effect.", cut.Find("[data-testid='side-effect-form']").TextContent, StringComparison.Ordinal);
        Assert.Contains("Choose the severity.", cut.Find("[data-testid='side-effect-form']").TextContent, StringComparison.Ordinal);
        Assert.Single(cut.FindAll("[data-testid='side-effect-row']"));
    }

    [Fact]
    public void Without_run_session_side_effects_are_read_only()
    {
        var cut = Render(Policies.ViewClinical);

        Assert.Single(cut.FindAll("[data-testid='side-effect-row']"));
        Assert.Empty(cut.FindAll("[data-testid='side-effect-add']"));
        Assert.Empty(cut.FindAll("[data-testid='side-effect-edit']"));
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
