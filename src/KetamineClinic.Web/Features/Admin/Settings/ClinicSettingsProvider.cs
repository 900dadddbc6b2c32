using KetamineClinic.Domain.Clinic;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Settings;

/// <summary>The clinic's name and time zone, read once and kept until an administrator changes them (a singleton,
/// so it opens its own scope for the database).</summary>
public sealed class ClinicSettingsProvider(IServiceScopeFactory scopes)
{
    private volatile ClinicSettingsSnapshot? _cached;

    public async Task<ClinicSettingsSnapshot> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_cached is { } cached)
        {
            return cached;
        }

        await using var scope = scopes.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.ClinicSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var snapshot = row is null
            ? new ClinicSettingsSnapshot(ClinicSettings.DefaultName, ClinicSettings.DefaultTimeZoneId)
            : new ClinicSettingsSnapshot(row.Name, row.TimeZoneId);
        _cached = snapshot;
        return snapshot;
    }

    /// <summary>Raised after an administrator changes the settings, so open screens can show the new name.</summary>
    public event Action? Changed;

    public void Invalidate()
    {
        _cached = null;
        Changed?.Invoke();
    }
}

public sealed record ClinicSettingsSnapshot(string Name, string TimeZoneId)
{
    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public DateTime ToClinicTime(DateTime utc) =>
        ClinicTime.ToLocal(utc, TimeZone);
}
