using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Audit;

/// <summary>Its own database: the test drops the append-only trigger, as an attacker with database access could.</summary>
public abstract class AuditTamperTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Verification_reports_the_row_an_attacker_edited_behind_the_trigger()
    {
        for (var i = 0; i < 4; i++)
        {
            await app.CreateStaffAsync(StaffRoles.Nurse);
        }

        await using var scope = app.Factory.Services.CreateAsyncScope();
        var verify = scope.ServiceProvider.GetRequiredService<VerifyAuditChainHandler>();
        var intact = await verify.HandleAsync(batchSize: 3);
        Assert.True(intact.IsIntact, intact.Message);
        Assert.True(intact.RowsChecked >= 8);

        var rows = await AuditTestSupport.AllRowsAsync(app);
        var victim = rows[rows.Count / 2];
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            await (db.Database.IsSqlite()
                ? AuditTestSupport.RawAsync(db, $"DROP TRIGGER \"AuditEvents_NoUpdate\"")
                : AuditTestSupport.RawAsync(db, $"DROP TRIGGER \"AuditEvents_NoUpdateOrDelete\" ON \"AuditEvents\""));
            Assert.Equal(1, await AuditTestSupport.RawAsync(db, $"UPDATE \"AuditEvents\" SET \"PatientId\" = 'someone-else' WHERE \"Id\" = {victim.Id}"));
        }

        var progress = new List<AuditChainProgress>();
        var report = await verify.HandleAsync(new SynchronousProgress(progress), batchSize: 3);

        Assert.False(report.IsIntact);
        Assert.Equal(victim.Id, report.FirstBrokenId);
        Assert.Equal(victim.Sequence, report.FirstBrokenSequence);
        Assert.Equal(victim.Sequence - 1, report.RowsChecked);
        Assert.Contains("changed", report.Message, StringComparison.Ordinal);
        Assert.All(progress, p => Assert.Equal(rows.Count, p.TotalRows));
    }

    private sealed class SynchronousProgress(List<AuditChainProgress> seen) : IProgress<AuditChainProgress>
    {
        public void Report(AuditChainProgress value) => seen.Add(value);
    }
}

public sealed class AuditTamperTestsOnSqlite(SqliteApp app) : AuditTamperTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditTamperTestsOnPostgres(PostgresApp app) : AuditTamperTests<PostgresApp>(app), IClassFixture<PostgresApp>;
