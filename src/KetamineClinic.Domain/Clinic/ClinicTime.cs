namespace KetamineClinic.Domain.Clinic;

/// <summary>The one conversion from a stored UTC instant to the clinic's wall-clock time (the reverse is
/// <see cref="Scheduling.SeriesRule.ToUtc"/>). Stored times are UTC whatever kind EF hands back.</summary>
public static class ClinicTime
{
    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);
}
