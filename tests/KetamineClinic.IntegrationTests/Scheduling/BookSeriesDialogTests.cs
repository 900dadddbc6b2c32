using Bunit;
using FluentValidation;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

/// <summary>The series dialog rendered with bUnit over the real booking service and database: the preview marks the
/// clashing session, an alternative resolves it, and only then can the whole series be booked.</summary>
public abstract class BookSeriesDialogTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task The_preview_marks_the_clash_an_alternative_resolves_it_and_then_all_six_are_booked()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var (otherPatient, _) = await PatientWithActiveCourseAsync(app, stage);
        var first = WeekdayAt(3, DayOfWeek.Monday, 14);
        var clash = await BookAsync(app, stage.Booker, Infusion(stage, otherPatient, first.AddDays(7)));
        Assert.True(clash.Succeeded, clash.Message);

        await using var scope = app.Factory.Services.CreateAsyncScope();
        await using var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<SeriesBookingService>());
        ctx.Services.AddSingleton(scope.ServiceProvider.GetRequiredService<IValidator<PreviewSeries>>());
        var host = ctx.Render<CascadingValue<Task<AuthenticationState>>>(p => p
            .Add(c => c.Value, Task.FromResult(new AuthenticationState(stage.Booker)))
            .AddChildContent(b =>
            {
                b.OpenComponent<MudPopoverProvider>(0);
                b.CloseComponent();
                b.OpenComponent<MudDialogProvider>(1);
                b.CloseComponent();
            }));
        var parameters = new DialogParameters<BookSeriesDialog>
        {
            { d => d.PatientId, patientId },
            { d => d.CourseId, courseId },
            { d => d.InitialStart, first },
            { d => d.InitialChairId, stage.ChairId },
            { d => d.InitialNurseId, stage.NurseId },
            { d => d.InitialClinicianId, stage.ClinicianId },
        };
        var dialogs = ctx.Services.GetRequiredService<IDialogService>();
        var dialog = await host.InvokeAsync(() => dialogs.ShowAsync<BookSeriesDialog>("Book sessions as a series", parameters));

        host.WaitForElement("[data-testid='series-preview']", Patience).Click();
        host.WaitForAssertion(() => Assert.Equal(6, host.FindAll("tr[data-testid^='series-row-']").Count), Patience);

        Assert.Equal(["true", "true", "false", "true", "true", "true"], host.FindAll("tr[data-testid^='series-row-']").Select(r => r.GetAttribute("data-clear")));
        Assert.Contains("The chair is booked", host.Find("[data-testid='series-check-3']").TextContent, StringComparison.Ordinal);
        Assert.True(host.Find("[data-testid='series-book']").HasAttribute("disabled"));

        host.Find("[data-testid='series-alt-3-1']").Click();
        host.WaitForAssertion(() => Assert.Equal("true", host.Find("[data-testid='series-row-3']").GetAttribute("data-clear")), Patience);
        host.WaitForAssertion(() => Assert.False(host.Find("[data-testid='series-book']").HasAttribute("disabled")), Patience);
        Assert.Contains("Book all 6", host.Find("[data-testid='series-book']").TextContent, StringComparison.Ordinal);

        host.Find("[data-testid='series-book']").Click();
        var result = await dialog.Result.WaitAsync(Patience, Xunit.TestContext.Current.CancellationToken);

        Assert.Equal(6, result?.Data);
        await using var db = await app.Factory.CreateDbContextAsync();
        var booked = await db.Appointments.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync(Xunit.TestContext.Current.CancellationToken);
        Assert.Equal(6, booked.Count);
        var taken = await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == clash.AppointmentId, Xunit.TestContext.Current.CancellationToken);
        Assert.DoesNotContain(booked, a => a.ChairId == taken.ChairId && a.StartUtc < taken.EndUtc && taken.StartUtc < a.EndUtc);
    }
}

public sealed class BookSeriesDialogTestsOnSqlite(SqliteApp app) : BookSeriesDialogTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class BookSeriesDialogTestsOnPostgres(PostgresApp app) : BookSeriesDialogTests<PostgresApp>(app), IClassFixture<PostgresApp>;
