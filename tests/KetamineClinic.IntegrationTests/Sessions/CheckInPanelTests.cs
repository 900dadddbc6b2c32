using Bunit;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Kiosk;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>The check-in panel rendered with bUnit over the real handler and database: an incomplete checklist shows
/// every problem at its field, keeps what was typed and saves nothing.</summary>
public abstract class CheckInPanelTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task An_incomplete_checklist_shows_each_problem_at_its_field_keeps_what_was_typed_and_saves_nothing()
    {
        var day = await SessionDay.ArrangeAsync(app, DayOfWeek.Wednesday, weeksAhead: 10);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IAuthorizationService>());
        ctx.Services.AddSingleton(day.HandlerOn<CheckInHandler>(scope.ServiceProvider));
        ctx.Services.AddSingleton(day.HandlerOn<MarkNotStartedHandler>(scope.ServiceProvider));
        // The measures before the infusion, listed in the panel.
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<GetVisitMeasuresHandler>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<WithdrawKioskLinkHandler>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<FloorEvents>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<ClinicSettingsProvider>());
        ctx.Services.AddSingleton(TimeProvider.System);
        var snapshot = await day.SnapshotAsync(day.Nurse, Policies.CheckIn);
        Assert.True(snapshot.IsSuccess, snapshot.Error?.Message);
        ctx.Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        var panel = ctx.Render<CascadingValue<Task<AuthenticationState>>>(p => p
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(day.Nurse)))
            .AddChildContent(b =>
            {
                b.OpenComponent<MudPopoverProvider>(0);
                b.CloseComponent();
                b.OpenComponent<CheckInPanel>(1);
                b.AddAttribute(2, nameof(CheckInPanel.Snapshot), snapshot.Value);
                b.CloseComponent();
            }));

        panel.WaitForElement("[data-testid='check-in-save']", Patience);
        // The protocol asks for a PHQ-9 before each infusion: listed as not taken, and no condition of check-in.
        panel.WaitForAssertion(() => Assert.Equal("false", panel.Find("[data-testid='visit-measure-PHQ-9']").GetAttribute("data-taken")), Patience);
        Change(panel, "check-in-escort-name", "Sam Escort");
        Change(panel, "check-in-weight-kg", "82.4");
        Change(panel, "check-in-systolic", "128");
        panel.Find("[data-testid='check-in-save']").Click();

        panel.WaitForAssertion(() => Assert.Contains("Enter when the patient last ate solid food.", panel.Markup, StringComparison.Ordinal), Patience);
        Assert.Contains("Enter when the patient last drank clear liquids.", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("name and phone number: the patient cannot go home alone.", panel.Markup, StringComparison.Ordinal);
        Assert.Contains("Enter the diastolic pressure.", panel.Markup, StringComparison.Ordinal);
        Assert.Equal("Sam Escort", Input(panel, "check-in-escort-name").GetAttribute("value"));
        Assert.Equal("128", Input(panel, "check-in-systolic").GetAttribute("value"));
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.InfusionSessions.AnyAsync(s => s.AppointmentId == day.AppointmentId));
    }

    private static AngleSharp.Dom.IElement Input(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> panel, string testId) =>
        panel.FindAll($"input[data-testid='{testId}']").FirstOrDefault() ?? panel.Find($"[data-testid='{testId}'] input");

    private static void Change(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> panel, string testId, string text) => Input(panel, testId).Change(text);
}

public sealed class CheckInPanelTestsOnSqlite(SqliteApp app) : CheckInPanelTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class CheckInPanelTestsOnPostgres(PostgresApp app) : CheckInPanelTests<PostgresApp>(app), IClassFixture<PostgresApp>;
