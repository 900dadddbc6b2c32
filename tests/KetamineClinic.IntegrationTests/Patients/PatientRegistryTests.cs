using System.Net;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Patients.PatientTestSupport;

namespace KetamineClinic.IntegrationTests.Patients;

/// <summary>The registry handlers and pages on a real database: search, registration (record numbers, duplicates,
/// bad input), role visibility on the chart and the audit of every opening.</summary>
public abstract class PatientRegistryTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly DateOnly Birth = new(1984, 3, 9);

    [Fact]
    public async Task Registry_finds_a_patient_by_name_prefix_in_either_order_ignoring_case_and_accents()
    {
        var staff = await StaffAsync(app, StaffRoles.IntakeStaff);
        var family = UniqueFamily("Obrien");
        var registered = await RegisterAsync(app, staff, Form(family, "Zoë", Birth));
        await RegisterAsync(app, staff, Form(UniqueFamily("Other"), "Zoë", Birth));

        var byFamily = await SearchAsync(app, staff, new SearchPatients(family[..9].ToLowerInvariant()));
        var byFamilyAndGiven = await SearchAsync(app, staff, new SearchPatients($"{family}, zoe"));
        var byGivenFirst = await SearchAsync(app, staff, new SearchPatients($"zoe {family[..9]}"));

        Assert.Equal(PatientSearchKind.Name, byFamily.Value.Kind);
        Assert.Equal([registered.Id], byFamily.Value.Rows.Select(r => r.Id));
        Assert.Equal([registered.Id], byFamilyAndGiven.Value.Rows.Select(r => r.Id));
        Assert.Equal([registered.Id], byGivenFirst.Value.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Registry_finds_a_patient_by_record_number_date_of_birth_and_phone()
    {
        var staff = await StaffAsync(app, StaffRoles.Clinician);
        var birth = new DateOnly(1931, 1, 1).AddDays(Random.Shared.Next(0, 20_000));
        var phone = $"(617) 555-{Random.Shared.Next(1000, 9999)}";
        var registered = await RegisterAsync(app, staff, Form(UniqueFamily(), "Ada", birth, phone));

        var byMrn = await SearchAsync(app, staff, new SearchPatients(registered.Mrn.ToLowerInvariant()));
        var byIsoDate = await SearchAsync(app, staff, new SearchPatients(birth.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        var byUsDate = await SearchAsync(app, staff, new SearchPatients(birth.ToString("MM/dd/yyyy", System.Globalization.CultureInfo.InvariantCulture)));
        var byPhone = await SearchAsync(app, staff, new SearchPatients(PatientSearch.Digits(phone)));

        Assert.Equal(PatientSearchKind.RecordNumber, byMrn.Value.Kind);
        Assert.Equal([registered.Id], byMrn.Value.Rows.Select(r => r.Id));
        Assert.Equal(PatientSearchKind.DateOfBirth, byIsoDate.Value.Kind);
        Assert.Contains(registered.Id, byIsoDate.Value.Rows.Select(r => r.Id));
        Assert.All(byIsoDate.Value.Rows, r => Assert.Equal(birth, r.DateOfBirth));
        Assert.Contains(registered.Id, byUsDate.Value.Rows.Select(r => r.Id));
        Assert.Equal(PatientSearchKind.Phone, byPhone.Value.Kind);
        Assert.Contains(registered.Id, byPhone.Value.Rows.Select(r => r.Id));
    }

    [Fact]
    public async Task Archived_patient_is_hidden_from_the_registry_unless_asked_for()
    {
        var staff = await StaffAsync(app, StaffRoles.IntakeStaff);
        var family = UniqueFamily();
        var registered = await RegisterAsync(app, staff, Form(family, "Ada", Birth));
        var chart = await WithAsync<GetPatientChartHandler, Result<PatientChart>>(app, h => h.HandleAsync(staff, new GetPatientChart(registered.Id)));
        var archived = await WithAsync<ArchivePatientHandler, Result<Patient>>(app, h => h.HandleAsync(staff, new ArchivePatient(registered.Id, chart.Value.Version, "Moved away")));
        Assert.True(archived.IsSuccess, archived.Error?.Message);

        var hidden = await SearchAsync(app, staff, new SearchPatients(family));
        var shown = await SearchAsync(app, staff, new SearchPatients(family, IncludeArchived: true));

        Assert.Empty(hidden.Value.Rows);
        Assert.True(Assert.Single(shown.Value.Rows).IsArchived);
    }

    [Fact]
    public async Task Duplicate_name_and_birth_date_is_refused_without_confirmation_and_shows_the_match()
    {
        var staff = await StaffAsync(app, StaffRoles.IntakeStaff);
        var family = UniqueFamily("Mueller");
        var first = await RegisterAsync(app, staff, Form(family, "Jürgen", Birth));
        var again = Form(family.ToUpperInvariant(), "Jurgen", Birth);

        var matches = await WithAsync<RegisterPatientHandler, Result<IReadOnlyList<PossibleDuplicate>>>(app, h => h.FindPossibleDuplicatesAsync(staff, again));
        var refused = await WithAsync<RegisterPatientHandler, Result<RegisteredPatient>>(app, h => h.HandleAsync(staff, new RegisterPatient(again)));
        var confirmed = await WithAsync<RegisterPatientHandler, Result<RegisteredPatient>>(app, h => h.HandleAsync(staff, new RegisterPatient(again, ConfirmedNotDuplicate: true)));

        var match = Assert.Single(matches.Value);
        Assert.Equal(first.Id, match.Id);
        Assert.Equal(first.Mrn, match.Mrn);
        Assert.Equal(RegistrationErrors.PossibleDuplicateCode, refused.Error?.Code);
        Assert.Contains(first.Mrn, refused.Error!.Message, StringComparison.Ordinal);
        Assert.True(confirmed.IsSuccess, confirmed.Error?.Message);
        Assert.NotEqual(first.Mrn, confirmed.Value.Mrn);
    }

    [Fact]
    public async Task Ten_parallel_registrations_get_ten_different_record_numbers()
    {
        var staff = await StaffAsync(app, StaffRoles.IntakeStaff);
        var family = UniqueFamily("Parallel");

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            WithAsync<RegisterPatientHandler, Result<RegisteredPatient>>(app, h => h.HandleAsync(staff, new RegisterPatient(Form(family, $"Given{(char)('a' + i)}", Birth)))))));

        Assert.All(results, r => Assert.True(r.IsSuccess, r.Error?.Message));
        Assert.Equal(10, results.Select(r => r.Value.Mrn).Distinct(StringComparer.Ordinal).Count());
        await using var db = await app.Factory.CreateDbContextAsync();
        var stored = await db.Patients.Where(p => p.FamilyName == family).Select(p => p.Mrn).ToListAsync();
        Assert.Equal(results.Select(r => r.Value.Mrn).Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Date_of_birth_in_the_future_is_refused_with_the_reason()
    {
        var staff = await StaffAsync(app, StaffRoles.IntakeStaff);
        var form = Form(UniqueFamily(), "Ada", DateOnly.FromDateTime(DateTime.UtcNow).AddDays(2));

        var result = await WithAsync<RegisterPatientHandler, Result<RegisteredPatient>>(app, h => h.HandleAsync(staff, new RegisterPatient(form)));

        Assert.Equal("The date of birth cannot be in the future.", result.Error?.Message);
        Assert.Equal("Ada", form.GivenName); // what was typed is untouched
    }

    [Fact]
    public async Task Weight_of_400_kg_is_refused_with_the_reason_at_registration_and_on_the_chart()
    {
        var staff = await StaffAsync(app, StaffRoles.Nurse);
        var clinician = await StaffAsync(app, StaffRoles.Clinician);
        var form = Form(UniqueFamily(), "Ada", Birth);
        form.FirstWeightKg = 400m;
        form.FirstWeightMeasuredOn = DateTime.UtcNow.Date;

        var atRegistration = await WithAsync<RegisterPatientHandler, Result<RegisteredPatient>>(app, h => h.HandleAsync(clinician, new RegisterPatient(form)));
        form.FirstWeightKg = null;
        form.FirstWeightMeasuredOn = null;
        var registered = await RegisterAsync(app, clinician, form);
        var onChart = await WithAsync<RecordWeightHandler, Result<WeightMeasurement>>(app, h => h.HandleAsync(staff, new RecordWeight(registered.Id, 400m, DateTime.UtcNow.Date)));
        var accepted = await WithAsync<RecordWeightHandler, Result<WeightMeasurement>>(app, h => h.HandleAsync(staff, new RecordWeight(registered.Id, 72.4m, DateTime.UtcNow.Date)));

        Assert.Contains("400 kg is outside 25–350 kg", atRegistration.Error?.Message, StringComparison.Ordinal);
        Assert.Contains("400 kg is outside 25–350 kg", onChart.Error?.Message, StringComparison.Ordinal);
        Assert.True(accepted.IsSuccess, accepted.Error?.Message);
    }

    [Fact]
    public async Task Nurse_cannot_register_a_patient_by_handler_or_page()
    {
        var nurseUser = await app.CreateStaffAsync(StaffRoles.Nurse);
        var nurse = await Identity.IdentityFlows.PrincipalForAsync(app, nurseUser.Id);
        var family = UniqueFamily();

        var result = await WithAsync<RegisterPatientHandler, Result<RegisteredPatient>>(app, h => h.HandleAsync(nurse, new RegisterPatient(Form(family, "Ada", Birth))));
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, nurseUser.Email!);
        var page = await client.GetAsync(new Uri("/patients/new", UriKind.Relative));

        Assert.Equal(PatientAccessErrors.NotAllowed, result.Error);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/Account/AccessDenied", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.Patients.AnyAsync(p => p.FamilyName == family));
    }

    [Fact]
    public async Task Intake_staff_see_demographics_but_no_clinical_tabs_or_alerts_on_the_chart()
    {
        var intakeUser = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        var clinicianUser = await app.CreateStaffAsync(StaffRoles.Clinician);
        var intake = await Identity.IdentityFlows.PrincipalForAsync(app, intakeUser.Id);
        var family = UniqueFamily("Visible");
        var registered = await RegisterAsync(app, intake, Form(family, "Ada", Birth, "617 555 0101"));
        const string alertText = "PHQ-9 item 9 answered 2: assess suicide risk today";
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            db.PatientAlerts.Add(PatientAlert.Raise(registered.Id, "phq9.item9", alertText, null, DateTime.UtcNow));
            await db.SaveChangesAsync();
        }

        var intakeChart = await WithAsync<GetPatientChartHandler, Result<PatientChart>>(app, h => h.HandleAsync(intake, new GetPatientChart(registered.Id)));
        var intakeHtml = await ChartHtmlAsync(intakeUser.Email!, registered.Id);
        var clinicianHtml = await ChartHtmlAsync(clinicianUser.Email!, registered.Id);

        Assert.False(intakeChart.Value.ClinicalVisible);
        Assert.Empty(intakeChart.Value.OpenAlerts);
        Assert.Contains(family, intakeHtml, StringComparison.Ordinal);
        Assert.Contains(registered.Mrn, intakeHtml, StringComparison.Ordinal);
        Assert.Contains("617 555 0101", intakeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(alertText, intakeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">Intake<", intakeHtml, StringComparison.Ordinal);
        // The Outcomes tab is there for its kiosk links; its scores stay behind ViewClinical (tested in KioskLinkTests).
        Assert.Contains(">Outcomes<", intakeHtml, StringComparison.Ordinal);
        Assert.DoesNotContain(">History<", intakeHtml, StringComparison.Ordinal);
        Assert.Contains(alertText, clinicianHtml, StringComparison.Ordinal);
        Assert.Contains(">Intake<", clinicianHtml, StringComparison.Ordinal);
        Assert.Contains(">Outcomes<", clinicianHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_chart_writes_an_audit_read_event_for_that_patient()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);
        var staff = await Identity.IdentityFlows.PrincipalForAsync(app, user.Id);
        var registered = await RegisterAsync(app, staff, Form(UniqueFamily(), "Ada", Birth));

        await ChartHtmlAsync(user.Email!, registered.Id);

        await using var db = await app.Factory.CreateDbContextAsync();
        var patientId = registered.Id.ToString();
        var reads = await db.AuditEvents.Where(e => e.PatientId == patientId && e.Action == AuditAction.Read).ToListAsync();
        var read = Assert.Single(reads);
        Assert.Equal(user.Id, read.UserId);
        Assert.Equal(nameof(Patient), read.EntityType);
        Assert.Equal(AuditOutcome.Success, read.Outcome);
    }

    [Fact]
    public async Task A_chart_link_to_no_patient_says_so()
    {
        var user = await app.CreateStaffAsync(StaffRoles.Clinician);

        var html = await ChartHtmlAsync(user.Email!, Guid.NewGuid());

        Assert.Contains("There is no patient with this link", html, StringComparison.Ordinal);
    }

    private async Task<string> ChartHtmlAsync(string email, Guid patientId)
    {
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, email);
        var response = await client.GetAsync(new Uri($"/patients/{patientId}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class PatientRegistryTestsOnSqlite(SqliteApp app) : PatientRegistryTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PatientRegistryTestsOnPostgres(PostgresApp app) : PatientRegistryTests<PostgresApp>(app), IClassFixture<PostgresApp>;
