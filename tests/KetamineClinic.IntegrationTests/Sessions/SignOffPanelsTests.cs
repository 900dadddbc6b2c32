using System.Security.Claims;
using Bunit;
using FluentValidation;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using static KetamineClinic.IntegrationTests.Sessions.SignOffArrange;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>The discharge and sign-off panels rendered with bUnit over the real handlers and database, the clock a fake
/// one: the criteria follow the clock and the ticks, and the note is saved on the server after a pause in typing.</summary>
public abstract class SignOffPanelsTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly SignOffArrange _arrange = new(app);

    [Fact]
    public async Task The_discharge_criteria_turn_met_as_the_observation_minutes_pass_and_the_nurse_ticks_and_only_then_discharge_is_offered()
    {
        var session = await _arrange.ToObservationAsync();
        await _arrange.ReadingAsync(session, session.StopUtc.AddMinutes(50), Normal);
        var clock = new FakeTimeProvider(new DateTimeOffset(session.StopUtc.AddMinutes(59)));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var ctx = Context(scope, clock);
        var snapshot = await Snapshot(scope, clock, session);
        var host = Render<DischargePanel>(ctx, session.Nurse, snapshot);

        Assert.Equal("false", Criterion(host, DischargeCriterion.ObservationTime).GetAttribute("data-met"));
        Assert.Contains("Observed 59 of 60 min.", Criterion(host, DischargeCriterion.ObservationTime).TextContent, StringComparison.Ordinal);
        Assert.Equal("true", Criterion(host, DischargeCriterion.BloodPressure).GetAttribute("data-met"));
        Assert.True(host.Find("[data-testid='discharge']").HasAttribute("disabled"));

        clock.Advance(TimeSpan.FromSeconds(60));
        host.WaitForAssertion(() => Assert.Equal("true", Criterion(host, DischargeCriterion.ObservationTime).GetAttribute("data-met")), Patience);
        foreach (var box in new[] { "attest-alert", "attest-escort", "attest-instructions" })
        {
            host.Find($"input[data-testid='{box}'], [data-testid='{box}'] input").Change(true);
        }

        host.WaitForAssertion(() => Assert.False(host.Find("[data-testid='discharge']").HasAttribute("disabled")), Patience);
        Assert.Equal("All criteria met.", host.Find("[data-testid='discharge-summary']").TextContent.Trim());
    }

    [Fact]
    public async Task The_nurses_note_is_saved_on_the_server_after_a_pause_in_typing_and_says_when()
    {
        var session = await _arrange.CheckedInAsync();
        var clock = new FakeTimeProvider(new DateTimeOffset(session.StartUtc.AddMinutes(4)));
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var ctx = Context(scope, clock);
        var snapshot = await Snapshot(scope, clock, session);
        var host = Render<SignOffPanel>(ctx, session.Nurse, snapshot);

        host.Find("textarea[data-testid='nurse-note'], [data-testid='nurse-note'] textarea").Input("Comfortable; music helped.");
        Assert.Contains("Unsaved changes", host.Find("[data-testid='note-save-state']").TextContent, StringComparison.Ordinal);
        Assert.Null((await _arrange.StoredAsync(session)).NurseNote);
        clock.Advance(SignOffPanel.SaveDelay);

        var saved = snapshot.Clock.ToLocal(clock.GetUtcNow().UtcDateTime).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        host.WaitForAssertion(() => Assert.Equal($"Saved {saved}", host.Find("[data-testid='note-save-state']").TextContent.Trim()), Patience);
        Assert.Equal("Comfortable; music helped.", (await _arrange.StoredAsync(session)).NurseNote);
    }

    private static BunitContext Context(AsyncServiceScope scope, FakeTimeProvider clock)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton<TimeProvider>(clock);
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, clock);
        ctx.Services.AddSingleton(workspace);
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IAuthorizationService>());
        foreach (var handler in new[] { typeof(DischargePatientHandler), typeof(SaveSessionNoteHandler), typeof(CompleteRecordHandler), typeof(SignSessionHandler), typeof(AmendSessionHandler) })
        {
            ctx.Services.AddSingleton(handler, ActivatorUtilities.CreateInstance(scope.ServiceProvider, handler, workspace));
        }

        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IValidator<AmendSession>>());
        return ctx;
    }

    private static async Task<SessionSnapshot> Snapshot(AsyncServiceScope scope, FakeTimeProvider clock, SignOffCase session)
    {
        var workspace = ActivatorUtilities.CreateInstance<SessionWorkspace>(scope.ServiceProvider, clock);
        var loaded = await workspace.LoadAsync(session.Nurse, session.AppointmentId, KetamineClinic.Web.Auth.Policies.ViewClinical);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }

    private static IRenderedComponent<CascadingValue<Task<AuthenticationState>>> Render<TPanel>(BunitContext ctx, ClaimsPrincipal user, SessionSnapshot snapshot)
        where TPanel : IComponent =>
        ctx.Render<CascadingValue<Task<AuthenticationState>>>(p => p
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(user)))
            .AddChildContent(b =>
            {
                b.OpenComponent<MudPopoverProvider>(0);
                b.CloseComponent();
                b.OpenComponent<MudDialogProvider>(1);
                b.CloseComponent();
                b.OpenComponent<TPanel>(2);
                b.AddAttribute(3, "Snapshot", snapshot);
                b.CloseComponent();
            }));

    private static AngleSharp.Dom.IElement Criterion(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> host, DischargeCriterion criterion) =>
        host.Find($"[data-testid='discharge-check-{criterion}']");
}

public sealed class SignOffPanelsTestsOnSqlite(SqliteApp app) : SignOffPanelsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SignOffPanelsTestsOnPostgres(PostgresApp app) : SignOffPanelsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
