using System.Security.Claims;
using Bunit;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>The dose-order panel rendered with bUnit over the real handlers and database: the clinician sees the total
/// and the rate change as they type, the override reason appears outside the usual range, a dose above the ceiling
/// cannot be signed; a nurse sees no form and waits for the go-ahead.</summary>
public abstract class OrderPanelTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_clinician_sees_total_and_rate_follow_the_dose_typed_and_signs_an_override_with_its_reason()
    {
        var day = await SessionDay.ArrangeAsync(app, DayOfWeek.Monday, weeksAhead: 10);
        await day.CheckedInAsync();
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var ctx = Context(day, scope.ServiceProvider);
        var panel = await RenderAsync(ctx, day, day.Clinician);

        panel.WaitForAssertion(() => Assert.Equal("41.2 mg", panel.Find("[data-testid='order-total']").TextContent), Patience);
        Assert.Equal("61.8 mg/h", panel.Find("[data-testid='order-rate']").TextContent);
        Assert.Contains("usual 0.1–0.75 mg/kg, ceiling 1 mg/kg", panel.Find("[data-testid='order-range']").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("[data-testid='order-override']"));

        Type(panel, "order-dose", "1.2");
        panel.WaitForAssertion(() => Assert.Contains("Above the protocol's ceiling of 1.0 mg/kg: refused.", panel.Markup, StringComparison.Ordinal), Patience);
        Assert.Empty(panel.FindAll("[data-testid='order-total']"));
        Assert.True(panel.Find("[data-testid='order-sign']").HasAttribute("disabled"));

        Type(panel, "order-dose", "0.9");
        panel.WaitForAssertion(() => Assert.Equal("74.16 mg", panel.Find("[data-testid='order-total']").TextContent), Patience);
        Assert.Equal("111.24 mg/h", panel.Find("[data-testid='order-rate']").TextContent);
        Assert.NotEmpty(panel.FindAll("[data-testid='order-outside']"));
        Type(panel, "order-override", "Partial response at 0.75 mg/kg");
        panel.Find("[data-testid='order-sign']").Click();

        await using var db = await app.Factory.CreateDbContextAsync();
        var order = await WaitForOrderAsync(db, day);
        Assert.Equal((0.9m, 74.16m, "Partial response at 0.75 mg/kg"), (order.Dose, order.TotalMg, order.OverrideReason));
    }

    [Fact]
    public async Task A_nurse_sees_no_order_form_and_a_banner_waiting_for_the_go_ahead()
    {
        var day = await SessionDay.ArrangeAsync(app, DayOfWeek.Tuesday, weeksAhead: 10);
        var outcome = await day.CheckInAsync(day.Nurse, day.Checklist() with { Systolic = 156, Diastolic = 96 });
        Assert.True(outcome.IsSuccess, outcome.Result.Error?.Message);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var ctx = Context(day, scope.ServiceProvider);

        var panel = await RenderAsync(ctx, day, day.Nurse);

        panel.WaitForAssertion(() => Assert.Contains("156/96", panel.Find("[data-testid='go-ahead-waiting']").TextContent, StringComparison.Ordinal), Patience);
        Assert.Empty(panel.FindAll("[data-testid='order-dose']"));
        Assert.Empty(panel.FindAll("[data-testid='order-sign']"));
        Assert.Empty(panel.FindAll("[data-testid='give-go-ahead']"));
    }

    private static BunitContext Context(SessionDay day, IServiceProvider scope)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(scope.GetRequiredService<IAuthorizationService>());
        ctx.Services.AddSingleton(day.HandlerOn<OrderDoseHandler>(scope));
        ctx.Services.AddSingleton(day.HandlerOn<GiveGoAheadHandler>(scope));
        return ctx;
    }

    private static async Task<IRenderedComponent<CascadingValue<Task<AuthenticationState>>>> RenderAsync(BunitContext ctx, SessionDay day, ClaimsPrincipal user)
    {
        var policy = user.IsInRole(KetamineClinic.Domain.Staff.StaffRoles.Clinician) || user.IsInRole(KetamineClinic.Domain.Staff.StaffRoles.Nurse) ? Policies.ViewClinical : Policies.CheckIn;
        var snapshot = await day.SnapshotAsync(user, policy);
        Assert.True(snapshot.IsSuccess, snapshot.Error?.Message);
        return ctx.Render<CascadingValue<Task<AuthenticationState>>>(p => p
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(user)))
            .AddChildContent(b =>
            {
                b.OpenComponent<MudPopoverProvider>(0);
                b.CloseComponent();
                b.OpenComponent<OrderPanel>(1);
                b.AddAttribute(2, nameof(OrderPanel.Snapshot), snapshot.Value);
                b.CloseComponent();
            }));
    }

    private static void Type(IRenderedComponent<CascadingValue<Task<AuthenticationState>>> panel, string testId, string text)
    {
        var input = panel.FindAll($"input[data-testid='{testId}'], textarea[data-testid='{testId}']").FirstOrDefault()
            ?? panel.Find($"[data-testid='{testId}'] input, [data-testid='{testId}'] textarea");
        input.Input(text);
    }

    private static async Task<KetamineClinic.Domain.Sessions.DoseOrder> WaitForOrderAsync(KetamineClinic.Infrastructure.Persistence.ClinicDbContext db, SessionDay day)
    {
        for (var i = 0; i < 100; i++)
        {
            var order = await db.DoseOrders.AsNoTracking().Where(o => o.PatientId == day.PatientId).SingleOrDefaultAsync();
            if (order is not null)
            {
                return order;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The order was not saved.");
    }
}

public sealed class OrderPanelTestsOnSqlite(SqliteApp app) : OrderPanelTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class OrderPanelTestsOnPostgres(PostgresApp app) : OrderPanelTests<PostgresApp>(app), IClassFixture<PostgresApp>;
