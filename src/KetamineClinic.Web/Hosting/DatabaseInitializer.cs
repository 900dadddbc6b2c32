using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// At start-up: apply migrations (unless Database:MigrateOnStartup=false), make sure the roles and the clinic's
/// settings row exist, and in Development only, seed the demo staff.
/// </summary>
public static class DatabaseInitializer
{
    public static async Task InitializeClinicDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var options = services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var factory = services.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (options.MigrateOnStartup)
            {
                await ClinicDatabase.MigrateAsync(db, cancellationToken);
            }

            if (!await db.ClinicSettings.AnyAsync(cancellationToken))
            {
                db.ClinicSettings.Add(new ClinicSettings());
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in StaffRoles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new IdentityRole(role));
            }
        }

        foreach (var seeder in services.GetServices<IStartupSeeder>())
        {
            await seeder.SeedAsync(cancellationToken);
        }

        if (app.Environment.IsDevelopment())
        {
            await SeedDemoAsync(services, cancellationToken);
        }
    }

    /// <summary>The Development demo data, in order: staff, patients, the coming days' bookings, today's floor, then the
    /// past treatment (report history, the finished course with follow-ups, the treatment histories). Each seeder runs
    /// once; the integration tests call this to check the demo on a fresh database.</summary>
    public static async Task SeedDemoAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await services.GetRequiredService<DemoSeeder>().SeedAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DemoPatientSeeder>(services).SeedAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DemoBookingSeeder>(services).SeedAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DemoFloorSeeder>(services).SeedAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DemoReportHistorySeeder>(services).SeedAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DemoFollowUpSeeder>(services).SeedAsync(cancellationToken);
        await ActivatorUtilities.CreateInstance<DemoHistorySeeder>(services).SeedAsync(cancellationToken);
    }
}

/// <summary>Something that must exist in every environment (e.g. OpenID Connect scopes).</summary>
public interface IStartupSeeder
{
    Task SeedAsync(CancellationToken cancellationToken);
}
