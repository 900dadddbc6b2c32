namespace KetamineClinic.Web.Features.Scheduling.Reminders;

/// <summary>The reminder service (section "Reminders"). When reminders go out is a clinic setting
/// (<see cref="Domain.Scheduling.SchedulingSettings"/>); this only says whether and how often the service looks.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Off in the Testing environment, so tests run passes themselves.</summary>
    public bool Enabled { get; set; } = true;

    public int IntervalSeconds { get; set; } = 60;

    /// <summary>The most messages one pass handles; the rest wait for the next pass.</summary>
    public int BatchSize { get; set; } = 200;
}

/// <summary>What one pass did, for tests and the log (counts only, never patient data).</summary>
public sealed record ReminderPassResult(int Sent, int Failed, int Skipped);
