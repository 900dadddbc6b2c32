using System.Data.Common;
using System.Net;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Audit;

public abstract class AuditTrailTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Changing_clinic_settings_in_a_circuit_writes_an_update_row_naming_the_administrator()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        Guid version;
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            version = (await db.ClinicSettings.AsNoTracking().SingleAsync()).Version;
        }

        await using (var scope = await AuditTestSupport.CircuitScopeAsync(app, admin))
        {
            var handler = scope.ServiceProvider.GetRequiredService<UpdateClinicSettingsHandler>();
            var result = await handler.HandleAsync(new UpdateClinicSettings($"Clinic {Guid.NewGuid():N}", "America/New_York", version));
            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        var row = (await AuditTestSupport.AllRowsAsync(app)).Last(e => e.EntityType == "ClinicSettings");
        Assert.Equal(AuditAction.Update, row.Action);
        Assert.Equal("1", row.EntityId);
        Assert.Equal(admin.Id, row.UserId);
        Assert.Equal(admin.Email, row.UserName);
        Assert.Equal(StaffRoles.Administrator, row.Roles);
        Assert.Equal(AuditOutcome.Success, row.Outcome);
        Assert.Contains("Name", row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Clinic ", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_a_staff_account_in_a_request_records_the_request_user_and_address_but_not_the_new_value()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var http = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        var request = new DefaultHttpContext { User = await AuditTestSupport.PrincipalAsync(scope.ServiceProvider, admin) };
        request.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:10.1.2.3");
        http.HttpContext = request;
        try
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            var tracked = await users.FindByIdAsync(nurse.Id);
            tracked!.DisplayName = "Renamed Nurse Quillfeather";
            Assert.True((await users.UpdateAsync(tracked)).Succeeded);
        }
        finally
        {
            http.HttpContext = null;
        }

        var row = (await AuditTestSupport.AllRowsAsync(app)).Last(e => e.EntityType == nameof(StaffUser) && e.EntityId == nurse.Id);
        Assert.Equal(AuditAction.Update, row.Action);
        Assert.Equal(admin.Id, row.UserId);
        Assert.Equal(StaffRoles.Administrator, row.Roles);
        Assert.Equal("10.1.2.3", row.ClientAddress);
        Assert.Contains(nameof(StaffUser.DisplayName), row.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("Quillfeather", row.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_a_staff_account_writes_a_create_row_with_its_id()
    {
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);

        var rows = await AuditTestSupport.AllRowsAsync(app);

        Assert.Contains(rows, e => e.Action == AuditAction.Create && e.EntityType == nameof(StaffUser) && e.EntityId == nurse.Id);
        Assert.Contains(rows, e => e.Action == AuditAction.Create && e.EntityType == "IdentityUserRole" && e.EntityId!.StartsWith(nurse.Id + "|", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Twenty_parallel_writers_append_twenty_rows_to_one_unbroken_chain()
    {
        var marker = "Parallel" + Guid.NewGuid().ToString("N")[..8];
        await Parallel.ForAsync(0, 20, async (i, ct) =>
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
            await trail.RecordAsync(new AuditEntry(DateTime.UtcNow, AuditAction.Export, marker, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        });

        var rows = await AuditTestSupport.AllRowsAsync(app);
        Assert.Equal(20, rows.Count(e => e.EntityType == marker));
        Assert.Equal(Enumerable.Range(1, rows.Count).Select(i => (long)i), rows.Select(e => e.Sequence));
        Assert.True(AuditChain.Verify(rows).IsIntact);
    }

    [Fact]
    public async Task Reading_a_patient_record_is_recorded_with_the_reader_and_the_patient()
    {
        var clinician = await app.CreateStaffAsync(StaffRoles.Clinician);
        var patientId = Guid.NewGuid().ToString();
        await using (var scope = await AuditTestSupport.CircuitScopeAsync(app, clinician))
        {
            var audit = scope.ServiceProvider.GetRequiredService<PatientRecordAudit>();
            await audit.RecordPatientReadAsync(patientId, "Patient", patientId, "chart");
            await audit.RecordDeniedAsync("ReviewsPage", patientId: patientId, what: "signature queue");
        }

        var rows = (await AuditTestSupport.AllRowsAsync(app)).Where(e => e.PatientId == patientId).ToList();
        Assert.Collection(
            rows,
            read =>
            {
                Assert.Equal(AuditAction.Read, read.Action);
                Assert.Equal(clinician.Id, read.UserId);
                Assert.Equal(StaffRoles.Clinician, read.Roles);
                Assert.Equal("chart", read.Detail);
                Assert.Equal(AuditOutcome.Success, read.Outcome);
            },
            denied =>
            {
                Assert.Equal(AuditAction.Denied, denied.Action);
                Assert.Equal(AuditOutcome.Failure, denied.Outcome);
                Assert.Equal(clinician.Id, denied.UserId);
            });
    }

    [Fact]
    public async Task A_change_that_fails_to_save_leaves_no_audit_row_and_does_not_block_the_next_change()
    {
        await using var stale = await app.Factory.CreateDbContextAsync();
        var staleSettings = await stale.ClinicSettings.SingleAsync();
        await using (var other = await app.Factory.CreateDbContextAsync())
        {
            var settings = await other.ClinicSettings.SingleAsync();
            Assert.True(settings.Change("Changed first " + Guid.NewGuid().ToString("N"), settings.TimeZoneId).IsSuccess);
            await other.SaveChangesAsync();
        }

        var before = (await AuditTestSupport.AllRowsAsync(app)).Count;
        Assert.True(staleSettings.Change("Changed second", staleSettings.TimeZoneId).IsSuccess);
        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync());
        Assert.Equal(before, (await AuditTestSupport.AllRowsAsync(app)).Count);

        // The chain lock was released: the next audited change saves at once (the lock would time out after 30 s).
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await app.CreateStaffAsync(StaffRoles.IntakeStaff).WaitAsync(timeout.Token);
        var rows = await AuditTestSupport.AllRowsAsync(app);
        Assert.True(rows.Count > before);
        Assert.True(AuditChain.Verify(rows).IsIntact);
    }

    [Fact]
    public async Task Updating_an_audit_row_through_the_context_is_refused()
    {
        await app.CreateStaffAsync(StaffRoles.Nurse);
        await using var db = await app.Factory.CreateDbContextAsync();
        var row = await db.AuditEvents.OrderBy(e => e.Sequence).FirstAsync();
        db.Entry(row).Property(e => e.PatientId).CurrentValue = "someone-else";

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        Assert.Equal("The audit trail is append-only", error.Message);
    }

    [Fact]
    public async Task Deleting_an_audit_row_through_the_context_is_refused()
    {
        await app.CreateStaffAsync(StaffRoles.Nurse);
        await using var db = await app.Factory.CreateDbContextAsync();
        db.AuditEvents.Remove(await db.AuditEvents.OrderBy(e => e.Sequence).FirstAsync());

        var error = Assert.Throws<InvalidOperationException>(() => db.SaveChanges());

        Assert.Equal("The audit trail is append-only", error.Message);
    }

    [Fact]
    public async Task Updating_or_deleting_audit_rows_with_raw_sql_is_refused_by_the_database()
    {
        await app.CreateStaffAsync(StaffRoles.Nurse);
        await using var db = await app.Factory.CreateDbContextAsync();
        var before = await AuditTestSupport.AllRowsAsync(app);
        var id = before[0].Id;

        var update = await Assert.ThrowsAnyAsync<DbException>(() => AuditTestSupport.RawAsync(db, $"UPDATE \"AuditEvents\" SET \"PatientId\" = 'someone-else' WHERE \"Id\" = {id}"));
        var delete = await Assert.ThrowsAnyAsync<DbException>(() => AuditTestSupport.RawAsync(db, $"DELETE FROM \"AuditEvents\" WHERE \"Id\" = {id}"));
        await Assert.ThrowsAnyAsync<DbException>(() => db.AuditEvents.ExecuteDeleteAsync());

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var after = await AuditTestSupport.AllRowsAsync(app);
        Assert.Equal(before.Select(e => (e.Id, e.Hash, e.PatientId)), after.Take(before.Count).Select(e => (e.Id, e.Hash, e.PatientId)));
    }
}

public sealed class AuditTrailTestsOnSqlite(SqliteApp app) : AuditTrailTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditTrailTestsOnPostgres(PostgresApp app) : AuditTrailTests<PostgresApp>(app), IClassFixture<PostgresApp>;
