using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;

namespace KetamineClinic.IntegrationTests.Database;

/// <summary>Every provider's migrations match the model, and SQL Server's script is valid T-SQL (no SQL Server can
/// run on these machines, so its script is parsed instead of applied).</summary>
public sealed class MigrationTests
{
    private static ClinicDbContext ContextFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new ClinicDbContext(ClinicDatabase.CreateOptions(provider, "Data Source=:memory:")),
        DatabaseProvider.SqlServer => new ClinicDbContext(ClinicDatabase.CreateOptions(provider, "Server=localhost;Database=kc;Trusted_Connection=True;TrustServerCertificate=True")),
        DatabaseProvider.Postgres => new ClinicDbContext(ClinicDatabase.CreateOptions(provider, "Host=localhost;Database=kc;Username=postgres")),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.Postgres)]
    public void Every_provider_has_migrations_for_every_model_change(DatabaseProvider provider)
    {
        using var db = ContextFor(provider);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(
            db.Database.HasPendingModelChanges(),
            $"The model has changes with no {provider} migration. Add one with: dotnet ef migrations add <Name> --project src/{ClinicDatabase.MigrationsAssembly(provider)} --startup-project src/{ClinicDatabase.MigrationsAssembly(provider)} --output-dir Migrations");
    }

    [Fact]
    public void Every_provider_has_the_same_migrations_by_name()
    {
        static IEnumerable<string> Names(DatabaseProvider p)
        {
            using var db = ContextFor(p);
            return db.Database.GetMigrations().Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]).ToList();
        }

        var sqlite = Names(DatabaseProvider.Sqlite);
        Assert.Equal(sqlite, Names(DatabaseProvider.SqlServer));
        Assert.Equal(sqlite, Names(DatabaseProvider.Postgres));
    }

    [Fact]
    public void SqlServer_idempotent_migration_script_parses_as_TSql_without_errors()
    {
        using var db = ContextFor(DatabaseProvider.SqlServer);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);
        Assert.Contains("CREATE TABLE [AspNetUsers]", script, StringComparison.Ordinal);
        Assert.Contains("CREATE TABLE [AuditEvents]", script, StringComparison.Ordinal);

        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        using var reader = new StringReader(script);
        var fragment = parser.Parse(reader, out var errors);

        Assert.True(errors.Count == 0, string.Join(Environment.NewLine, errors.Select(e => $"line {e.Line}: {e.Message}")));
        var statements = ((TSqlScript)fragment).Batches.SelectMany(b => b.Statements).ToList();
        // Idempotent: every migration's statements are guarded by a check of the migrations history table.
        var guarded = statements.OfType<IfStatement>().Count();
        Assert.True(guarded >= 2, $"Expected IF-guarded migration steps, found {guarded} of {statements.Count} statements.");
    }
}
