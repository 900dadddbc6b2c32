using System.Net;
using System.Text;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using KetamineClinic.Web.Features.Scheduling.Instructions;
using KetamineClinic.Web.Features.Scheduling.Reminders;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.ReminderArrange;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

public abstract class InstructionsAndRemindersTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Instructions_for_a_nine_oclock_infusion_say_no_food_after_three_and_list_the_medicine_to_hold()
    {
        var (stage, patientId, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Tuesday, "Lorazepam 1 mg", "Sertraline 100 mg");

        var result = await ClinicalArrange.WithAsync<GetAppointmentInstructionsHandler, KetamineClinic.Domain.Common.Result<AppointmentInstructionsView>>(
            app, h => h.HandleAsync(stage.Booker, appointmentId));

        Assert.True(result.IsSuccess, result.Error?.Message);
        var view = result.Value;
        Assert.Equal(9, view.LocalStart.Hour);
        Assert.Equal("No solid food after 03:00; clear liquids only until 07:00.", view.Lines[0]);
        Assert.Equal(["Lorazepam 1 mg"], view.MedicinesToHold);
        Assert.Contains(view.Lines, l => l.Contains("Lorazepam 1 mg", StringComparison.Ordinal) && !l.Contains("Sertraline", StringComparison.Ordinal));
        Assert.Contains(view.Lines, l => l.Contains("escort", StringComparison.Ordinal));
        Assert.Contains(view.Lines, l => l.StartsWith("Do not drive", StringComparison.Ordinal));
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Read && e.PatientId == patientId.ToString() && e.EntityId == appointmentId.ToString()));
    }

    [Fact]
    public async Task A_consultation_has_its_time_and_place_but_no_fasting_instructions()
    {
        var stage = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patientId, WeekdayAt(2, DayOfWeek.Monday, 11)));

        var result = await ClinicalArrange.WithAsync<GetAppointmentInstructionsHandler, KetamineClinic.Domain.Common.Result<AppointmentInstructionsView>>(
            app, h => h.HandleAsync(stage.Booker, booked.AppointmentId!.Value));

        Assert.True(result.IsSuccess, result.Error?.Message);
        Assert.Empty(result.Value.Lines);
        Assert.Equal(11, result.Value.LocalStart.Hour);
        Assert.Equal("Test Clinician", result.Value.ClinicianName);
    }

    [Fact]
    public async Task The_calendar_file_parses_back_with_the_booking_times_and_its_id()
    {
        var (_, _, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Wednesday);
        var appointment = await AppointmentAsync(app, appointmentId);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, nurse.Email!);

        var response = await client.GetAsync(new Uri($"/appointments/{appointmentId}/calendar.ics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/calendar", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".ics", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        var text = Encoding.UTF8.GetString(await response.Content.ReadAsByteArrayAsync());
        var calendar = Ical.Net.Calendar.Load(text)!;
        var calendarEvent = Assert.Single(calendar.Events);
        Assert.Equal(appointmentId.ToString(), calendarEvent.Uid);
        Assert.True(calendarEvent.Start!.IsUtc);
        Assert.Equal(DateTime.SpecifyKind(appointment.StartUtc, DateTimeKind.Utc), calendarEvent.Start.AsUtc);
        Assert.Equal(DateTime.SpecifyKind(appointment.EndUtc, DateTimeKind.Utc), calendarEvent.End!.AsUtc);
        Assert.Contains("No solid food after", calendarEvent.Description, StringComparison.Ordinal);
        Assert.DoesNotContain("depress", calendarEvent.Summary, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_printable_sheet_shows_a_nurse_the_patient_and_the_fasting_times()
    {
        var (_, patientId, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Friday, "Alprazolam 0.5 mg");
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, nurse.Email!);

        var response = await client.GetAsync(new Uri($"/appointments/{appointmentId}/instructions", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("data-testid=\"instruction-sheet\"", html, StringComparison.Ordinal);
        Assert.Contains("No solid food after 03:00; clear liquids only until 07:00.", html, StringComparison.Ordinal);
        Assert.Contains("Alprazolam 0.5 mg", html, StringComparison.Ordinal);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Read && e.PatientId == patientId.ToString() && e.Detail == "printed instructions"));
    }

    [Fact]
    public async Task The_calendar_file_is_refused_to_an_administrator_and_to_anyone_not_signed_in()
    {
        var (_, _, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Thursday);
        var path = new Uri($"/appointments/{appointmentId}/calendar.ics", UriKind.Relative);
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var adminClient = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(adminClient, admin.Email!);

        var asAdmin = await adminClient.GetAsync(path);
        var anonymous = await app.CreateClient().GetAsync(path);

        Assert.True(asAdmin.StatusCode == HttpStatusCode.Forbidden
            || (asAdmin.StatusCode == HttpStatusCode.Redirect && asAdmin.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal)),
            $"{(int)asAdmin.StatusCode} {asAdmin.Headers.Location}");
        Assert.True(anonymous.StatusCode == HttpStatusCode.Unauthorized
            || (anonymous.StatusCode == HttpStatusCode.Redirect && anonymous.Headers.Location!.OriginalString.Contains("/Account/Login", StringComparison.Ordinal)),
            $"{(int)anonymous.StatusCode} {anonymous.Headers.Location}");
        Assert.DoesNotContain("BEGIN:VCALENDAR", await asAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain("BEGIN:VCALENDAR", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_message_is_written_once_and_a_restarted_app_sends_nothing_again()
    {
        var (_, _, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Tuesday, "Diazepam 5 mg");
        var start = (await AppointmentAsync(app, appointmentId)).StartUtc;

        await PassAsync(app, DateTime.UtcNow);
        await PassAsync(app, DateTime.UtcNow.AddMinutes(1));
        await PassAsync(app, start.AddHours(-47));
        await PassAsync(app, start.AddHours(-46));
        await PassAsync(app, start.AddHours(-23));
        await PassAsync(app, start.AddHours(-22));
        await using (var restarted = new ClinicAppFactory(app.Factory.Database))
        {
            _ = restarted.Server;
            await NewService(restarted, start.AddHours(-23)).RunOnceAsync();
            await NewService(restarted, start.AddHours(-1)).RunOnceAsync();
        }

        var mail = Mail(app, appointmentId);
        Assert.Equal([ReminderKind.Confirmation, ReminderKind.FirstReminder, ReminderKind.SecondReminder], mail.Select(m => m.Kind).Order());
        var confirmation = mail.Single(m => m.Kind == ReminderKind.Confirmation).Message;
        Assert.Contains("No solid food after 03:00", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains("Diazepam 5 mg", confirmation.TextBody, StringComparison.Ordinal);
        Assert.Contains(confirmation.Attachments, a => a.ContentType.MimeType == "text/calendar");
        var dispatches = await DispatchesAsync(app, appointmentId);
        Assert.Equal(3, dispatches.Count);
        Assert.All(dispatches, d => Assert.NotNull(d.SentUtc));
    }

    [Fact]
    public async Task A_moved_booking_is_confirmed_again_and_reminded_for_its_new_time()
    {
        var (stage, _, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Monday);
        await PassAsync(app, DateTime.UtcNow);
        var before = await AppointmentAsync(app, appointmentId);
        var newLocal = WeekdayAt(2, DayOfWeek.Monday, 9).AddDays(1).AddHours(2);

        var moved = await WithBookingAsync(app, s => s.MoveAsync(stage.Booker,
            new MoveAppointment(appointmentId, before.Version, newLocal, null, stage.ChairId, stage.NurseId, stage.ClinicianId, "Patient asked")));
        var after = await AppointmentAsync(app, appointmentId);
        await PassAsync(app, DateTime.UtcNow);
        await PassAsync(app, before.StartUtc.AddHours(-47));
        await PassAsync(app, after.StartUtc.AddHours(-47));

        Assert.True(moved.Succeeded, moved.Message);
        var dispatches = await DispatchesAsync(app, appointmentId);
        Assert.Equal(
            [(ReminderKind.Confirmation, before.StartUtc), (ReminderKind.Confirmation, after.StartUtc), (ReminderKind.FirstReminder, after.StartUtc)],
            dispatches.OrderBy(d => d.ClaimedUtc).Select(d => (d.Kind, d.ForStartUtc)));
        var mail = Mail(app, appointmentId);
        Assert.Equal(3, mail.Count);
        Assert.Equal(2, mail.Count(m => (m.Message.TextBody ?? "").Contains("11:00 to", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_cancelled_booking_gets_no_messages()
    {
        var (stage, _, appointmentId) = await BookedInfusionAsync(app, DayOfWeek.Friday);
        var booked = await AppointmentAsync(app, appointmentId);
        var cancelled = await WithBookingAsync(app, s => s.CancelAsync(stage.Booker, new CancelAppointment(appointmentId, booked.Version, CancellationReason.Patient, null)));

        await PassAsync(app, DateTime.UtcNow);
        await PassAsync(app, booked.StartUtc.AddHours(-47));
        await PassAsync(app, booked.StartUtc.AddHours(-23));

        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        Assert.Empty(await DispatchesAsync(app, appointmentId));
        Assert.Empty(Mail(app, appointmentId));
    }

    [Fact]
    public async Task Two_passes_running_at_once_send_each_message_once()
    {
        var bookings = new List<Guid>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday })
        {
            bookings.Add((await BookedInfusionAsync(app, day)).AppointmentId);
        }

        var now = DateTime.UtcNow;
        await Task.WhenAll(NewService(app.Factory, now).RunOnceAsync(), NewService(app.Factory, now).RunOnceAsync());
        var start = (await AppointmentAsync(app, bookings[0])).StartUtc;
        await Task.WhenAll(NewService(app.Factory, start.AddHours(-47)).RunOnceAsync(), NewService(app.Factory, start.AddHours(-47)).RunOnceAsync());

        Assert.All(bookings, id => Assert.Single(Mail(app, id), m => m.Kind == ReminderKind.Confirmation));
        Assert.Single(Mail(app, bookings[0]), m => m.Kind == ReminderKind.FirstReminder);
    }

    [Fact]
    public async Task A_patient_without_an_email_address_is_recorded_as_not_sent_and_never_retried()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(2, DayOfWeek.Thursday, 13)));
        var appointmentId = booked.AppointmentId!.Value;

        await PassAsync(app, DateTime.UtcNow);
        await PassAsync(app, DateTime.UtcNow.AddHours(1));

        var dispatch = Assert.Single(await DispatchesAsync(app, appointmentId));
        Assert.Equal(ReminderKind.Confirmation, dispatch.Kind);
        Assert.Null(dispatch.SentUtc);
        Assert.True(dispatch.GaveUp);
        Assert.Equal(ReminderService.NoEmail, dispatch.LastError);
        Assert.Empty(Mail(app, appointmentId));
    }
}

public sealed class InstructionsAndRemindersTestsOnSqlite(SqliteApp app) : InstructionsAndRemindersTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class InstructionsAndRemindersTestsOnPostgres(PostgresApp app) : InstructionsAndRemindersTests<PostgresApp>(app), IClassFixture<PostgresApp>;
