using System.Globalization;
using System.Text.RegularExpressions;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.FollowUps;

/// <summary>After a finished course: intake staff book the proposed follow-up; a clinician completes the course and
/// plans a booster. The demo seed gives Ngozi Nwosu a six-session course whose last session was at least ten days ago.</summary>
public sealed class FollowUpFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Patient = $"{DemoFollowUpSeeder.FamilyName}, {DemoFollowUpSeeder.GivenName}";

    [Fact]
    public async Task Intake_staff_book_the_proposed_one_week_follow_up_from_the_prefilled_dialog_and_it_leaves_the_list()
    {
        var page = await browser.NewPageAsync();
        await page.SignInAsync("intake@demo.clinic");

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main navigation" }).GetByRole(AriaRole.Link, new() { Name = "Follow-ups", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Follow-ups to book");
        var rows = page.GetByTestId("follow-ups").Locator("tbody tr").Filter(new() { HasText = Patient });
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var week = rows.Filter(new() { Has = page.GetByTestId("follow-up-interval").GetByText("1-week", new() { Exact = true }) });
        await Assertions.Expect(week.GetByTestId("follow-up-overdue")).ToContainTextAsync("overdue by");
        await Assertions.Expect(rows.Filter(new() { HasText = "4-week" }).GetByTestId("follow-up-when")).ToContainTextAsync("due in");
        await page.ScreenshotAsync("follow-ups");

        await week.GetByTestId("book-follow-up").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByLabel("Patient")).ToHaveValueAsync(new Regex("^" + Regex.Escape(Patient)));
        await Assertions.Expect(dialog.GetByTestId("book-type")).ToContainTextAsync("Follow-up");
        await Assertions.Expect(dialog.GetByTestId("book-follows-course")).ToContainTextAsync("Induction course");
        await Assertions.Expect(dialog.GetByTestId("book-follows-course")).ToContainTextAsync("1-week follow-up, due");
        var date = await dialog.GetByLabel("Date").InputValueAsync();
        var clinicToday = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/New_York")));
        Assert.True(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) >= clinicToday, $"the suggested date {date} is not in the past");
        await page.ScreenshotAsync("follow-up-book");
        await dialog.GetByTestId("book-save").ClickAsync();

        await Assertions.Expect(page.GetByText(new Regex("^Booked: " + Regex.Escape(Patient) + ", follow-up"))).ToBeVisibleAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.GetByTestId("follow-up-interval")).ToHaveTextAsync("4-week");
        var booking = await FollowUpBookingAsync();
        Assert.Equal(AppointmentType.FollowUp, booking.Type);
        Assert.NotNull(booking.CourseId);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task A_clinician_completes_the_finished_course_and_plans_a_booster_from_the_course_tab()
    {
        var patientId = await PatientIdAsync();
        var page = await browser.NewPageAsync();
        await page.SignInAsync("clinician@demo.clinic");

        await page.GotoAsync($"/patients/{patientId}/courses");
        await page.WaitForInteractiveAsync();
        var course = page.GetByTestId("course");
        await Assertions.Expect(course.GetByTestId("all-sessions-given")).ToContainTextAsync("All 6 planned session(s) are given");
        await Assertions.Expect(course.GetByTestId("course-follow-up")).ToHaveCountAsync(2);
        await page.ScreenshotAsync("course-finished");
        await course.GetByTestId("complete-finished-course").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Complete" }).ClickAsync();
        await Assertions.Expect(course.GetByTestId("course-status")).ToHaveTextAsync("Completed");

        await course.GetByTestId("plan-booster").ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await Assertions.Expect(dialog.GetByTestId("course-kind")).ToContainTextAsync("Booster");
        await Assertions.Expect(dialog.GetByLabel("Sessions")).ToHaveValueAsync("1");
        await Assertions.Expect(dialog.GetByLabel("Goals and expected outcomes")).ToHaveValueAsync(new Regex("original baseline"));
        var start = DateTime.Today.AddDays(14).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var startField = dialog.GetByLabel("Planned start");
        await startField.FillAsync(start);
        await startField.PressAsync("Tab");
        await page.ScreenshotAsync("booster-plan");
        await dialog.GetByTestId("save-plan").ClickAsync();

        await Assertions.Expect(page.GetByText("Booster planned.", new() { Exact = false })).ToBeVisibleAsync();
        var booster = page.GetByTestId("course").Filter(new() { HasText = "Booster:" });
        await Assertions.Expect(booster.GetByTestId("course-status")).ToHaveTextAsync("Planned");
        await Assertions.Expect(booster).ToContainTextAsync("1, 1 a week");
        await Assertions.Expect(page.GetByTestId("plan-booster")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("booster-planned");
        await page.Context.CloseAsync();
    }

    private async Task<Guid> PatientIdAsync()
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        return await db.Patients.Where(p => p.FamilyName == DemoFollowUpSeeder.FamilyName && p.GivenName == DemoFollowUpSeeder.GivenName).Select(p => p.Id).SingleAsync();
    }

    private async Task<Appointment> FollowUpBookingAsync()
    {
        var patientId = await PatientIdAsync();
        await using var scope = browser.Server.Services.CreateAsyncScope();
        await using var db = await scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        return await db.Appointments.AsNoTracking().SingleAsync(a => a.PatientId == patientId && a.Type == AppointmentType.FollowUp);
    }
}
