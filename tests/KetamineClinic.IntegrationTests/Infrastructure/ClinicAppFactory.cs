using KetamineClinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Infrastructure;

/// <summary>
/// The real web stack (Program.cs) on a real database: a fresh SQLite file or a fresh PostgreSQL database per
/// factory. The environment is "Testing": nothing is seeded; tests create the staff they need.
/// </summary>
public sealed class ClinicAppFactory : WebApplicationFactory<Program>
{
    private readonly TestDatabase _database;
    private readonly Dictionary<string, string?> _settings;

    public ClinicAppFactory(TestDatabase database, IDictionary<string, string?>? settings = null)
    {
        _database = database;
        _settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["Database:Provider"] = database.Provider.ToString(),
            ["ConnectionStrings:Clinic"] = database.ConnectionString,
            ["Database:MigrateOnStartup"] = "true",
            ["Identity:RequireTwoFactorForClinicalRoles"] = "false",
            ["Logging:Folder"] = Path.Combine(database.Folder, "logs"),
            // E-mail goes to .eml files beside the database, never into the source tree.
            ["Mail:PickupFolder"] = Path.Combine(database.Folder, "mail-pickup"),
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        ClientOptions.AllowAutoRedirect = false;
    }

    public TestDatabase Database => _database;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>A context on the same database, for arranging and asserting.</summary>
    public async Task<ClinicDbContext> CreateDbContextAsync()
    {
        var factory = Services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        return await factory.CreateDbContextAsync();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
    }
}
