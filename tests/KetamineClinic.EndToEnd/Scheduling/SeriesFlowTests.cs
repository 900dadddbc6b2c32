using System.Globalization;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Scheduling;

/// <summary>
/// The main scheduling workflow: intake staff book a consultation, then a whole 6-session course as a series
/// from a free chair slot, resolve the one clash in the preview with a proposed alternative, then move one occurrence
/// and cancel another with a reason, and "session n of N" stays right.
/// </summary>
public sealed class SeriesFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Intake_staff_books_a_six_session_series_resolving_a_clash_then_moves_one_and_cancels_one()
    {
        var monday = Weekday(weeksAhead: 5, DayOfWeek.Monday);
        var (chair2, clash) = await ArrangeAsync(monday.AddDays(7).ToDateTime(new TimeOnly(9, 0)));
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");

        // A consultation first: the free slot in the consultations lane.
        await page.GotoAsync($"/calendar?date={Iso(monday)}&view=day");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("slot-consult-1400").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        // The dialog focuses the patient field itself once it has rendered; type after that, as a person would.
        await Assertions.Expect(dialog.GetByLabel("Patient")).ToBeFocusedAsync();
        await dialog.GetByLabel("Patient").FillAsync("Yilmaz");
        await page.Locator(".mud-popover-open").GetByText("Yilmaz, Elif").First.ClickAsync();
        await dialog.GetByTestId("book-save").ClickAsync();
        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Booked: Yilmaz, Elif"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("calendar-day").Locator("[data-testid^=booking-]").Filter(new() { HasText = "Yilmaz, Elif" })).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        // Then the course: a free 09:00 slot in Chair 2, handed over to the series dialog.
        await page.GetByTestId($"slot-{chair2}-0900").ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("book-chair")).ToBeVisibleAsync();
        // The dialog focuses the patient field itself once it has rendered; type after that, as a person would.
        await Assertions.Expect(dialog.GetByLabel("Patient")).ToBeFocusedAsync();
        await dialog.GetByLabel("Patient").PressSequentiallyAsync("Yilmaz");
        await page.Locator(".mud-popover-open").GetByText("Yilmaz, Elif").First.ClickAsync();
        await Assertions.Expect(dialog.GetByTestId("book-length")).ToBeVisibleAsync();
        await dialog.GetByTestId("book-nurse").ClickAsync();
        await page.Locator(".mud-popover-open").GetByText("Noah Nurse").ClickAsync();
        await dialog.GetByTestId("book-as-series").ClickAsync();

        var series = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(series.GetByTestId("series-course")).ToBeVisibleAsync();
        await series.GetByTestId("series-preview").ClickAsync();
        await Assertions.Expect(series.GetByTestId("series-rows").Locator("tr[data-testid^=series-row-]")).ToHaveCountAsync(6);
        // Mondays and Thursdays from the chosen Monday: the third session meets the booking already in Chair 2.
        await Assertions.Expect(series.GetByTestId("series-row-3")).ToHaveAttributeAsync("data-clear", "false");
        await Assertions.Expect(series.GetByTestId("series-check-3")).ToContainTextAsync("The chair is booked");
        await Assertions.Expect(series.GetByTestId("series-book")).ToBeDisabledAsync();
        await page.ScreenshotAsync("series-preview-with-clash");

        await series.GetByTestId("series-alt-3-1").ClickAsync();
        await Assertions.Expect(series.GetByTestId("series-row-3")).ToHaveAttributeAsync("data-clear", "true");
        await Assertions.Expect(series.GetByTestId("series-book")).ToBeEnabledAsync();
        await page.ScreenshotAsync("series-preview-resolved");
        await series.GetByTestId("series-book").ClickAsync();
        await Assertions.Expect(page.GetByText("Booked 6 sessions.")).ToBeVisibleAsync();

        var booked = await SeriesAsync();
        Assert.Equal(6, booked.Count);
        Assert.Single(booked.Select(b => b.SeriesId).Distinct());
        Assert.DoesNotContain(booked, b => b.ChairId == chair2 && b.StartUtc == clash);

        // Move session 2 alone, by editing it.
        await page.GotoAsync($"/appointments/{booked[1].Id}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("session 2 of 6")).ToBeVisibleAsync();
        await page.GetByTestId("action-move").ClickAsync();
        var time = page.GetByTestId("move-form").GetByLabel("Start");
        await time.FillAsync("11:00");
        await time.PressAsync("Tab");
        await page.GetByTestId("move-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("appointment-time")).ToContainTextAsync("11:00");

        // Cancel session 4 with a reason: the later sessions move up one number.
        await page.GotoAsync($"/appointments/{booked[3].Id}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("action-cancel").ClickAsync();
        dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Clinical").First.ClickAsync();
        await dialog.GetByLabel("Note (optional)").FillAsync("Blood pressure to be reviewed first.");
        await dialog.GetByTestId("confirm-cancel").ClickAsync();
        await Assertions.Expect(page.GetByTestId("appointment-status")).ToHaveTextAsync("Cancelled");

        await page.GotoAsync($"/appointments/{booked[4].Id}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByText("session 4 of 6")).ToBeVisibleAsync();
        var after = await SeriesAsync();
        Assert.Equal(AppointmentStatus.Cancelled, after.Single(b => b.Id == booked[3].Id).Status);
        Assert.Equal(5, after.Count(b => b.Status == AppointmentStatus.Booked));
        Assert.Equal(booked.Where((_, i) => i != 1).Select(b => b.StartUtc), after.Where(b => b.Id != booked[1].Id).OrderBy(b => b.StartUtc).Select(b => b.StartUtc));

        await page.GotoAsync($"/calendar?date={Iso(monday)}&view=week");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("calendar-week")).ToContainTextAsync("Yilmaz, Elif");
        await page.ScreenshotAsync("series-week");
        await page.Context.CloseAsync();
    }

    private static DateOnly Weekday(int weeksAhead, DayOfWeek day)
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7 * weeksAhead);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The demo clinician starts Yilmaz's and Zielinski's planned courses, and Zielinski is booked in Chair 2
    /// at <paramref name="clashLocal"/>, where the series' third session will fall.</summary>
    private async Task<(Guid Chair2, DateTime ClashUtc)> ArrangeAsync(DateTime clashLocal)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var principals = services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>();
        var clinicianUser = await users.FindByEmailAsync("clinician@demo.clinic");
        var nurse = await users.FindByEmailAsync("nurse@demo.clinic");
        var clinician = await principals.CreateAsync(clinicianUser!);
        foreach (var family in new[] { "Yilmaz", "Zielinski" })
        {
            var course = await db.TreatmentCourses.AsNoTracking()
                .Where(c => db.Patients.Any(p => p.Id == c.PatientId && p.FamilyName == family) && c.Status == CourseStatus.Planned).SingleAsync();
            var started = await services.GetRequiredService<ChangeCourseStatusHandler>()
                .HandleAsync(clinician, new ChangeCourseStatus(course.Id, CourseStatusChange.Activate, null, course.Version));
            Assert.True(started.IsSuccess, started.Error?.Message);
        }

        var chair2 = await db.Chairs.Where(c => c.Name == "Chair 2").Select(c => c.Id).SingleAsync();
        var zielinski = await db.Patients.Where(p => p.FamilyName == "Zielinski").Select(p => p.Id).SingleAsync();
        var intake = await principals.CreateAsync((await users.FindByEmailAsync("intake@demo.clinic"))!);
        var outcome = await services.GetRequiredService<BookingService>().BookAsync(intake,
            new BookAppointment(zielinski, AppointmentType.InfusionSession, clashLocal, null, chair2, nurse!.Id, clinicianUser!.Id));
        Assert.True(outcome.Succeeded, outcome.Message);
        var clash = await db.Appointments.Where(a => a.Id == outcome.AppointmentId).Select(a => a.StartUtc).SingleAsync();
        return (chair2, clash);
    }

    private async Task<List<Appointment>> SeriesAsync()
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        var yilmaz = await db.Patients.Where(p => p.FamilyName == "Yilmaz").Select(p => p.Id).SingleAsync();
        var list = await db.Appointments.AsNoTracking()
            .Where(a => a.PatientId == yilmaz && a.Type == AppointmentType.InfusionSession).ToListAsync();
        return [.. list.OrderBy(a => a.StartUtc)];
    }
}
