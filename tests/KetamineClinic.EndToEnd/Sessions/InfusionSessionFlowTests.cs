using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.EndToEnd.Infrastructure;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace KetamineClinic.EndToEnd.Sessions;

/// <summary>
/// The main session workflow, on a server whose clock the test moves on between steps (a 40-minute infusion
/// and a 60-minute observation in a couple of real minutes): a nurse and a clinician, each in their own browser, run one
/// complete session — check-in with a high baseline, the clinician's order and go-ahead, the infusion with readings
/// typed from the keyboard (one alarming, one missed), a side effect, observation until the discharge criteria are met,
/// discharge, the nurse's record, the clinician's signature and an amendment — while a third browser shows the floor
/// board following every step by itself.
/// </summary>
public sealed class InfusionSessionFlowTests(ClinicDayFixture day) : IClassFixture<ClinicDayFixture>
{
    /// <summary>The floor promises every open screen follows a change within a second; this leaves room for the browser.</summary>
    private static readonly LocatorAssertionsToHaveAttributeOptions Live = new() { Timeout = 1500 };

    [Fact]
    public async Task A_nurse_and_a_clinician_run_a_whole_session_from_check_in_to_an_amendment_while_the_floor_follows_it()
    {
        var (appointmentId, chairId, start) = await BookAdeyemiNowAsync();

        var floor = await day.NewPageAsync();
        await floor.SignInAsync("nurse@demo.clinic");
        var card = floor.GetByTestId($"floor-chair-{chairId}");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "Booked");
        await Assertions.Expect(card.GetByTestId("floor-patient")).ToHaveTextAsync("Adeyemi, Tunde");

        var nurse = await day.NewPageAsync();
        await nurse.SignInAsync("nurse@demo.clinic");
        await nurse.GotoAsync($"/sessions/{appointmentId}");
        await nurse.WaitForInteractiveAsync();
        await Assertions.Expect(nurse.GetByTestId("session-phase")).ToHaveTextAsync("Booked");

        // Check-in: fasting since 01:00 (solids) and 06:30 (clear liquids), escort, medicines held, weighed now, and a
        // baseline above 140/90, so the clinician's go-ahead is needed.
        var checkIn = nurse.GetByTestId("panel-check-in");
        await FillAsync(Input(checkIn, "check-in-solid-time"), "01:00");
        await FillAsync(Input(checkIn, "check-in-liquid-time"), "06:30");
        await checkIn.GetByLabel("Escort's name").FillAsync("Ngozi Adeyemi");
        await checkIn.GetByLabel("Escort's phone").FillAsync("+1 555 0199");
        await checkIn.GetByText("Medicines to hold were held as instructed").ClickAsync();
        await checkIn.GetByText("Weighed now").ClickAsync();
        await FillAsync(checkIn.GetByLabel("Weight now (kg)"), "82.4");
        await FillAsync(checkIn.GetByLabel("Systolic"), "152");
        await FillAsync(checkIn.GetByLabel("Diastolic"), "94");
        await FillAsync(checkIn.GetByLabel("HR /min"), "78");
        await FillAsync(checkIn.GetByLabel("SpO2 %"), "98");
        await FillAsync(checkIn.GetByLabel("RR /min"), "14");
        await checkIn.GetByTestId("check-in-save").ClickAsync();

