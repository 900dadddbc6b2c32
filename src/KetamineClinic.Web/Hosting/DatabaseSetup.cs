using KetamineClinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

public static class DatabaseSetup
{
    /// <summary>
    /// Database:Provider (Sqlite | SqlServer | Postgres) with ConnectionStrings:Clinic. With nothing configured, a
    /// SQLite file in Database:DataFolder (default App_Data under the content root).
    /// </summary>
    public static WebApplicationBuilder AddClinicDatabase(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var section = builder.Configuration.GetSection(DatabaseOptions.Section);
        builder.Services.Configure<DatabaseOptions>(section);
        var options = section.Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = builder.Configuration.GetConnectionString(ClinicDatabase.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (options.Provider != DatabaseProvider.Sqlite)
            {
                throw new InvalidOperationException($"Database:Provider is {options.Provider} but ConnectionStrings:{ClinicDatabase.ConnectionStringName} is not set.");
            }

            var folder = Path.IsPathRooted(options.DataFolder)
                ? options.DataFolder
                : Path.Combine(builder.Environment.ContentRootPath, options.DataFolder);
            connectionString = ClinicDatabase.DefaultSqliteConnectionString(folder);
        }

        builder.Services.AddDbContextFactory<ClinicDbContext>((services, db) =>
        {
            ClinicDatabase.Configure(db, options.Provider, connectionString);
            foreach (var interceptor in services.GetServices<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>())
            {
                db.AddInterceptors(interceptor);
            }
        }, ServiceLifetime.Scoped);

        // Keys in the database, so several instances share cookies and antiforgery tokens.
        builder.Services.AddDataProtection()
            .SetApplicationName("KetamineClinic")
            .PersistKeysToDbContext<ClinicDbContext>();

        builder.Services.AddHealthChecks()
            .AddDbContextCheck<ClinicDbContext>("database", tags: ["ready"]);
        return builder;
    }
}
