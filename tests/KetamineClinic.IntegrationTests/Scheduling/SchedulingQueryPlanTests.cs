using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Calendar;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Scheduling;

/// <summary>
/// The conflict check and the calendar must not slow down as history grows (issue 4, item 7): each overlap query bounds
/// the start time on both sides, so the database reads a range of an index, never the whole history. The benchmark in
/// tests/KetamineClinic.Benchmarks measures the times; these tests check the plans on both databases.
/// </summary>
public abstract class SchedulingQueryPlanTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly DateTime From = new(2026, 12, 2, 14, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task The_conflict_check_reads_a_bounded_range_of_the_start_time_index()
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        var sql = QueryPlans.Inline(SchedulingChecks.Overlapping(db, From, From.AddHours(2)).ToQueryString());

        await AssertRangeScanAsync(db, sql, "IX_Appointments_StartUtc", "StartUtc");
    }

    [Fact]
    public async Task The_patients_minimum_interval_check_reads_a_bounded_range_of_the_patient_index()
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        var sql = QueryPlans.Inline(SchedulingChecks.PatientInfusionsNear(db, Guid.NewGuid(), From, From.AddHours(2), 24).ToQueryString());

        await AssertRangeScanAsync(db, sql, "IX_Appointments_PatientId_StartUtc", "StartUtc");
    }

    [Fact]
    public async Task The_day_calendar_reads_a_bounded_range_of_the_start_time_index()
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        var sql = QueryPlans.Inline(CalendarQuery.Query(db, From, From.AddDays(1), new CalendarFilter()).ToQueryString());

        await AssertRangeScanAsync(db, sql, "IX_Appointments_StartUtc", "StartUtc");
    }

    private async Task AssertRangeScanAsync(ClinicDbContext db, string sql, string index, string column)
    {
        if (app.DatabaseProvider == DatabaseProvider.Sqlite)
        {
            var plan = await QueryPlans.ExplainAsync(db, "EXPLAIN QUERY PLAN " + sql, column: 3);
            Assert.Matches($"SEARCH a USING (COVERING )?INDEX {index} \\((PatientId=\\? AND )?{column}>\\? AND {column}<\\?\\)", plan);
        }
        else
        {
            // A nearly empty test table would be scanned whole whatever its indexes; with scans priced out, the plan
            // shows whether the index can serve both bounds.
            await using var transaction = await db.Database.BeginTransactionAsync();
            await db.Database.ExecuteSqlRawAsync("SET LOCAL enable_seqscan = off");
            var plan = await QueryPlans.ExplainAsync(db, "EXPLAIN " + sql, column: 0);
            // On an empty table the planner may pick either appointment index; any of them must be read as a range.
            Assert.Matches("(Index Scan using|Bitmap Index Scan on) \"?IX_Appointments_(PatientId_)?StartUtc\"?", plan);
            Assert.Matches($"Index Cond: .*\"{column}\" >=? .*\"{column}\" < ", plan);
        }
    }
}

public sealed class SchedulingQueryPlanTestsOnSqlite(SqliteApp app) : SchedulingQueryPlanTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SchedulingQueryPlanTestsOnPostgres(PostgresApp app) : SchedulingQueryPlanTests<PostgresApp>(app), IClassFixture<PostgresApp>;
