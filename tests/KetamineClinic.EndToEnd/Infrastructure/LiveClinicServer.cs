using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace KetamineClinic.EndToEnd.Infrastructure;

/// <summary>
/// The app on a real port, exactly as a newcomer runs it: Development environment, a fresh SQLite file, the demo
/// staff seeded at start-up.
/// </summary>
public sealed class LiveClinicServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kc-e2e", Guid.NewGuid().ToString("N"));

    public LiveClinicServer()
    {
        Directory.CreateDirectory(_folder);
        UseKestrel(0);
        StartServer();
    }

    public Uri BaseAddress => ClientOptions.BaseAddress;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("ConnectionStrings:Clinic", new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "clinic.db") }.ToString());
        builder.UseSetting("Logging:Folder", Path.Combine(_folder, "logs"));
        builder.UseSetting("Mail:PickupFolder", Path.Combine(_folder, "mail-pickup"));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // a log file still closing; the temp folder is cleaned by the OS
        }
    }
}
