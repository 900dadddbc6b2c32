using System.Globalization;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>
/// What the patient is told before an infusion, computed from the booking time and the protocol's fasting rules
/// (domain.md, "Before each session"), in the clinic's local time.
/// </summary>
public sealed record PreSessionInstructions(DateTime LocalStart, DateTime NoSolidFoodAfterLocal, DateTime ClearLiquidsUntilLocal, IReadOnlyList<string> Lines)
{
    public static PreSessionInstructions For(DateTime startUtc, TimeZoneInfo clinicTimeZone, int fastingSolidHours, int fastingClearLiquidHours, IEnumerable<string> medicinesToHold)
    {
        ArgumentNullException.ThrowIfNull(clinicTimeZone);
        ArgumentNullException.ThrowIfNull(medicinesToHold);
        var utc = DateTime.SpecifyKind(startUtc, DateTimeKind.Utc);
        // Subtract in UTC, then show in local time: right across a daylight-saving change.
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, clinicTimeZone);
        var solids = TimeZoneInfo.ConvertTimeFromUtc(utc.AddHours(-fastingSolidHours), clinicTimeZone);
        var liquids = TimeZoneInfo.ConvertTimeFromUtc(utc.AddHours(-fastingClearLiquidHours), clinicTimeZone);
        var lines = new List<string>
        {
            $"No solid food after {When(solids, local)}; clear liquids only until {When(liquids, local)}.",
        };
        var hold = medicinesToHold.Where(m => !string.IsNullOrWhiteSpace(m)).ToList();
        if (hold.Count > 0)
        {
            lines.Add($"Do not take before your infusion unless your clinician says otherwise: {string.Join(", ", hold)}.");
        }

        lines.Add("Bring an adult escort to take you home; give us their name and phone number at check-in.");
        lines.Add("Do not drive, operate machinery or make important decisions until the next day after sleep.");
        lines.Add("No alcohol or cannabis for 24 hours after the infusion.");
        return new PreSessionInstructions(local, solids, liquids, lines);
    }

    private static string When(DateTime time, DateTime start) =>
        time.Date == start.Date
            ? time.ToString("HH:mm", CultureInfo.InvariantCulture)
            : time.ToString("HH:mm 'on' ddd d MMM", CultureInfo.InvariantCulture);
}