        await Assertions.Expect(nurse.GetByTestId("session-phase")).ToHaveTextAsync("Checked in");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "WaitingForOrder", Live);
        await Assertions.Expect(card.GetByTestId("floor-request")).ToHaveTextAsync(["Order needed", "Go-ahead needed: baseline 152/94"]);
        await Assertions.Expect(checkIn.GetByTestId("check-in-weight")).ToContainTextAsync("82.4 kg");
        await Assertions.Expect(checkIn.GetByTestId("check-in-baseline")).ToContainTextAsync("BP 152/94");
        await Assertions.Expect(nurse.GetByTestId("go-ahead-waiting")).ToBeVisibleAsync();
        await Assertions.Expect(nurse.GetByTestId("order-waiting")).ToBeVisibleAsync();
        await ScreenshotAsync(nurse, "session-checked-in");

        // The clinician, in another browser, sees the dose worked out from the weight, signs it and gives the go-ahead.
        var clinician = await day.NewPageAsync();
        await clinician.SignInAsync("clinician@demo.clinic");
        await clinician.GotoAsync($"/sessions/{appointmentId}");
        await clinician.WaitForInteractiveAsync();
        await Assertions.Expect(clinician.GetByTestId("order-total")).ToHaveTextAsync("41.2 mg");
        await Assertions.Expect(clinician.GetByTestId("order-rate")).ToHaveTextAsync("61.8 mg/h");
        await Assertions.Expect(clinician.GetByTestId("infusion-start")).ToHaveCountAsync(0);
        await clinician.GetByTestId("order-sign").ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("order-current-total")).ToContainTextAsync("41.2 mg over 40 min");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "WaitingForGoAhead", Live);
        await Input(clinician.GetByTestId("panel-order"), "go-ahead-note").FillAsync("Repeat 146/90 after rest; no symptoms.");
        await clinician.GetByTestId("give-go-ahead").ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("go-ahead-given")).ToBeVisibleAsync();

        // The nurse's page shows the order and the go-ahead by itself, and she cannot change the order.
        await Assertions.Expect(nurse.GetByTestId("order-current-total")).ToContainTextAsync("41.2 mg over 40 min");
        await Assertions.Expect(nurse.GetByTestId("order-current-rate")).ToContainTextAsync("61.8 mg/h");
        await Assertions.Expect(nurse.GetByTestId("go-ahead-given")).ToContainTextAsync("Dr Clara Clinician");
        await Assertions.Expect(nurse.GetByTestId("order-sign")).ToHaveCountAsync(0);
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "ReadyToStart", Live);

        // 09:10: the infusion starts.
        var infusionStart = start.AddMinutes(10);
        day.MoveTo(infusionStart.AddSeconds(5));
        await nurse.GetByTestId("infusion-start").ClickAsync();
        var action = nurse.GetByTestId("infusion-action-form");
        await Assertions.Expect(Input(action, "action-time")).ToHaveValueAsync(Hm(infusionStart));
        await Input(action, "action-lot").FillAsync("KET-26-0311");
        await action.GetByTestId("action-save").ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("session-phase")).ToHaveTextAsync("Infusing");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "Infusing", Live);
        await Assertions.Expect(card.GetByTestId("floor-next-reading")).ToContainTextAsync("Infusion minute 10");

        // Minute 10: a calm reading, typed in one go from the keyboard.
        day.MoveTo(infusionStart.AddMinutes(10).AddSeconds(5));
        await TypeReadingAsync(nurse, "128", "82", "80", "98", "14");
        await Assertions.Expect(nurse.GetByTestId("vitals-reading-row").First).ToContainTextAsync("128/82");
        await Assertions.Expect(card.GetByTestId("floor-next-reading")).ToContainTextAsync("Infusion minute 20", new() { Timeout = 1500 });

        // Minute 20: blood pressure at the alert threshold. The alert opens on the session page and on the floor.
        day.MoveTo(infusionStart.AddMinutes(20).AddSeconds(5));
        await TypeReadingAsync(nurse, "184", "102", "96", "97", "15");
        var alert = nurse.GetByTestId("alert-open");
        await Assertions.Expect(alert).ToContainTextAsync("hold or stop the infusion");
        await Assertions.Expect(nurse.GetByTestId("vitals-alert-row")).ToContainTextAsync("184/102");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-attention", "true", Live);
        await Assertions.Expect(card.GetByTestId("floor-alert")).ToContainTextAsync("hold or stop the infusion");
        await ScreenshotAsync(nurse, "session-infusing");
        await ScreenshotAsync(floor, "floor-live");

        // The nurse acknowledges it with the action taken.
        var acknowledgement = Input(alert, "alert-action");
        await acknowledgement.FillAsync("Held the infusion 3 min, repeat 162/94; clinician informed, continued.");
        await acknowledgement.PressAsync("Enter");
        await Assertions.Expect(nurse.GetByTestId("alert-open")).ToHaveCountAsync(0);
        await Assertions.Expect(nurse.GetByTestId("alert-acknowledged")).ToContainTextAsync("Noah Nurse");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-attention", "false", Live);

        // Minute 30's reading is missed: past its time plus 2 minutes it is overdue, on the session page and the floor.
        day.MoveTo(infusionStart.AddMinutes(32).AddSeconds(30));
        await Assertions.Expect(card.GetByTestId("floor-overdue")).ToContainTextAsync("Infusion minute 30", new() { Timeout = 1500 });
        await Assertions.Expect(card).ToHaveAttributeAsync("data-attention", "true");
        await Assertions.Expect(nurse.GetByTestId("reading-overdue")).ToContainTextAsync($"{Hm(infusionStart.AddMinutes(30))} overdue", new() { Timeout = 7000 });

        // Minute 34: nausea, mild; an antiemetic given.
        day.MoveTo(infusionStart.AddMinutes(34).AddSeconds(5));
        await nurse.GetByTestId("side-effect-add").ClickAsync();
        var sideEffect = nurse.GetByTestId("side-effect-form");
        await Assertions.Expect(Input(sideEffect, "side-effect-onset")).ToHaveValueAsync(Hm(infusionStart.AddMinutes(34)));
        await ChooseAsync(nurse, sideEffect.GetByTestId("side-effect-type"), "Nausea or vomiting");
        await ChooseAsync(nurse, sideEffect.GetByTestId("side-effect-severity"), "Mild");
        await ChooseAsync(nurse, sideEffect.GetByTestId("side-effect-action"), "Antiemetic given");
        await sideEffect.GetByTestId("side-effect-save").ClickAsync();
        var effectRow = nurse.GetByTestId("side-effect-row");
        await Assertions.Expect(effectRow).ToContainTextAsync("Nausea or vomiting");
        await Assertions.Expect(effectRow).ToContainTextAsync("Antiemetic given");
        await Assertions.Expect(effectRow).ToContainTextAsync("ongoing");
        Assert.False(await nurse.GetByTestId("side-effects-table").EvaluateAsync<bool>(
            "t => [t, ...t.querySelectorAll('.mud-table-container')].some(e => e.scrollWidth > e.clientWidth + 1)"), "The side effects table scrolls sideways.");

        // Minute 40: the reading on time, then the infusion stops at the ordered end and observation starts.
        var stop = infusionStart.AddMinutes(40);
        day.MoveTo(stop.AddSeconds(5));
        await TypeReadingAsync(nurse, "138", "86", "78", "98", "14");
        await nurse.GetByTestId("infusion-stop").ClickAsync();
        await Assertions.Expect(Input(action, "action-time")).ToHaveValueAsync(Hm(stop));
        await action.GetByTestId("action-save").ClickAsync();
        await nurse.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Stop infusion" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("session-phase")).ToHaveTextAsync("In observation");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "Observing", Live);
        // The missed reading stays on the record as missed; on the floor it no longer asks for a nurse.
        await Assertions.Expect(nurse.GetByTestId("reading-overdue")).ToHaveTextAsync($"{Hm(infusionStart.AddMinutes(30))} missed");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-attention", "false");
        await Assertions.Expect(card.GetByTestId("floor-next-reading")).ToContainTextAsync("Observation minute 30");

        // Observation minute 30: a reading, and the nausea has settled.
        day.MoveTo(stop.AddMinutes(30).AddSeconds(5));
        await TypeReadingAsync(nurse, "130", "82", "74", "98", "14");
        await nurse.GetByTestId("side-effect-edit").ClickAsync();
        await Assertions.Expect(Input(sideEffect, "side-effect-resolved")).ToHaveValueAsync(Hm(stop.AddMinutes(30)));
        await sideEffect.GetByTestId("side-effect-save").ClickAsync();
        await Assertions.Expect(effectRow).ToContainTextAsync(Hm(stop.AddMinutes(30)));

        // The nurse ticks what she attests; only the observation time is still short.
        var discharge = nurse.GetByTestId("panel-discharge");
        await discharge.GetByLabel("Alert and walking steadily").CheckAsync();
        await discharge.GetByLabel("Escort Ngozi Adeyemi present").CheckAsync();
        await discharge.GetByLabel("Discharge instructions given").CheckAsync();
        await Assertions.Expect(discharge.GetByTestId("discharge-check-ObservationTime")).ToHaveAttributeAsync("data-met", "false");
        await Assertions.Expect(discharge.Locator("[data-met='false']")).ToHaveCountAsync(1);
        await Assertions.Expect(discharge.GetByTestId("discharge")).ToBeDisabledAsync();
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "Observing");

        // As the clock passes the 60 minutes the criterion turns met by itself (the panel refreshes every 15 s).
        day.MoveTo(stop.AddMinutes(60).AddSeconds(5));
        await Assertions.Expect(discharge.GetByTestId("discharge-check-ObservationTime")).ToHaveAttributeAsync("data-met", "true", new() { Timeout = 20_000 });
        await Assertions.Expect(discharge.GetByTestId("discharge-summary")).ToHaveTextAsync("All criteria met.");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "ReadyForDischarge", Live);
        await TypeReadingAsync(nurse, "126", "80", "72", "98", "14");
        await discharge.GetByTestId("discharge").ClickAsync();
        await nurse.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Discharge" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("session-phase")).ToHaveTextAsync("Discharged");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "Discharged", Live);
        await Assertions.Expect(nurse.GetByTestId("discharged")).ToContainTextAsync("after 60 min of observation");

        // The nurse's note, then her completion of the record.
        day.MoveTo(stop.AddMinutes(65));
        var note = Input(nurse.GetByTestId("panel-sign-off"), "nurse-note");
        await note.FillAsync("Tolerated the infusion. BP 184/102 at minute 20, settled after a 3-minute hold. Mild nausea at minute 34, ondansetron 4 mg, settled. Went home with her escort.");
        await Assertions.Expect(nurse.GetByTestId("note-save-state")).ToContainTextAsync("Saved");
        await nurse.GetByTestId("complete-record").ClickAsync();
        await nurse.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Complete record" }).ClickAsync();
        await Assertions.Expect(nurse.GetByTestId("record-completed")).ToContainTextAsync("Noah Nurse");

        // The clinician signs; the nurse's page follows.
        await clinician.GetByTestId("sign-session").ClickAsync();
        await clinician.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Sign" }).ClickAsync();
        await Assertions.Expect(clinician.GetByTestId("signed")).ToContainTextAsync("Dr Clara Clinician");
        await Assertions.Expect(nurse.GetByTestId("session-phase")).ToHaveTextAsync("Signed");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-phase", "Signed", Live);
        await Assertions.Expect(nurse.GetByTestId("vitals-row")).ToHaveCountAsync(0);
        await Assertions.Expect(nurse.GetByTestId("side-effect-add")).ToHaveCountAsync(0);

        // A correction after the signature is an amendment, shown beside the reading it corrects.
        var minute20 = $"Vitals {Hm(infusionStart.AddMinutes(20))}";
        var amend = nurse.GetByTestId("amend-form");
        await ChooseAsync(nurse, amend.GetByTestId("amend-refers-to"), minute20);
        await Input(amend, "amend-text").FillAsync("Taken with the small cuff; the repeat at minute 23 with the large cuff was 162/94.");
        await Input(amend, "amend-reason").FillAsync("Cuff size noted after signing.");
        await amend.GetByTestId("amend-save").ClickAsync();
        await nurse.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Add amendment" }).ClickAsync();
        var group = nurse.GetByTestId("amendment-group");
        await Assertions.Expect(group).ToContainTextAsync(minute20);
        await Assertions.Expect(group).ToContainTextAsync("BP 184/102");
        await Assertions.Expect(group.GetByTestId("amendment")).ToContainTextAsync("the large cuff was 162/94");
        await Assertions.Expect(group.GetByTestId("amendment")).ToContainTextAsync("Noah Nurse · reason: Cuff size noted after signing.");
        await Assertions.Expect(clinician.GetByTestId("amendment")).ToContainTextAsync("the large cuff was 162/94");
        await ScreenshotAsync(nurse, "session-signed");

        await floor.Context.CloseAsync();
        await nurse.Context.CloseAsync();
        await clinician.Context.CloseAsync();
    }

    /// <summary>A screenshot of the page from its top. The confirmations of the last few saves, minutes apart in the
    /// clinic but seconds apart here, are closed first so they do not cover the page.</summary>
    private static async Task ScreenshotAsync(IPage page, string name)
    {
        var snackbars = page.Locator(".mud-snackbar");
        for (var tries = 0; tries < 20 && await snackbars.CountAsync() > 0; tries++)
        {
            await page.EvaluateAsync("() => document.querySelectorAll('.mud-snackbar button').forEach(b => b.click())");
            await Task.Delay(500);
        }

        await Assertions.Expect(snackbars).ToHaveCountAsync(0);
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.ScreenshotAsync(name);
    }

    private static string Hm(DateTime local) => local.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The text box of a MudBlazor field, whether its test id sits on the input or around it.</summary>
    private static ILocator Input(ILocator scope, string testId) =>
        scope.Locator($"input[data-testid='{testId}'], textarea[data-testid='{testId}'], [data-testid='{testId}'] input, [data-testid='{testId}'] textarea").First;

    /// <summary>Types a value and leaves the field, as a person would.</summary>
    private static async Task FillAsync(ILocator field, string value)
    {
        await field.FillAsync(value);
        await field.PressAsync("Tab");
    }

    private static async Task ChooseAsync(IPage page, ILocator select, string option)
    {
        await select.ClickAsync();
        await page.Locator(".mud-popover-open").GetByText(option, new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>A reading as nurses type it: systolic, Tab, diastolic, Tab, heart rate, Tab, SpO2, Tab, respiratory
    /// rate, Enter. After the save the row is empty again with the cursor back in systolic.</summary>
    private static async Task TypeReadingAsync(IPage page, string systolic, string diastolic, string heartRate, string spO2, string respiratoryRate)
    {
        var row = page.GetByTestId("vitals-row");
        var before = await page.GetByTestId("vitals-table").Locator("tbody tr").CountAsync();
        await Input(row, "vitals-systolic").FocusAsync();
        string[] values = [systolic, diastolic, heartRate, spO2, respiratoryRate];
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0)
            {
                await page.Keyboard.PressAsync("Tab");
            }

            await page.Keyboard.TypeAsync(values[i]);
        }

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByTestId("vitals-table").Locator("tbody tr")).ToHaveCountAsync(before + 1);
        await Assertions.Expect(Input(row, "vitals-systolic")).ToBeFocusedAsync();
        foreach (var field in new[] { "vitals-systolic", "vitals-diastolic", "vitals-hr", "vitals-spo2", "vitals-rr" })
        {
            await Assertions.Expect(Input(row, field)).ToHaveValueAsync("");
        }
    }

    /// <summary>The demo clinician starts Adeyemi's planned course, and Adeyemi is booked for an infusion now, on the
    /// server's clock, in a fourth chair (the demo floor fills the other three around start-up), booked the day before
    /// as the front desk would have.</summary>
    private async Task<(Guid AppointmentId, Guid ChairId, DateTime StartLocal)> BookAdeyemiNowAsync()
    {
        await using var scope = day.Server.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        await using var db = await services.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContextAsync();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var clinicianUser = (await users.FindByEmailAsync("clinician@demo.clinic"))!;
        var nurseUser = (await users.FindByEmailAsync("nurse@demo.clinic"))!;
        var intakeUser = (await users.FindByEmailAsync("intake@demo.clinic"))!;
        var clinician = await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(clinicianUser);

        var course = await db.TreatmentCourses.AsNoTracking()
            .Where(c => db.Patients.Any(p => p.Id == c.PatientId && p.FamilyName == "Adeyemi") && c.Status == CourseStatus.Planned).SingleAsync();
        var started = await services.GetRequiredService<ChangeCourseStatusHandler>()
            .HandleAsync(clinician, new ChangeCourseStatus(course.Id, CourseStatusChange.Activate, null, course.Version));
        Assert.True(started.IsSuccess, started.Error?.Message);

        var chair = Chair.Create("Chair 4", 4).Value;
        db.Chairs.Add(chair);
        var protocol = await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == course.ProtocolId);
        var now = day.Clock.GetUtcNow().UtcDateTime;
        var start = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
        var end = start.AddMinutes(protocol.Settings.InfusionMinutes + protocol.Settings.ObservationMinutes);
        var booked = Appointment.Book(course.PatientId, AppointmentType.InfusionSession, new BookingPlace(start, end, chair.Id, nurseUser.Id, clinicianUser.Id),
            course.Id, null, null, new Actor(intakeUser.Id, intakeUser.DisplayName), start.AddDays(-1));
        Assert.True(booked.IsSuccess, booked.Error?.Message);
        db.Appointments.Add(booked.Value);
        await db.SaveChangesAsync();
        return (booked.Value.Id, chair.Id, TimeZoneInfo.ConvertTimeFromUtc(start, ClinicDayFixture.ClinicZone));
    }
}
