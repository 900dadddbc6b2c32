using System.Collections.Concurrent;
using System.Net;
using System.Security.Claims;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using KetamineClinic.Web.Features.Floor;
using KetamineClinic.Web.Features.Kiosk;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static KetamineClinic.IntegrationTests.Kiosk.KioskArrange;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Kiosk;

/// <summary>
/// Kiosk links through the real stack: staff open a one-time link, the tablet (a client without a staff sign-in) fills
/// the questionnaire once, the link then locks; expired, withdrawn, used and unknown codes look the same; the tablet
/// reaches nothing else; a positive PHQ-9 item 9 raises the alert with the measure, on the chart and the floor, with the
/// kiosk link and its opener in the audit trail; measures before an infusion and at a follow-up are linked to the visit.
/// </summary>
public abstract class KioskLinkTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly int?[] Calm = [1, 1, 1, 1, 1, 1, 1, 1, 0];
    private static readonly int?[] WithItem9 = [2, 2, 2, 1, 1, 1, 1, 1, 2];

    [Fact]
    public async Task A_kiosk_link_takes_the_answers_once_and_then_locks()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var link = await OpenAsync(app, nurse, patientId);
        var tablet = app.CreateClient();

        var page = await GetAsync(tablet, $"/kiosk/{link.Code}");
        var first = await SubmitAsync(tablet, link.Code, Calm);
        var done = await GetAsync(tablet, "/kiosk/done");
        var again = await tablet.PostAsync(new Uri($"/kiosk/{link.Code}", UriKind.Relative), new FormUrlEncodedContent(Fields(Calm)
            .Append(new("_handler", "kiosk-answers")).Append(new("__RequestVerificationToken", BrowserlessSignIn.AntiforgeryToken(page)!))));
        var reload = await GetAsync(tablet, $"/kiosk/{link.Code}");

        Assert.Contains("Patient Health Questionnaire-9", page, StringComparison.Ordinal);
        Assert.Contains("This questionnaire is for <strong>Test P.</strong>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal("/kiosk/done", Location(first));
        Assert.Contains("Thank you — please hand the tablet back", done, StringComparison.Ordinal);
        Assert.DoesNotContain("Mild", done, StringComparison.Ordinal);
        Assert.DoesNotContain("/ 27", done, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains(KioskErrors.NotUsable.Message, await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains(KioskErrors.NotUsable.Message, reload, StringComparison.Ordinal);

        await using var db = await app.Factory.CreateDbContextAsync();
        var measure = Assert.Single(await db.OutcomeMeasures.AsNoTracking().Where(m => m.PatientId == patientId && m.Source == MeasureSource.Kiosk).ToListAsync());
        Assert.Equal(8, measure.Total);
        Assert.Equal(MeasureContext.FollowUp, measure.Context);
        var stored = await db.KioskLinks.AsNoTracking().SingleAsync(k => k.Id == link.LinkId);
        Assert.Equal(measure.Id, stored.MeasureId);
        Assert.NotNull(stored.UsedUtc);
    }

    [Fact]
    public async Task Two_submissions_at_the_same_moment_save_one_measure()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var link = await OpenAsync(app, nurse, patientId);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            ClinicalArrange.WithAsync<KioskQuestionnaireHandler, KioskSubmitOutcome>(app, h => h.SubmitAsync(link.Code, Calm))));

        Assert.Equal(1, outcomes.Count(o => o.Status == KioskSubmitStatus.Saved));
        Assert.Equal(3, outcomes.Count(o => o.Status == KioskSubmitStatus.NotUsable));
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.OutcomeMeasures.CountAsync(m => m.PatientId == patientId && m.Source == MeasureSource.Kiosk));
    }

    [Fact]
    public async Task A_link_works_for_30_minutes_and_then_takes_nothing()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var link = await WithClockAsync<OpenKioskLinkHandler, Result<OpenedKioskLink>>(clock, h => h.HandleAsync(nurse, new OpenKioskLink(patientId, InstrumentCode.Gad7, MeasureContext.FollowUp)));
        Assert.True(link.IsSuccess, link.Error?.Message);
        var code = link.Value.Code;

        clock.Advance(TimeSpan.FromMinutes(29) + TimeSpan.FromSeconds(59));
        var beforeExpiry = await WithClockAsync<KioskQuestionnaireHandler, KioskQuestionnaireView?>(clock, h => h.OpenAsync(code));
        clock.Advance(TimeSpan.FromSeconds(1));
        var atExpiry = await WithClockAsync<KioskQuestionnaireHandler, KioskQuestionnaireView?>(clock, h => h.OpenAsync(code));
        var submitted = await WithClockAsync<KioskQuestionnaireHandler, KioskSubmitOutcome>(clock, h => h.SubmitAsync(code, [1, 1, 1, 1, 1, 1, 1]));

        Assert.Equal(link.Value.ExpiresUtc, clock.GetUtcNow().UtcDateTime);
        Assert.Equal(InstrumentCode.Gad7, beforeExpiry?.Instrument);
        Assert.Null(atExpiry);
        Assert.Equal(KioskSubmitStatus.NotUsable, submitted.Status);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.OutcomeMeasures.AnyAsync(m => m.PatientId == patientId && m.Source == MeasureSource.Kiosk));
    }

    [Fact]
    public async Task Unknown_expired_withdrawn_and_used_codes_all_show_the_same_neutral_page()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var used = await OpenAsync(app, nurse, patientId);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(app.CreateClient(), used.Code, Calm)).StatusCode);
        var withdrawn = await OpenAsync(app, nurse, patientId);
        var withdrawal = await ClinicalArrange.WithAsync<WithdrawKioskLinkHandler, Result<Guid>>(app, h => h.HandleAsync(nurse, new WithdrawKioskLink(patientId, withdrawn.LinkId)));
        Assert.True(withdrawal.IsSuccess, withdrawal.Error?.Message);
        var expired = await ExpiredLinkAsync(patientId);
        var unknown = KioskCode.New();
        var tablet = app.CreateClient();

        var pages = new List<string>();
        foreach (var code in new[] { unknown, expired, withdrawn.Code, used.Code })
        {
            pages.Add(MainContent(await GetAsync(tablet, $"/kiosk/{code}")));
        }

        Assert.Single(pages.Distinct());
        Assert.Contains(KioskErrors.NotUsable.Message, pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("Test P", pages[0], StringComparison.Ordinal);
        Assert.DoesNotContain("<form", pages[0], StringComparison.Ordinal);

        // Typed on the start page, each of them gets the same words too.
        var typed = new List<string>();
        foreach (var code in new[] { unknown, expired, withdrawn.Code, used.Code, "not a code" })
        {
            var response = await BrowserlessSignIn.PostFormAsync(tablet, "/kiosk", "kiosk-code", new Dictionary<string, string> { ["code"] = code });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Contains(KioskStartPage.NotOpened, html, StringComparison.Ordinal);
            typed.Add(html.Replace(code, "", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(typed, t => t.Contains("Test P", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_start_page_opens_the_questionnaire_of_a_code_typed_in_any_case()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var link = await OpenAsync(app, nurse, patientId, InstrumentCode.PainNrs);
        var tablet = app.CreateClient();

        var start = await GetAsync(tablet, "/kiosk");
        var typed = await BrowserlessSignIn.PostFormAsync(tablet, "/kiosk", "kiosk-code", new Dictionary<string, string> { ["code"] = link.DisplayCode.ToLowerInvariant() });

        Assert.Contains("Enter the code the staff gave you", start, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, typed.StatusCode);
        Assert.Equal($"/kiosk/{link.Code}", Location(typed));
        Assert.Contains("Pain numeric rating scale", await GetAsync(tablet, $"/kiosk/{link.Code}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_answer_saves_nothing_marks_the_item_and_keeps_the_answers_chosen()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var link = await OpenAsync(app, nurse, patientId);
        var tablet = app.CreateClient();

        var response = await SubmitAsync(tablet, link.Code, [1, 2, 3, null, 0, 1, null, 2, 0]);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Please answer questions 4 and 7", html, StringComparison.Ordinal);
        Assert.Equal(2, html.Split("data-testid=\"kiosk-item-error\"").Length - 1);
        Assert.Matches("name=\"item-3\" value=\"3\" checked", html);
        Assert.Matches("name=\"item-8\" value=\"2\" checked", html);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.OutcomeMeasures.AnyAsync(m => m.PatientId == patientId && m.Source == MeasureSource.Kiosk));
        Assert.Null((await db.KioskLinks.AsNoTracking().SingleAsync(k => k.Id == link.LinkId)).UsedUtc);
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(tablet, link.Code, [1, 2, 3, 1, 0, 1, 1, 2, 0])).StatusCode);
    }

    [Fact]
    public async Task With_only_a_kiosk_link_every_other_page_sends_to_sign_in_and_the_api_answers_401()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var stage = await StageAsync(app);
        var (otherPatient, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, otherPatient, WeekdayAt(9, DayOfWeek.Monday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        var link = await OpenAsync(app, nurse, patientId);
        var tablet = app.CreateClient();
        await GetAsync(tablet, $"/kiosk/{link.Code}");
        Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(tablet, link.Code, Calm)).StatusCode);

        foreach (var page in new[]
        {
            "/", "/patients", $"/patients/{patientId}", $"/patients/{otherPatient}", "/calendar", "/floor", "/reviews", "/admin/audit",
            "/admin/staff", $"/appointments/{booked.AppointmentId}", $"/sessions/{booked.AppointmentId}",
        })
        {
            var response = await tablet.GetAsync(new Uri(page, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} answered {(int)response.StatusCode}");
            Assert.StartsWith("/Account/Login", Location(response), StringComparison.Ordinal);
        }

        var api = await tablet.GetAsync(new Uri("/api/v1/clinic", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, api.StatusCode);
        var circuit = await tablet.PostAsync(new Uri("/_blazor/negotiate?negotiateVersion=1", UriKind.Relative), null);
        Assert.NotEqual(HttpStatusCode.OK, circuit.StatusCode);
        // Another patient's questionnaire needs that patient's code: any other code shows the neutral page.
        Assert.Contains(KioskErrors.NotUsable.Message, await GetAsync(tablet, $"/kiosk/{KioskCode.New()}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_staff_browser_that_opens_a_kiosk_page_is_signed_out_and_the_patient_can_still_answer()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var nurseUser = await app.CreateStaffAsync(StaffRoles.Nurse);
        var browser = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(browser, nurseUser.Email!);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync(new Uri("/floor", UriKind.Relative))).StatusCode);
        var link = await OpenAsync(app, nurse, patientId);

        var kiosk = await browser.GetAsync(new Uri($"/kiosk/{link.Code}", UriKind.Relative));
        var floorAfter = await browser.GetAsync(new Uri("/floor", UriKind.Relative));
        var submitted = await SubmitAsync(browser, link.Code, Calm);

        Assert.Equal(HttpStatusCode.OK, kiosk.StatusCode);
        Assert.Contains(kiosk.Headers.GetValues("Set-Cookie"), c => c.StartsWith("kc.auth=;", StringComparison.Ordinal));
        Assert.Equal("no-store", kiosk.Headers.CacheControl?.ToString());
        Assert.Equal(HttpStatusCode.Redirect, floorAfter.StatusCode);
        Assert.StartsWith("/Account/Login", Location(floorAfter), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal("/kiosk/done", Location(submitted));
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditAction.SignOut && e.UserId == nurseUser.Id && e.Detail == "Kiosk page opened in this browser"));
    }

    [Fact]
    public async Task A_positive_item_9_on_the_kiosk_raises_the_alert_with_the_measure_on_the_chart_and_the_floor_and_is_audited()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(9, DayOfWeek.Tuesday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        var nurseUser = await app.CreateStaffAsync(StaffRoles.Nurse);
        var nurse = await Identity.IdentityFlows.PrincipalForAsync(app, nurseUser.Id);
        var link = await OpenAsync(app, nurse, patientId, InstrumentCode.Phq9, MeasureContext.PreInfusion, appointmentId: booked.AppointmentId);
        var pushed = new ConcurrentBag<Guid>();
        var floorEvents = app.Factory.Services.GetRequiredService<FloorEvents>();
        void Listen(Guid id) => pushed.Add(id);
        floorEvents.PatientChanged += Listen;
        try
        {
            Assert.Equal(HttpStatusCode.Redirect, (await SubmitAsync(app.CreateClient(), link.Code, WithItem9)).StatusCode);
        }
        finally
        {
            floorEvents.PatientChanged -= Listen;
        }

        await using var db = await app.Factory.CreateDbContextAsync();
        var measure = await db.OutcomeMeasures.AsNoTracking().SingleAsync(m => m.PatientId == patientId && m.Source == MeasureSource.Kiosk);
        var alert = await db.PatientAlerts.AsNoTracking().SingleAsync(a => a.PatientId == patientId);
        Assert.True(measure.RaisedSuicideRiskAlert);
        Assert.Equal((courseId, booked.AppointmentId), (measure.CourseId, measure.AppointmentId));
        Assert.Equal(MeasureContext.PreInfusion, measure.Context);
        Assert.Equal(measure.Id, alert.SourceId);
        Assert.Equal(ListOutcomeMeasuresHandler.SuicideRiskAlertCode, alert.Code);
        Assert.Contains(patientId, pushed);

        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);
        var chart = await ClinicalArrange.WithAsync<GetPatientChartHandler, Result<PatientChart>>(app, h => h.HandleAsync(clinician, new GetPatientChart(patientId)));
        Assert.Equal(alert.Id, Assert.Single(chart.Value.OpenAlerts).Id);

        var board = await BoardAsync(nurse, booked.AppointmentId!.Value);
        var onFloor = board.Chairs.SelectMany(c => c.Bookings).Single(b => b.AppointmentId == booked.AppointmentId);
        var state = onFloor.At(onFloor.StartUtc);
        Assert.Equal(alert.Id, Assert.Single(state.ChartAlerts).Id);
        Assert.True(state.NeedsAttention);

        var trail = await db.AuditEvents.AsNoTracking().Where(e => e.PatientId == patientId.ToString() && e.Roles == KioskLinks.AuditRole).ToListAsync();
        Assert.Contains(trail, e => e.Action == AuditAction.Create && e.EntityType == nameof(OutcomeMeasure) && e.EntityId == measure.Id.ToString());
        Assert.Contains(trail, e => e.Action == AuditAction.Create && e.EntityType == nameof(PatientAlert) && e.EntityId == alert.Id.ToString());
        Assert.Contains(trail, e => e.Action == AuditAction.Update && e.EntityType == nameof(KioskLink) && e.EntityId == link.LinkId.ToString());
        Assert.All(trail, e => Assert.Equal(nurseUser.Id, e.UserId));
        Assert.All(trail, e => Assert.Equal($"Kiosk link {link.LinkId.ToString("N")[..8]} (opened by Test Nurse)", e.UserName));
    }

    [Fact]
    public async Task Acknowledging_the_alert_takes_it_off_the_floor_and_pushes_the_change()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(9, DayOfWeek.Wednesday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        var link = await OpenAsync(app, nurse, patientId, InstrumentCode.Phq9, MeasureContext.PreInfusion, appointmentId: booked.AppointmentId);
        Assert.Equal(KioskSubmitStatus.Saved, (await ClinicalArrange.WithAsync<KioskQuestionnaireHandler, KioskSubmitOutcome>(app, h => h.SubmitAsync(link.Code, WithItem9))).Status);
        Guid alertId;
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            alertId = await db.PatientAlerts.Where(a => a.PatientId == patientId).Select(a => a.Id).SingleAsync();
        }

        var pushed = new ConcurrentBag<Guid>();
        var floorEvents = app.Factory.Services.GetRequiredService<FloorEvents>();
        void Listen(Guid id) => pushed.Add(id);
        floorEvents.PatientChanged += Listen;
        try
        {
            var acknowledged = await ClinicalArrange.WithAsync<AcknowledgePatientAlertHandler, Result<PatientAlert>>(
                app, h => h.HandleAsync(nurse, new AcknowledgePatientAlert(patientId, alertId, "Risk assessed with the clinician; safety plan given")));
            Assert.True(acknowledged.IsSuccess, acknowledged.Error?.Message);
        }
        finally
        {
            floorEvents.PatientChanged -= Listen;
        }

        var board = await BoardAsync(nurse, booked.AppointmentId!.Value);
        var onFloor = board.Chairs.SelectMany(c => c.Bookings).Single(b => b.AppointmentId == booked.AppointmentId);
        Assert.Empty(onFloor.ChartAlerts);
        Assert.Contains(patientId, pushed);
    }

    [Fact]
    public async Task A_measure_before_an_infusion_is_linked_to_the_booking_and_its_course_and_shows_in_the_check_in_list()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(10, DayOfWeek.Monday, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        var visit = booked.AppointmentId!.Value;
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        var before = await VisitAsync(nurse, visit);
        var recorded = await RecordAsync(nurse, new RecordOutcomeMeasure(
            patientId, InstrumentCode.Phq9, [1, 1, 1, 1, 1, 1, 1, 1, 0], MeasureContext.PreInfusion, DateTime.UtcNow, AppointmentId: visit));
        var after = await VisitAsync(nurse, visit);

        var asked = Assert.Single(before.Instruments);
        Assert.Equal((MeasureContext.PreInfusion, InstrumentCode.Phq9, true, false), (before.Context!.Value, asked.Instrument, asked.Asked, asked.IsTaken));
        Assert.True(recorded.IsSuccess, recorded.Error?.Message);
        var taken = Assert.Single(Assert.Single(after.Instruments).Taken);
        Assert.Equal((8, "Mild"), (taken.Total, taken.Band));
        await using var db = await app.Factory.CreateDbContextAsync();
        var measure = await db.OutcomeMeasures.AsNoTracking().SingleAsync(m => m.Id == recorded.Value.MeasureId);
        Assert.Equal((courseId, visit, MeasureSource.Staff), (measure.CourseId, measure.AppointmentId, measure.Source));
    }

    [Fact]
    public async Task A_follow_up_measure_is_linked_to_its_appointment_and_the_courses_primary_measures_come_first()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var followUp = await BookAsync(app, stage.Booker, new BookAppointment(patientId, AppointmentType.FollowUp, WeekdayAt(10, DayOfWeek.Thursday, 14), null, null, null, stage.ClinicianId, courseId));
        Assert.True(followUp.Succeeded, followUp.Message);
        var visit = followUp.AppointmentId!.Value;
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        var link = await OpenAsync(app, nurse, patientId, InstrumentCode.Gad7, MeasureContext.FollowUp, appointmentId: visit);
        Assert.Equal(KioskSubmitStatus.Saved, (await ClinicalArrange.WithAsync<KioskQuestionnaireHandler, KioskSubmitOutcome>(app, h => h.SubmitAsync(link.Code, [2, 2, 2, 2, 2, 2, 2]))).Status);
        var list = await VisitAsync(nurse, visit);

        Assert.Equal(MeasureContext.FollowUp, list.Context);
        Assert.Equal([InstrumentCode.Phq9, InstrumentCode.Madrs, InstrumentCode.Gad7], list.Instruments.Select(i => i.Instrument));
        Assert.Equal([true, true, false], list.Instruments.Select(i => i.Asked));
        Assert.False(list.Instruments[1].KioskAllowed);
        var gad7 = Assert.Single(list.Instruments[2].Taken);
        Assert.Equal((MeasureSource.Kiosk, 14, "Moderate"), (gad7.Source, gad7.Total, gad7.Band));
        await using var db = await app.Factory.CreateDbContextAsync();
        var measure = await db.OutcomeMeasures.AsNoTracking().SingleAsync(m => m.Id == gad7.Id);
        Assert.Equal((courseId, visit, MeasureContext.FollowUp), (measure.CourseId, measure.AppointmentId, measure.Context));

        // The follow-up appointment's page has the section (its list loads once the page is interactive).
        var nurseUser = await app.CreateStaffAsync(StaffRoles.Nurse);
        var browser = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(browser, nurseUser.Email!);
        Assert.Contains("data-testid=\"follow-up-measures\"", await GetAsync(browser, $"/appointments/{visit}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_measure_is_never_linked_to_another_patients_visit_or_course_or_the_wrong_kind_of_visit()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var (otherId, otherCourse) = await PatientWithActiveCourseAsync(app, stage);
        var infusion = (await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(10, DayOfWeek.Tuesday, 9)))).AppointmentId!.Value;
        var othersInfusion = (await BookAsync(app, stage.Booker, Infusion(stage, otherId, WeekdayAt(10, DayOfWeek.Tuesday, 13)))).AppointmentId!.Value;
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);
        RecordOutcomeMeasure Measure(MeasureContext context, Guid? course, Guid? visit) =>
            new(patientId, InstrumentCode.Phq9, Calm, context, DateTime.UtcNow, CourseId: course, AppointmentId: visit);

        Assert.Equal(MeasureVisit.VisitNotFound, (await RecordAsync(nurse, Measure(MeasureContext.PreInfusion, null, othersInfusion))).Error);
        Assert.Equal(MeasureVisit.CourseNotFound, (await RecordAsync(nurse, Measure(MeasureContext.FollowUp, otherCourse, null))).Error);
        Assert.Equal(MeasureVisit.FollowUpVisit, (await RecordAsync(nurse, Measure(MeasureContext.FollowUp, null, infusion))).Error);
        Assert.Equal(MeasureVisit.VisitNotFound, (await ClinicalArrange.WithAsync<OpenKioskLinkHandler, Result<OpenedKioskLink>>(
            app, h => h.HandleAsync(nurse, new OpenKioskLink(patientId, InstrumentCode.Phq9, MeasureContext.PreInfusion, null, othersInfusion)))).Error);
        Assert.True((await RecordAsync(nurse, Measure(MeasureContext.PreInfusion, courseId, infusion))).IsSuccess);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Equal(1, await db.OutcomeMeasures.CountAsync(m => m.PatientId == patientId && m.Context != MeasureContext.Baseline));
        Assert.False(await db.KioskLinks.AnyAsync(k => k.PatientId == patientId));
    }

    [Fact]
    public async Task Intake_staff_open_a_link_but_never_read_the_scores()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(10, DayOfWeek.Wednesday, 9)));
        var intake = stage.Booker;

        var link = await OpenAsync(app, intake, patientId, InstrumentCode.Phq9, MeasureContext.PreInfusion, appointmentId: booked.AppointmentId);
        Assert.Equal(KioskSubmitStatus.Saved, (await ClinicalArrange.WithAsync<KioskQuestionnaireHandler, KioskSubmitOutcome>(app, h => h.SubmitAsync(link.Code, WithItem9))).Status);
        var list = await VisitAsync(intake, booked.AppointmentId!.Value);
        var scores = await ClinicalArrange.WithAsync<ListOutcomeMeasuresHandler, Result<PatientOutcomes>>(app, h => h.HandleAsync(intake, new ListOutcomeMeasures(patientId)));
        var alerts = await ClinicalArrange.WithAsync<ListOpenPatientAlertsHandler, Result<IReadOnlyList<PatientAlert>>>(app, h => h.HandleAsync(intake, new ListOpenPatientAlerts(patientId)));

        Assert.False(list.ScoresVisible);
        var taken = Assert.Single(Assert.Single(list.Instruments).Taken);
        Assert.Equal((null, null, null), (taken.Total, taken.Band, taken.RaisedSuicideRiskAlert));
        Assert.Equal(Web.Features.Intake.ClinicalAccess.NotAllowed, scores.Error);
        Assert.Equal(Web.Features.Intake.ClinicalAccess.NotAllowed, alerts.Error);
    }

    [Fact]
    public async Task Opening_and_withdrawing_a_link_are_audited_and_only_the_codes_hash_is_stored()
    {
        var (patientId, _) = await PatientAndNurseAsync();
        var intakeUser = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        var intake = await Identity.IdentityFlows.PrincipalForAsync(app, intakeUser.Id);

        var link = await OpenAsync(app, intake, patientId, InstrumentCode.Pcl5);
        var withdrawn = await ClinicalArrange.WithAsync<WithdrawKioskLinkHandler, Result<Guid>>(app, h => h.HandleAsync(intake, new WithdrawKioskLink(patientId, link.LinkId)));
        var twice = await ClinicalArrange.WithAsync<WithdrawKioskLinkHandler, Result<Guid>>(app, h => h.HandleAsync(intake, new WithdrawKioskLink(patientId, link.LinkId)));
        var open = await ClinicalArrange.WithAsync<ListOpenKioskLinksHandler, Result<IReadOnlyList<OpenKioskLinkRow>>>(app, h => h.HandleAsync(intake, new ListOpenKioskLinks(patientId)));

        Assert.True(withdrawn.IsSuccess, withdrawn.Error?.Message);
        Assert.Equal(KioskLinks.AlreadyClosed, twice.Error);
        Assert.Empty(open.Value);
        await using var db = await app.Factory.CreateDbContextAsync();
        var stored = await db.KioskLinks.AsNoTracking().SingleAsync(k => k.Id == link.LinkId);
        Assert.Equal(KioskCode.Hash(link.Code), stored.CodeHash);
        Assert.NotNull(stored.WithdrawnUtc);
        var rows = await db.AuditEvents.AsNoTracking()
            .Where(e => e.EntityType == nameof(KioskLink) && e.EntityId == link.LinkId.ToString()).OrderBy(e => e.Sequence).ToListAsync();
        Assert.Equal([AuditAction.Create, AuditAction.Update], rows.Select(r => r.Action));
        Assert.All(rows, r => Assert.Equal((intakeUser.Id, patientId.ToString()), (r.UserId, r.PatientId)));
        Assert.Contains("WithdrawnUtc", rows[1].Detail, StringComparison.Ordinal);
        Assert.DoesNotContain(await db.AuditEvents.AsNoTracking().Select(e => e.Detail).ToListAsync(), d => d != null && d.Contains(link.Code, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_kiosk_is_for_patient_questionnaires_after_intake_and_for_staff_who_see_the_patient()
    {
        var (patientId, nurse) = await PatientAndNurseAsync();
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        Task<Result<OpenedKioskLink>> Open(ClaimsPrincipal user, InstrumentCode instrument, MeasureContext context) =>
            ClinicalArrange.WithAsync<OpenKioskLinkHandler, Result<OpenedKioskLink>>(app, h => h.HandleAsync(user, new OpenKioskLink(patientId, instrument, context)));

        Assert.Equal(KioskErrors.ClinicianRated.Message, (await Open(nurse, InstrumentCode.Madrs, MeasureContext.FollowUp)).Error?.Message);
        Assert.Equal(KioskErrors.NotForBaseline.Message, (await Open(nurse, InstrumentCode.Phq9, MeasureContext.Baseline)).Error?.Message);
        Assert.Equal(Web.Features.Intake.ClinicalAccess.NotAllowed, (await Open(admin, InstrumentCode.Phq9, MeasureContext.FollowUp)).Error);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.KioskLinks.AnyAsync(k => k.PatientId == patientId));
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patientId.ToString() && e.Action == AuditAction.Denied && e.EntityType == nameof(KioskLink)));
    }

    private async Task<(Guid PatientId, ClaimsPrincipal Nurse)> PatientAndNurseAsync() =>
        (await ClinicalArrange.PatientDecidedAsync(app), await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse));

    /// <summary>A link opened 31 minutes ago, straight into the table (the tablet's clock is the real one).</summary>
    private async Task<string> ExpiredLinkAsync(Guid patientId)
    {
        var code = KioskCode.New();
        await using var db = await app.Factory.CreateDbContextAsync();
        db.KioskLinks.Add(KioskLink.Open(patientId, InstrumentCode.Phq9, MeasureContext.FollowUp, KioskCode.Hash(code)!, "nurse", "Test Nurse", DateTime.UtcNow.AddMinutes(-31)).Value);
        await db.SaveChangesAsync();
        return code;
    }

    private async Task<T> WithClockAsync<THandler, T>(TimeProvider clock, Func<THandler, Task<T>> call)
        where THandler : class
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await call(ActivatorUtilities.CreateInstance<THandler>(scope.ServiceProvider, clock));
    }

    private Task<Result<RecordedMeasure>> RecordAsync(ClaimsPrincipal user, RecordOutcomeMeasure command) =>
        ClinicalArrange.WithAsync<RecordOutcomeMeasureHandler, Result<RecordedMeasure>>(app, h => h.HandleAsync(user, command));

    private async Task<VisitMeasures> VisitAsync(ClaimsPrincipal user, Guid appointmentId)
    {
        var result = await ClinicalArrange.WithAsync<GetVisitMeasuresHandler, Result<VisitMeasures>>(app, h => h.HandleAsync(user, new GetVisitMeasures(appointmentId)));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    /// <summary>The floor on the booking's day, at its start.</summary>
    private async Task<FloorBoard> BoardAsync(ClaimsPrincipal user, Guid appointmentId)
    {
        DateTime start;
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            start = DateTime.SpecifyKind(await db.Appointments.Where(a => a.Id == appointmentId).Select(a => a.StartUtc).SingleAsync(), DateTimeKind.Utc);
        }

        var loaded = await WithClockAsync<FloorQueryHandler, Result<FloorBoard>>(new FakeTimeProvider(new DateTimeOffset(start)), h => h.LoadAsync(user, new HashSet<Guid>()));
        Assert.True(loaded.IsSuccess, loaded.Error?.Message);
        return loaded.Value;
    }

    private static string Location(HttpResponseMessage response) =>
        response.Headers.Location is { } location ? (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) : "";
}

public sealed class KioskLinkTestsOnSqlite(SqliteApp app) : KioskLinkTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class KioskLinkTestsOnPostgres(PostgresApp app) : KioskLinkTests<PostgresApp>(app), IClassFixture<PostgresApp>;
