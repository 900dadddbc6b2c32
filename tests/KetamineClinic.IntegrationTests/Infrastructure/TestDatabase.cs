using KetamineClinic.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace KetamineClinic.IntegrationTests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test class: a SQLite file in a temporary folder, or a new database on the
/// PostgreSQL server that tests/run.sh starts (KC_PG_CONNECTION). Without that server the PostgreSQL tests fail with
/// a message saying so; they are never silently skipped.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresEnvironmentVariable = "KC_PG_CONNECTION";

    private TestDatabase(DatabaseProvider provider, string connectionString, string folder, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        Folder = folder;
        PostgresName = postgresName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A temporary folder for this database's files and the app's logs.</summary>
    public string Folder { get; }

    private string? PostgresName { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        var folder = Path.Combine(Path.GetTempPath(), "kc-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "clinic.db"), DefaultTimeout = 30 }.ToString();
                return new TestDatabase(provider, sqlite, folder, null);
            case DatabaseProvider.Postgres:
                var admin = ServerConnectionString();
                var name = "kc_test_" + Guid.NewGuid().ToString("N")[..16];
                await using (var connection = new NpgsqlConnection(admin))
                {
                    await connection.OpenAsync();
                    await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                    await create.ExecuteNonQueryAsync();
                }

                var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
                return new TestDatabase(provider, builder.ToString(), folder, name);
            default:
                throw new NotSupportedException($"{provider} cannot run on this machine; SQL Server is tested through its migration script.");
        }
    }

    public static string ServerConnectionString() =>
        Environment.GetEnvironmentVariable(PostgresEnvironmentVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server: set {PostgresEnvironmentVariable} (bash tests/run.sh starts one and sets it).");

    public async ValueTask DisposeAsync()
    {
        SqliteConnection.ClearAllPools();
        if (PostgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(ServerConnectionString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{PostgresName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }

        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A log file still held open by the host being torn down; the temp folder is cleaned by the OS.
        }
    }
}
