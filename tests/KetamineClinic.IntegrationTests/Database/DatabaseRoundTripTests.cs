using KetamineClinic.Domain.Clinic;
using KetamineClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Database;

public abstract class DatabaseRoundTripTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    protected TApp App { get; } = app;

    [Fact]
    public async Task Start_up_applies_every_migration_and_creates_the_settings_row()
    {
        await using var db = await App.Factory.CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        // Exactly one settings row, with a time zone this server knows (other tests in the class may change it).
        var settings = await db.ClinicSettings.SingleAsync();
        Assert.True(ClinicSettings.FindTimeZone(settings.TimeZoneId).IsSuccess);
    }

    [Fact]
    public async Task Data_written_through_one_context_is_read_back_through_another()
    {
        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            var settings = await db.ClinicSettings.SingleAsync();
            settings.Change("Round Trip Clinic ✓ Zürich", "Europe/Zurich");
            await db.SaveChangesAsync();
        }

        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            var settings = await db.ClinicSettings.AsNoTracking().SingleAsync();
            Assert.Equal("Round Trip Clinic ✓ Zürich", settings.Name);
            Assert.Equal("Europe/Zurich", settings.TimeZoneId);
        }
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database()
    {
        var protector = App.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var protectedText = protector.Protect("hello");

        await using var db = await App.Factory.CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.Equal("hello", protector.Unprotect(protectedText));
    }

    [Fact]
    public async Task Concurrent_edits_of_the_settings_are_detected_not_overwritten()
    {
        await using var first = await App.Factory.CreateDbContextAsync();
        await using var second = await App.Factory.CreateDbContextAsync();
        var mine = await first.ClinicSettings.SingleAsync();
        var theirs = await second.ClinicSettings.SingleAsync();

        theirs.Change("Theirs", "Europe/London");
        await second.SaveChangesAsync();
        mine.Change("Mine", "Europe/Paris");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
    }
}

public sealed class DatabaseRoundTripTestsOnSqlite(SqliteApp app) : DatabaseRoundTripTests<SqliteApp>(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Sqlite_database_runs_in_write_ahead_log_mode()
    {
        await using var db = await App.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class DatabaseRoundTripTestsOnPostgres(PostgresApp app) : DatabaseRoundTripTests<PostgresApp>(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Postgres_database_is_really_postgres()
    {
        await using var db = await App.Factory.CreateDbContextAsync();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }
}
