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

    /// <summary>Medical record numbers are this prefix followed by a zero-padded number, e.g. KC000042.</summary>
    public string MrnPrefix { get; private set; } = "KC";

    public int MrnDigits { get; private set; } = 6;

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

    public string FormatMrn(long number) =>
        MrnPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(MrnDigits, '0');

    /// <summary>Changes the medical record number format; numbers already issued keep theirs.</summary>
    public Result<ClinicSettings> ChangeMrnFormat(string? prefix, int digits)
    {
        var clean = prefix?.Trim() ?? "";
        if (clean.Length > 10 || !clean.All(char.IsAsciiLetterOrDigit) || (clean.Length > 0 && !char.IsAsciiLetter(clean[0])))
        {
            return ClinicErrors.MrnPrefix;
        }

        if (digits is < 4 or > 12)
        {
            return ClinicErrors.MrnDigits;
        }

        MrnPrefix = clean.ToUpperInvariant();
        MrnDigits = digits;
        Version = Guid.NewGuid();
        return this;
    }

    /// <summary>Converts a stored UTC instant to the clinic's wall-clock time.</summary>
    public DateTime ToClinicTime(DateTime utc) =>
        ClinicTime.ToLocal(utc, TimeZone);
}

public static class ClinicErrors
{
    public static readonly DomainError NameRequired = new("clinic.name_required", "Enter the clinic's name.");
    public static readonly DomainError NameTooLong = new("clinic.name_too_long", "The clinic's name can be at most 200 characters.");
    public static readonly DomainError MrnPrefix = new("clinic.mrn_prefix", "The record-number prefix is up to 10 letters or digits, starting with a letter (or empty).");
    public static readonly DomainError MrnDigits = new("clinic.mrn_digits", "Record numbers have from 4 to 12 digits.");
    public static readonly DomainError TimeZoneRequired = new("clinic.time_zone_required", "Choose the clinic's time zone.");

    public static DomainError UnknownTimeZone(string id) =>
        new("clinic.unknown_time_zone", $"'{id}' is not a time zone this server knows. Use an IANA name such as America/New_York.");
}
