using KetamineClinic.Domain.Reports;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Reports;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Reports;

/// <summary>The reports read the range's bookings, and the infusions started in it, as a bounded range of the booking
/// start-time index, so a report costs the same whatever the size of the history.</summary>
public abstract class ReportQueryPlanTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly ReportRange Range = ReportRange.LastCompleteWeeks(new DateOnly(2026, 4, 15), ReportArrange.Zone);

    [Fact]
    public async Task The_bookings_of_a_report_are_a_range_of_the_start_time_index()
    {
        await using var db = await app.Factory.CreateDbContextAsync();

        await AssertStartTimeRangeAsync(db, QueryPlans.Inline(ClinicReportQueries.Bookings(db, Range).ToQueryString()));
    }

    [Fact]
    public async Task The_infusions_started_in_a_report_s_range_are_found_from_a_range_of_the_start_time_index()
    {
        await using var db = await app.Factory.CreateDbContextAsync();

        await AssertStartTimeRangeAsync(db, QueryPlans.Inline(ClinicReportQueries.Started(db, Range).Select(x => x.Start.Id).ToQueryString()));
    }

    private async Task AssertStartTimeRangeAsync(ClinicDbContext db, string sql)
    {
        if (app.DatabaseProvider == DatabaseProvider.Sqlite)
        {
            var plan = await QueryPlans.ExplainAsync(db, "EXPLAIN QUERY PLAN " + sql, column: 3);
            Assert.Matches("SEARCH a USING (COVERING )?INDEX IX_Appointments_StartUtc \\(StartUtc>\\? AND StartUtc<\\?\\)", plan);
            Assert.DoesNotMatch("SCAN [a-z]", plan);
        }
        else
        {
            // A nearly empty test table would be scanned whole whatever its indexes; with scans priced out, the plan
            // shows whether the index can serve both bounds.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
            var plan = await QueryPlans.ExplainAsync(db, "EXPLAIN " + sql, column: 0);
            Assert.Matches("(Index Scan using|Bitmap Index Scan on|Index Only Scan using) \"?IX_Appointments_StartUtc\"?", plan);
            Assert.Matches("Index Cond: .*\"StartUtc\" >=? .*\"StartUtc\" < ", plan);
        }
    }
}

public sealed class ReportQueryPlanTestsOnSqlite(SqliteApp app) : ReportQueryPlanTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ReportQueryPlanTestsOnPostgres(PostgresApp app) : ReportQueryPlanTests<PostgresApp>(app), IClassFixture<PostgresApp>;
