using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace KetamineClinic.EndToEnd.Infrastructure;

/// <summary>
/// The app on a real port, exactly as a newcomer runs it: Development environment, a fresh SQLite file, the demo
/// staff seeded at start-up. With an <see cref="AdjustableClock"/> the whole app (seeders, handlers, pages, sign-in
/// cookies) runs on that clock instead of the real one.
/// </summary>
public sealed class LiveClinicServer : WebApplicationFactory<Program>
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "kc-e2e", Guid.NewGuid().ToString("N"));
    private readonly AdjustableClock? _clock;

    public LiveClinicServer()
        : this(null)
    {
    }

    public LiveClinicServer(AdjustableClock? clock)
    {
        _clock = clock;
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
        if (_clock is { } clock)
        {
            // The test moves the clock on by tens of minutes between steps: a screen left alone meanwhile (the floor)
            // is not idle for that long, so the idle sign-out is set beyond the test's day.
            builder.UseSetting("Identity:IdleTimeout", "1.00:00:00");
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        }
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
