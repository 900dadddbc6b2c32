using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>A bookable infusion chair or room. Chairs are deactivated, never deleted, so past bookings keep theirs.</summary>
public sealed class Chair
{
    private Chair()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string Name { get; private set; } = "";

    public bool IsActive { get; private set; } = true;

    public int SortOrder { get; private set; }

    public static Result<Chair> Create(string name, int sortOrder)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            return SchedulingErrors.ChairName;
        }

        return new Chair { Name = name.Trim(), SortOrder = sortOrder };
    }

    public Result<Chair> Rename(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > 60)
        {
            return SchedulingErrors.ChairName;
        }

        Name = name.Trim();
        return this;
    }

    public void SetActive(bool active) => IsActive = active;
}

/// <summary>The clinic's opening hours for one weekday (clinic local time); a missing weekday means closed.</summary>
public sealed class ClinicOpeningHours
{
    private ClinicOpeningHours()
    {
    }

    public DayOfWeek Day { get; private set; }

    public TimeOnly Opens { get; private set; }

    public TimeOnly Closes { get; private set; }

    public static Result<ClinicOpeningHours> Create(DayOfWeek day, TimeOnly opens, TimeOnly closes) =>
        opens < closes
            ? new ClinicOpeningHours { Day = day, Opens = opens, Closes = closes }
            : SchedulingErrors.HoursOrder(day);

    public DayHours ToDayHours() => new(Day, Opens, Closes);

    /// <summary>A new clinic opens Monday to Friday, 08:00 to 18:00, until an administrator changes it.</summary>
    public static IReadOnlyList<ClinicOpeningHours> Defaults { get; } =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => Create(d, new TimeOnly(8, 0), new TimeOnly(18, 0)).Value)];
}

/// <summary>A day the clinic is closed (a holiday), with the reason shown to staff.</summary>
public sealed class ClosedDate
{
    private ClosedDate()
    {
    }

    public DateOnly Date { get; private set; }

    public string Reason { get; private set; } = "";

    public static Result<ClosedDate> Create(DateOnly date, string reason) =>
        string.IsNullOrWhiteSpace(reason)
            ? SchedulingErrors.ClosedReason
            : new ClosedDate { Date = date, Reason = reason.Trim() };
}

public static class SchedulingErrors
{
    public static readonly DomainError ChairName = new("scheduling.chair_name", "Give the chair a name of up to 60 characters.");
    public static readonly DomainError ClosedReason = new("scheduling.closed_reason", "Say why the clinic is closed that day.");
    public static readonly DomainError ChairNameTaken = new("scheduling.chair_name_taken", "Another chair already has that name.");

    public static DomainError HoursOrder(DayOfWeek day) =>
        new("scheduling.hours", $"On {day} the clinic must close after it opens.");
}
