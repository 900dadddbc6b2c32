namespace KetamineClinic.Domain.Scheduling;

/// <summary>A message already recorded for a booking at its current start time (sent, failing or given up).</summary>
public sealed record RecordedMessage(ReminderKind Kind, DateTime ClaimedUtc, DateTime? SentUtc);

/// <summary>
/// Which messages a booking needs now. The confirmation (with the instructions) goes first, once per start time, so a
/// moved booking is confirmed again for its new time. The reminders go out when their window opens
/// (<see cref="SchedulingSettings.FirstReminderHours"/> and <see cref="SchedulingSettings.SecondReminderHours"/>
/// before the start) unless the patient was already told after that moment: a booking made 30 hours ahead gets its
/// confirmation and the 24-hour reminder, not a 48-hour reminder as well. Once the second window is open the first
/// reminder is no longer sent (the second one says the same, closer to the day).
/// </summary>
public static class ReminderSchedule
{
    public static IReadOnlyList<ReminderKind> Due(DateTime startUtc, DateTime nowUtc, int firstReminderHours, int secondReminderHours, IReadOnlyCollection<RecordedMessage> recorded)
    {
        ArgumentNullException.ThrowIfNull(recorded);
        if (nowUtc >= startUtc)
        {
            return [];
        }

        var confirmation = recorded.FirstOrDefault(m => m.Kind == ReminderKind.Confirmation);
        if (confirmation is null)
        {
            return [ReminderKind.Confirmation];
        }

        var toldAt = confirmation.SentUtc ?? confirmation.ClaimedUtc;
        var secondOpens = startUtc.AddHours(-secondReminderHours);
        var firstOpens = startUtc.AddHours(-firstReminderHours);
        var (kind, opens) = nowUtc >= secondOpens
            ? (ReminderKind.SecondReminder, secondOpens)
            : (ReminderKind.FirstReminder, firstOpens);
        if (nowUtc < opens || toldAt >= opens || recorded.Any(m => m.Kind == kind))
        {
            return [];
        }

        return [kind];
    }

    /// <summary>How long to wait before trying a failed message again: 5, 10, 20, 40 minutes.</summary>
    public static TimeSpan RetryDelay(int attempts) => TimeSpan.FromMinutes(5 * Math.Pow(2, Math.Max(0, attempts - 1)));
}
