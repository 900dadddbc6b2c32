using System.Text.RegularExpressions;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Sessions;

/// <summary>
/// The live infusion floor as a nurse sees it on the demo clinic's day (the Development seed puts three infusions on
/// today's floor around start-up): she lands on it after signing in, and a reading saved elsewhere shows on her open
/// board within a second, without a reload.
/// </summary>
public sealed class FloorFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task A_nurse_lands_on_the_floor_and_an_alarming_reading_saved_elsewhere_shows_within_a_second()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("nurse@demo.clinic");

        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/floor$"));
        var board = page.GetByTestId("floor-board");
        var infusing = board.Locator("[data-phase='Infusing']");
        await Assertions.Expect(infusing).ToHaveCountAsync(1);
        await Assertions.Expect(infusing.GetByTestId("floor-overdue")).ToContainTextAsync("Infusion minute 20");
        await Assertions.Expect(infusing.GetByTestId("floor-next-reading")).ToContainTextAsync("Infusion minute 40");
        await Assertions.Expect(infusing.GetByTestId("floor-alert")).ToHaveCountAsync(0);
        await Assertions.Expect(board.Locator("[data-phase='WaitingForOrder']").GetByTestId("floor-request"))
            .ToHaveTextAsync(["Order needed", "Go-ahead needed: baseline 152/94"]);
        await Assertions.Expect(board.Locator("[data-phase='Observing']")).ToHaveCountAsync(1);

        // Another nurse saves a reading at the chair: blood pressure at the alert threshold.
        await RecordReadingAsync(new VitalsInput(184, 102, 88, 97, 14));

        await Assertions.Expect(infusing.GetByTestId("floor-alert")).ToContainTextAsync("hold or stop the infusion", new() { Timeout = 1500 });
        await Assertions.Expect(infusing).ToHaveAttributeAsync("data-attention", "true");
        await page.ScreenshotAsync("floor");

        // The card opens the session.
        var appointmentId = await InfusingAppointmentAsync();
        await infusing.GetByTestId("floor-patient").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/sessions/{appointmentId}$"));
        await page.Context.CloseAsync();
    }

    private async Task<Guid> InfusingAppointmentAsync()
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        return await db.InfusionSessions.Where(s => s.Phase == SessionPhase.Infusing).Select(s => s.AppointmentId).SingleAsync();
    }

    /// <summary>A reading saved on the server through the session workspace, as the session page saves it.</summary>
    private async Task RecordReadingAsync(VitalsInput vitals)
    {
        var appointmentId = await InfusingAppointmentAsync();
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var nurse = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync((await users.FindByEmailAsync("nurse@demo.clinic"))!);
        var workspace = services.GetRequiredService<SessionWorkspace>();
        var loaded = await workspace.LoadAsync(nurse, appointmentId, Policies.ViewClinical);
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        var saved = await workspace.ChangeAsync<VitalsReading>(nurse, appointmentId, loaded.Value.Session!.Version, Policies.RunSession, "record vitals",
            (session, actor, clock) => session.RecordVitals(vitals, clock.NowUtc, actor, clock.NowUtc));
        Assert.True(saved.IsSuccess, saved.Error?.Message);
    }
}
