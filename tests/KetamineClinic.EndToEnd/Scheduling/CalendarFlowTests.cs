using System.Globalization;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Scheduling;

/// <summary>Intake staff run the calendar: book from a free slot, move by editing, cancel with a reason. The demo
/// seed books the next five open days, which the screenshots show.</summary>
public sealed class CalendarFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Intake_staff_books_an_intake_consultation_by_clicking_a_free_slot_and_sees_it_in_the_day_view()
    {
        var day = Weekday(weeksAhead: 2, DayOfWeek.Tuesday);
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");

        await page.GotoAsync($"/calendar?date={Iso(day)}&view=day");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("calendar-empty")).ToContainTextAsync("click a free slot to book");
        await page.GetByTestId("slot-consult-1100").ClickAsync();

        var dialog = page.GetByRole(AriaRole.Dialog);
        // The dialog focuses the patient field itself once it has rendered; type after that, as a person would.
        await Assertions.Expect(dialog.GetByLabel("Patient")).ToBeFocusedAsync();
        await dialog.GetByLabel("Patient").FillAsync("Alvarez");
        await page.Locator(".mud-popover-open").GetByText("Alvarez, Maria").First.ClickAsync();
        await dialog.GetByTestId("book-save").ClickAsync();

        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Booked: Alvarez, Maria"))).ToBeVisibleAsync();
        var block = page.GetByTestId("calendar-day").Locator("[data-testid^=booking-]");
        await Assertions.Expect(block).ToHaveCountAsync(1);
        await Assertions.Expect(block).ToContainTextAsync("Alvarez, Maria");
        await Assertions.Expect(block).ToContainTextAsync("Intake consultation");
        await Assertions.Expect(block).ToContainTextAsync("11:00–12:00");
        await Assertions.Expect(block).ToContainTextAsync("CC"); // the only clinician, chosen for you
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_move_into_a_taken_slot_is_refused_with_the_reason_and_a_move_to_a_free_time_is_kept()
    {
        var day = Weekday(weeksAhead: 3, DayOfWeek.Wednesday);
        var taken = await BookConsultationAsync("Bennett", day.ToDateTime(new TimeOnly(10, 0)));
        var moving = await BookConsultationAsync("Chen", day.ToDateTime(new TimeOnly(14, 0)));
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");

        await page.GotoAsync($"/appointments/{moving}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("action-move").ClickAsync();
        var time = page.GetByTestId("move-form").GetByLabel("Start");
        await time.FillAsync("10:30");
        await time.PressAsync("Tab");
        await page.GetByTestId("move-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("booking-refused")).ToContainTextAsync("clinician");
        await Assertions.Expect(page.GetByTestId("alternative").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("appointment-time")).ToContainTextAsync("14:00");
        await page.ScreenshotAsync("calendar-move-refused");

        await time.FillAsync("15:00");
        await time.PressAsync("Tab");
        await page.GetByTestId("move-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("appointment-time")).ToContainTextAsync("15:00");
        await Assertions.Expect(page.GetByTestId("history-entry").First).ToContainTextAsync("Moved");
        await Assertions.Expect(page.GetByTestId("history-entry").First).ToContainTextAsync("14:00");

        await page.GotoAsync($"/calendar?date={Iso(day)}&view=day");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId($"booking-{taken}")).ToContainTextAsync("10:00–11:00");
        await Assertions.Expect(page.GetByTestId($"booking-{moving}")).ToContainTextAsync("15:00–16:00");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Intake_staff_cancels_a_booking_with_a_reason_and_sees_it_in_the_history()
    {
        var day = Weekday(weeksAhead: 3, DayOfWeek.Thursday);
        var booking = await BookConsultationAsync("Dubois", day.ToDateTime(new TimeOnly(9, 0)));
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");

        await page.GotoAsync($"/appointments/{booking}");
        await page.WaitForInteractiveAsync();
        await page.GetByTestId("action-cancel").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByText("Patient's request").ClickAsync();
        await dialog.GetByLabel("Note (optional)").FillAsync("Has a family wedding that day.");
        await dialog.GetByTestId("confirm-cancel").ClickAsync();

        await Assertions.Expect(page.GetByTestId("appointment-status")).ToHaveTextAsync("Cancelled");
        await Assertions.Expect(page.GetByTestId("appointment-cancellation")).ToContainTextAsync("Patient's request: Has a family wedding that day.");
        var latest = page.GetByTestId("history-entry").First;
        await Assertions.Expect(latest).ToContainTextAsync("Cancelled");
        await Assertions.Expect(latest).ToContainTextAsync("Ivy Intake");
        await Assertions.Expect(latest).ToContainTextAsync("Has a family wedding that day.");
        await Assertions.Expect(page.GetByTestId("action-cancel")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("calendar-booking-cancelled");

        await page.GotoAsync($"/calendar?date={Iso(day)}&view=day");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId($"booking-{booking}")).ToHaveCountAsync(0);
        await page.GetByTestId("show-cancelled").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"booking-{booking}")).ToContainTextAsync("Cancelled");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task The_day_view_shows_chairs_and_numbered_sessions_and_the_week_view_lists_each_day()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");
        var first = await FirstDemoDayAsync();

        await page.GotoAsync($"/calendar?date={Iso(first)}&view=day");
        await page.WaitForInteractiveAsync();
        var dayView = page.GetByTestId("calendar-day");
        await Assertions.Expect(dayView.GetByTestId("chair-column-Chair 1")).ToBeVisibleAsync();
        await Assertions.Expect(dayView.GetByTestId("chair-column-Consultations")).ToBeVisibleAsync();
        await Assertions.Expect(dayView.GetByText(new System.Text.RegularExpressions.Regex("session 1 of \\d+")).First).ToBeVisibleAsync();
        await page.ScreenshotAsync("calendar-day");

        await page.GetByTestId("calendar-mode").GetByText("Week").ClickAsync();
        var week = page.GetByTestId("calendar-week");
        await Assertions.Expect(week).ToBeVisibleAsync();
        await Assertions.Expect(week.Locator("section")).ToHaveCountAsync(7);
        await Assertions.Expect(week.GetByTestId($"week-day-{Iso(first)}").Locator("[data-testid^=booking-]").First).ToBeVisibleAsync();
        await page.ScreenshotAsync("calendar-week");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Dragging_a_booking_where_it_cannot_go_leaves_it_in_place_with_the_reason_and_a_free_slot_takes_it()
    {
        var day = Weekday(weeksAhead: 4, DayOfWeek.Friday);
        var fixedOne = await BookConsultationAsync("Eriksen", day.ToDateTime(new TimeOnly(10, 0)));
        var moving = await BookConsultationAsync("Fofanah", day.ToDateTime(new TimeOnly(12, 0)));
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");
        await page.GotoAsync($"/calendar?date={Iso(day)}&view=day");
        await page.WaitForInteractiveAsync();
        var block = page.GetByTestId($"booking-{moving}");

        // An hour-long consultation dropped at 17:30 would run past closing at 18:00.
        await DragAsync(page, block, page.GetByTestId("slot-consult-1730"));

        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Not moved: The clinic is not open for the whole booking"))).ToBeVisibleAsync();
        await Assertions.Expect(block).ToContainTextAsync("12:00–13:00");
        await Assertions.Expect(page.GetByTestId($"booking-{fixedOne}")).ToContainTextAsync("10:00–11:00");

        await DragAsync(page, page.GetByTestId($"booking-{moving}"), page.GetByTestId("slot-consult-1430"));

        await Assertions.Expect(page.GetByText(new System.Text.RegularExpressions.Regex("^Moved Fofanah"))).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId($"booking-{moving}")).ToContainTextAsync("14:30–15:30");
        await page.GotoAsync($"/appointments/{moving}");
        await page.WaitForInteractiveAsync();
        await Assertions.Expect(page.GetByTestId("history-entry").First).ToContainTextAsync("Moved on the calendar.");
        await page.Context.CloseAsync();
    }

    /// <summary>The HTML5 drag-and-drop events a browser fires for a drag from <paramref name="source"/> to
    /// <paramref name="target"/>, dispatched on the elements themselves: Playwright's mouse-driven drag scrolls the tall
    /// day grid mid-gesture, which ends the drag before the drop.</summary>
    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        var data = await page.EvaluateHandleAsync("() => new DataTransfer()");
        await source.DispatchEventAsync("dragstart", new Dictionary<string, object> { ["dataTransfer"] = data });
        await target.DispatchEventAsync("dragenter", new Dictionary<string, object> { ["dataTransfer"] = data });
        await target.DispatchEventAsync("dragover", new Dictionary<string, object> { ["dataTransfer"] = data });
        await target.DispatchEventAsync("drop", new Dictionary<string, object> { ["dataTransfer"] = data });
        await source.DispatchEventAsync("dragend", new Dictionary<string, object> { ["dataTransfer"] = data });
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

    private async Task<DateOnly> FirstDemoDayAsync()
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        var first = await db.Appointments.Where(a => a.Type == AppointmentType.InfusionSession).OrderBy(a => a.StartUtc).Select(a => a.StartUtc).FirstAsync();
        var settings = scope.ServiceProvider.GetRequiredService<KetamineClinic.Web.Features.Admin.Settings.ClinicSettingsProvider>();
        return DateOnly.FromDateTime((await settings.GetAsync()).ToClinicTime(first));
    }

    /// <summary>A consultation with the demo clinician, booked through the booking service as the demo intake account.</summary>
    private async Task<Guid> BookConsultationAsync(string familyName, DateTime localStart)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        var patientId = await db.Patients.Where(p => p.FamilyName == familyName).Select(p => p.Id).SingleAsync();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var intake = await users.FindByEmailAsync("intake@demo.clinic");
        var clinician = await users.FindByEmailAsync("clinician@demo.clinic");
        var user = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(intake!);
        var outcome = await services.GetRequiredService<BookingService>().BookAsync(user, new BookAppointment(
            patientId, AppointmentType.IntakeConsultation, localStart, null, null, null, clinician!.Id));
        Assert.True(outcome.Succeeded, outcome.Message);
        return outcome.AppointmentId!.Value;
    }
}
