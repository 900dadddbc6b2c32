using System.Net;
using System.Security.Claims;
using System.Text;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Reports;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Floor;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Reports;

/// <summary>
/// The clinic reports through the real stack on a real database: a past week of bookings and sessions (given,
/// no-show, late and early cancellations, one entered in error after it was given) and what each table says about it;
/// the CSV files against the page's tables; who may see them; and how the range bounds what is read.
/// </summary>
public abstract class ClinicReportsTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private ReportArrange Arrange => new(app);

    private async Task<ClinicReport> ReportAsync(ClaimsPrincipal user, DateOnly from, DateOnly to)
    {
        var report = await ReportResultAsync(user, from, to);
        Assert.True(report.IsSuccess, report.Error?.Message);
        return report.Value;
    }

    private Task<Result<ClinicReport>> ReportResultAsync(ClaimsPrincipal user, DateOnly? from, DateOnly? to) =>
        ClinicalArrange.WithAsync<GetClinicReportHandler, Result<ClinicReport>>(app, h => h.HandleAsync(user, new GetClinicReport(from, to)));

    private static IReadOnlyList<string> Row(ClinicReport report, string table, string first) =>
        report.Tables.Single(t => t.Key == table).Rows.Single(r => r[0] == first);

    [Fact]
    public async Task Each_table_counts_the_week_and_cancelled_or_entered_in_error_bookings_never_count()
    {
        var week = await Arrange.WeekAsync(20);
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);

        var report = await ReportAsync(clinician, week.Monday, week.Sunday);

        // Three infusions given: the one entered in error after it was given is not among them.
        Assert.Equal([week.Label, "3"], Row(report, ReportTables.InfusionsPerWeek, week.Label));
        Assert.Equal(["Total", "3"], Row(report, ReportTables.InfusionsPerWeek, "Total"));

        // Five bookings due that count (three infusions, the no-show, the consultation), one a no-show; seven not entered
        // in error (adding the two cancellations), one cancelled late.
        Assert.Equal([week.Label, "5", "1", "20.0", "7", "1", "14.3"], Row(report, ReportTables.Attendance, week.Label));

        // The test's chair was open Monday to Friday 08:00–18:00 (50 hours) and attended for three infusions.
        var attended = 3 * week.ChairMinutes;
        Assert.Equal(
            [week.ChairName, "50.0", ReportFormat.Hours(attended), new Rate(attended, 5 * 600).PercentText],
            Row(report, ReportTables.UtilisationByChair, week.ChairName));
        var byWeek = Row(report, ReportTables.UtilisationByWeek, week.Label);
        Assert.Equal(ReportFormat.Hours(int.Parse(byWeek[1], System.Globalization.CultureInfo.InvariantCulture) * 5 * 600), byWeek[2]);
        Assert.Equal(ReportFormat.Hours(attended), byWeek[3]);

        Assert.Equal(["Treatment-resistant depression", "2", "1", "1"], Row(report, ReportTables.Courses, "Treatment-resistant depression"));

        // Both courses ended in the week: the first judged (PHQ-9 15 → 6, a response, no remission), the second without a score.
        Assert.Equal(["Treatment-resistant depression", "2", "1", "1", "100.0", "0", "0.0", "0", "1"],
            Row(report, ReportTables.Outcomes, "Treatment-resistant depression"));
        Assert.Equal(["PTSD", "0", "0", "0", "—", "0", "—", "0", "0"], Row(report, ReportTables.Outcomes, "PTSD"));

        var sideEffects = report.Tables.Single(t => t.Key == ReportTables.SideEffects);
        Assert.Equal(["Dissociation", "Nausea or vomiting", "Any side effect"], sideEffects.Rows.Select(r => r[0]));
        Assert.Equal(["Nausea or vomiting", "1", "33.3", "0", "0.0", "0", "0.0", "1", "33.3"], sideEffects.Rows[1]);
        Assert.Equal(["Any side effect", "1", "33.3", "1", "33.3", "0", "0.0", "2", "66.7"], sideEffects.Rows[2]);

        // Checked in at the start, infusion from +5 minutes, discharged at +105.
        Assert.Equal([week.Label, "3", "105", "100"], Row(report, ReportTables.TimeInChair, week.Label));
        Assert.False(report.IsEmpty);
    }

    [Fact]
    public async Task Each_table_s_csv_file_matches_the_page_table_cell_for_cell()
    {
        var week = await Arrange.WeekAsync(30);
        await using (var db = await ClinicalArrange.DbAsync(app))
        {
            db.Chairs.Add(Chair.Create($"=HYPERLINK(\"x\") {Guid.NewGuid():N}"[..40], 50).Value);
            await db.SaveChangesAsync();
        }

        var clinicianUser = await app.CreateStaffAsync(StaffRoles.Clinician);
        var clinician = await Identity.IdentityFlows.PrincipalForAsync(app, clinicianUser.Id);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, clinicianUser.Email!);
        var report = await ReportAsync(clinician, week.Monday, week.Sunday);

        foreach (var table in report.Tables)
        {
            var response = await client.GetAsync(new Uri($"/reports/{table.Key}.csv?from={ReportFormat.Date(week.Monday)}&to={ReportFormat.Date(week.Sunday)}", UriKind.Relative));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("utf-8", response.Content.Headers.ContentType?.CharSet);
            Assert.Equal($"{table.Key}_{ReportFormat.Date(week.Monday)}_{ReportFormat.Date(week.Sunday)}.csv", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
            var rows = Csv.Parse(Encoding.UTF8.GetString(bytes[3..]));
            Assert.Equal(table.Columns, rows[0]);
            Assert.Equal(table.Rows.Count, rows.Count - 1);
            for (var r = 0; r < table.Rows.Count; r++)
            {
                Assert.Equal(table.Rows[r].Select(ReportCsv.Protect), rows[r + 1]);
            }
        }

        // A chair whose name a spreadsheet would run as a formula is written with an apostrophe in front.
        var byChair = await client.GetStringAsync(new Uri($"/reports/{ReportTables.UtilisationByChair}.csv?from={ReportFormat.Date(week.Monday)}&to={ReportFormat.Date(week.Sunday)}", UriKind.Relative));
        Assert.Contains("\n\"'=HYPERLINK(\"\"x\"\")", byChair, StringComparison.Ordinal);
        Assert.DoesNotContain("\n=", byChair, StringComparison.Ordinal);

        // Each download is in the audit trail as an export, without patient.
        await using var audit = await ClinicalArrange.DbAsync(app);
        var exports = await audit.AuditEvents.AsNoTracking().Where(e => e.Action == AuditAction.Export && e.UserId == clinicianUser.Id).ToListAsync();
        Assert.Equal(report.Tables.Count + 1, exports.Count);
        Assert.All(exports, e => Assert.Null(e.PatientId));
    }

    [Theory]
    [InlineData(StaffRoles.Nurse)]
    [InlineData(StaffRoles.IntakeStaff)]
    public async Task Nurses_and_intake_staff_are_refused_the_reports_and_their_csv_files(string role)
    {
        var user = await app.CreateStaffAsync(role);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, user.Email!);

        foreach (var path in new[] { "/reports", $"/reports/{ReportTables.InfusionsPerWeek}.csv", $"/reports/{ReportTables.Outcomes}.csv?from=2025-01-06&to=2025-01-12" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            var refused = response.StatusCode == HttpStatusCode.Forbidden
                || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal));
            Assert.True(refused, $"{role} got {(int)response.StatusCode} {response.Headers.Location} for {path}");
        }

        // The handler checks the policy too, and the refusal is audited.
        var principal = await Identity.IdentityFlows.PrincipalForAsync(app, user.Id);
        var result = await ReportResultAsync(principal, null, null);
        Assert.Equal(AccessErrors.NotAllowed, result.Error);
        await using var db = await ClinicalArrange.DbAsync(app);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditAction.Denied && e.UserId == user.Id && e.EntityType == "ClinicReport"));
    }

    [Fact]
    public async Task Administrators_may_download_a_report()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, admin.Email!);

        var page = await client.GetAsync(new Uri("/reports", UriKind.Relative));
        var csv = await client.GetAsync(new Uri($"/reports/{ReportTables.Courses}.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.StartsWith("Indication,Started,Completed,Discontinued\r\n", Encoding.UTF8.GetString((await csv.Content.ReadAsByteArrayAsync())[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_range_bounds_the_rows_in_a_fixed_number_of_queries()
    {
        var week = await Arrange.WeekAsync(40);
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);

        var before = await ReportAsync(clinician, week.Monday.AddDays(-7), week.Monday.AddDays(-1));
        var monday = await ReportAsync(clinician, week.Monday, week.Monday);
        var tuesday = await ReportAsync(clinician, week.Monday.AddDays(1), week.Monday.AddDays(1));

        Assert.True(before.IsEmpty);
        Assert.Equal(0, before.InfusionsGiven);
        Assert.Equal(2, monday.InfusionsGiven);
        Assert.Equal(["Total", "2", "0", "0.0", "2", "0", "0.0"], monday.Tables.Single(t => t.Key == ReportTables.Attendance).Rows[^1]);
        // Tuesday: the consultation attended, the infusion cancelled two hours before.
        Assert.Equal(0, tuesday.InfusionsGiven);
        Assert.Equal(["Total", "1", "0", "0.0", "2", "1", "50.0"], tuesday.Tables.Single(t => t.Key == ReportTables.Attendance).Rows[^1]);

        using var oneDay = new CommandCounter();
        await oneDay.CountAsync(() => ReportAsync(clinician, week.Monday, week.Monday));
        using var fourWeeks = new CommandCounter();
        await fourWeeks.CountAsync(() => ReportAsync(clinician, week.Monday.AddDays(-14), week.Sunday.AddDays(7)));
        Assert.Equal(oneDay.Commands, fourWeeks.Commands);
        Assert.InRange(fourWeeks.Commands, 1, 12); // the settings, the nine reads, and the authorization's own
    }

    [Fact]
    public async Task A_start_after_the_end_or_a_malformed_date_is_a_clear_message()
    {
        var clinicianUser = await app.CreateStaffAsync(StaffRoles.Clinician);
        var clinician = await Identity.IdentityFlows.PrincipalForAsync(app, clinicianUser.Id);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, clinicianUser.Email!);

        var reversed = await ReportResultAsync(clinician, new DateOnly(2025, 3, 10), new DateOnly(2025, 3, 9));
        var csv = await client.GetAsync(new Uri($"/reports/{ReportTables.Courses}.csv?from=2025-03-10&to=2025-03-09", UriKind.Relative));
        var malformed = await client.GetAsync(new Uri($"/reports/{ReportTables.Courses}.csv?from=10/03/2025", UriKind.Relative));
        var unknown = await client.GetAsync(new Uri("/reports/patients.csv", UriKind.Relative));

        Assert.Equal("The start date must be on or before the end date.", reversed.Error?.Message);
        Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        Assert.Contains("The start date must be on or before the end date.", await csv.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("yyyy-mm-dd", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    /// <summary>RFC 4180 parsing, as a spreadsheet program reads the file.</summary>
    private static class Csv
    {
        public static List<List<string>> Parse(string text)
        {
            var rows = new List<List<string>>();
            var row = new List<string>();
            var cell = new StringBuilder();
            var quoted = false;
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (quoted)
                {
                    if (c != '"')
                    {
                        cell.Append(c);
                    }
                    else if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        cell.Append('"');
                        i++;
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else if (c == '"')
                {
                    quoted = true;
                }
                else if (c == ',')
                {
                    row.Add(cell.ToString());
                    cell.Clear();
                }
                else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    row.Add(cell.ToString());
                    rows.Add(row);
                    (row, cell) = ([], new StringBuilder());
                    i++;
                }
                else
                {
                    cell.Append(c);
                }
            }

            Assert.True(row.Count == 0 && cell.Length == 0, "the file ends with a line break");
            return rows;
        }
    }
}

public sealed class ClinicReportsTestsOnSqlite(SqliteApp app) : ClinicReportsTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ClinicReportsTestsOnPostgres(PostgresApp app) : ClinicReportsTests<PostgresApp>(app), IClassFixture<PostgresApp>;
