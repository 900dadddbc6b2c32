using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Clinic;

/// <summary>
/// The clinic's own settings: one row. Times are stored in UTC everywhere; <see cref="TimeZoneId"/> (an IANA id)
/// is what every page shows them in and what rules such as "no solid food after" are computed in.
/// </summary>
public sealed class ClinicSettings
{
    public const int SingletonId = 1;
    public const string DefaultName = "KetamineClinic";
    public const string DefaultTimeZoneId = "America/New_York";

    public int Id { get; private set; } = SingletonId;

    public string Name { get; private set; } = DefaultName;

    public string TimeZoneId { get; private set; } = DefaultTimeZoneId;

    /// <summary>Application-managed concurrency token (works the same on SQLite, SQL Server and PostgreSQL).</summary>
    public Guid Version { get; private set; } = Guid.NewGuid();

    public TimeZoneInfo TimeZone => TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId);

    public static Result<TimeZoneInfo> FindTimeZone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return ClinicErrors.TimeZoneRequired;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var zone)
            ? zone
            : ClinicErrors.UnknownTimeZone(id);
    }

    public Result<ClinicSettings> Change(string? name, string? timeZoneId)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return ClinicErrors.NameRequired;
        }

        if (name.Trim().Length > 200)
        {
            return ClinicErrors.NameTooLong;
        }

        var zone = FindTimeZone(timeZoneId);
        if (!zone.IsSuccess)
        {
            return zone.Error!;
        }

        Name = name.Trim();
        TimeZoneId = timeZoneId!.Trim();
        Version = Guid.NewGuid();
        return this;
    }

    /// <summary>Converts a stored UTC instant to the clinic's wall-clock time.</summary>
    public DateTime ToClinicTime(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), TimeZone);
}

public static class ClinicErrors
{
    public static readonly DomainError NameRequired = new("clinic.name_required", "Enter the clinic's name.");
    public static readonly DomainError NameTooLong = new("clinic.name_too_long", "The clinic's name can be at most 200 characters.");
    public static readonly DomainError TimeZoneRequired = new("clinic.time_zone_required", "Choose the clinic's time zone.");

    public static DomainError UnknownTimeZone(string id) =>
        new("clinic.unknown_time_zone", $"'{id}' is not a time zone this server knows. Use an IANA name such as America/New_York.");
}
