using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>A staff member's working hours on one weekday (clinic local time). Staff with no rows at all work whenever
/// the clinic is open; once any row exists, the missing weekdays are days off.</summary>
public sealed class StaffWorkingHours
{
    private StaffWorkingHours()
    {
    }

    public string StaffId { get; private set; } = "";

    public DayOfWeek Day { get; private set; }

    public TimeOnly Starts { get; private set; }

    public TimeOnly Ends { get; private set; }

    public static Result<StaffWorkingHours> Create(string staffId, DayOfWeek day, TimeOnly starts, TimeOnly ends)
    {
        if (string.IsNullOrWhiteSpace(staffId))
        {
            return StaffAvailabilityErrors.StaffRequired;
        }

        return starts < ends
            ? new StaffWorkingHours { StaffId = staffId, Day = day, Starts = starts, Ends = ends }
            : StaffAvailabilityErrors.HoursOrder(day);
    }

    public DayHours ToDayHours() => new(Day, Starts, Ends);
}

/// <summary>Days a staff member is away (leave, training), inclusive, in clinic local dates.</summary>
public sealed class StaffTimeOff
{
    public const int MaxReasonLength = 200;

    private StaffTimeOff()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public string StaffId { get; private set; } = "";

    public DateOnly FirstDate { get; private set; }

    public DateOnly LastDate { get; private set; }

    public string Reason { get; private set; } = "";

    public static Result<StaffTimeOff> Create(string staffId, DateOnly firstDate, DateOnly lastDate, string? reason)
    {
        if (string.IsNullOrWhiteSpace(staffId))
        {
            return StaffAvailabilityErrors.StaffRequired;
        }

        if (lastDate < firstDate)
        {
            return StaffAvailabilityErrors.TimeOffOrder;
        }

        if (lastDate.DayNumber - firstDate.DayNumber > 366)
        {
            return StaffAvailabilityErrors.TimeOffTooLong;
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > MaxReasonLength)
        {
            return StaffAvailabilityErrors.TimeOffReason;
        }

        return new StaffTimeOff { StaffId = staffId, FirstDate = firstDate, LastDate = lastDate, Reason = reason.Trim() };
    }

    public DateRange ToRange() => new(FirstDate, LastDate);
}

/// <summary>An inclusive range of clinic local dates.</summary>
public sealed record DateRange(DateOnly First, DateOnly Last)
{
    public bool Contains(DateOnly date) => First <= date && date <= Last;
}

/// <summary>
/// The clinic's scheduling settings (one row): how many chairs a nurse watches at once (domain.md: default 2), the
/// default lengths of the appointment types that do not come from a protocol, the calendar's slot size and when
/// reminders go out. Infusion and booster lengths come from the course's protocol (infusion + observation).
/// </summary>
public sealed class SchedulingSettings : IVersioned
{
    public const int SingletonId = 1;

    private SchedulingSettings()
    {
    }

    public int Id { get; private set; } = SingletonId;

    public int NurseCapacity { get; private set; } = 2;

    public int ConsultationMinutes { get; private set; } = 60;

    public int FollowUpMinutes { get; private set; } = 30;

    public int SlotMinutes { get; private set; } = 15;

    public int FirstReminderHours { get; private set; } = 48;

    public int SecondReminderHours { get; private set; } = 24;

    public const int MaxFollowUps = 4;

    /// <summary>Follow-ups proposed for intake staff to book once a course's last session is fulfilled, in days
    /// after that session (default 1 and 4 weeks).</summary>
    public List<int> FollowUpDays { get; private set; } = [7, 28];

    public Guid Version { get; private set; } = Guid.NewGuid();

    public static SchedulingSettings Default() => new();

    /// <summary>Default length of a type that has one; infusions and boosters take theirs from the protocol.</summary>
    public int? DefaultMinutes(AppointmentType type) => type switch
    {
        AppointmentType.IntakeConsultation => ConsultationMinutes,
        AppointmentType.FollowUp => FollowUpMinutes,
        _ => null,
    };

    public Result<SchedulingSettings> Change(int nurseCapacity, int consultationMinutes, int followUpMinutes, int slotMinutes, int firstReminderHours, int secondReminderHours)
    {
        if (nurseCapacity is < 1 or > 6)
        {
            return StaffAvailabilityErrors.NurseCapacity;
        }

        if (consultationMinutes is < 10 or > 240 || followUpMinutes is < 10 or > 240)
        {
            return StaffAvailabilityErrors.Lengths;
        }

        if (slotMinutes is not (5 or 10 or 15 or 20 or 30 or 60))
        {
            return StaffAvailabilityErrors.SlotMinutes;
        }

        if (firstReminderHours is < 1 or > 168 || secondReminderHours is < 1 or > 168 || secondReminderHours >= firstReminderHours)
        {
            return StaffAvailabilityErrors.Reminders;
        }

        NurseCapacity = nurseCapacity;
        ConsultationMinutes = consultationMinutes;
        FollowUpMinutes = followUpMinutes;
        SlotMinutes = slotMinutes;
        FirstReminderHours = firstReminderHours;
        SecondReminderHours = secondReminderHours;
        Version = Guid.NewGuid();
        return this;
    }

    public Result<SchedulingSettings> ChangeFollowUps(IReadOnlyList<int> days)
    {
        var valid = FollowUpRules.Validate(days);
        if (!valid.IsSuccess)
        {
            return valid.Error!;
        }

        FollowUpDays = [.. days];
        Version = Guid.NewGuid();
        return this;
    }
}

/// <summary>Follow-up proposals: how many days after a course's last session each follow-up is due.</summary>
public static class FollowUpRules
{
    public const int MaxDays = 365;

    public static Result<IReadOnlyList<int>> Validate(IReadOnlyList<int> days)
    {
        ArgumentNullException.ThrowIfNull(days);
        if (days.Count > SchedulingSettings.MaxFollowUps)
        {
            return StaffAvailabilityErrors.FollowUpsTooMany;
        }

        if (days.Any(d => d is < 1 or > MaxDays))
        {
            return StaffAvailabilityErrors.FollowUpsRange;
        }

        for (var i = 1; i < days.Count; i++)
        {
            if (days[i] <= days[i - 1])
            {
                return StaffAvailabilityErrors.FollowUpsOrder;
            }
        }

        return Result<IReadOnlyList<int>>.Success(days);
    }
}

public static class StaffAvailabilityErrors
{
    public static readonly DomainError StaffRequired = new("availability.staff", "Choose the staff member.");
    public static readonly DomainError TimeOffOrder = new("availability.time_off_order", "Time off must end on or after its first day.");
    public static readonly DomainError TimeOffTooLong = new("availability.time_off_long", "Enter time off of at most a year at once.");
    public static readonly DomainError TimeOffReason = new("availability.time_off_reason", $"Say why (up to {StaffTimeOff.MaxReasonLength} characters), e.g. annual leave.");
    public static readonly DomainError NurseCapacity = new("settings.nurse_capacity", "A nurse watches from 1 to 6 chairs at once.");
    public static readonly DomainError Lengths = new("settings.lengths", "Appointment lengths are from 10 to 240 minutes.");
    public static readonly DomainError SlotMinutes = new("settings.slot", "The calendar slot is 5, 10, 15, 20, 30 or 60 minutes.");
    public static readonly DomainError Reminders = new("settings.reminders", "Reminders go out from 1 to 168 hours before, the second one closer to the appointment than the first.");

    public static readonly DomainError FollowUps = new("settings.follow_ups", $"Propose up to {SchedulingSettings.MaxFollowUps} follow-ups, each 1 to 365 days after the last session, in increasing order.");
    public static readonly DomainError FollowUpsTooMany = new("settings.follow_ups_count", $"Propose at most {SchedulingSettings.MaxFollowUps} follow-ups.");
    public static readonly DomainError FollowUpsRange = new("settings.follow_ups_range", $"Each follow-up is 1 to {FollowUpRules.MaxDays} days after the last session.");
    public static readonly DomainError FollowUpsOrder = new("settings.follow_ups_order", "List the follow-up days from the earliest to the latest, each once (e.g. 7, 28).");

    public static DomainError HoursOrder(DayOfWeek day) => new("availability.hours", $"On {day} work must end after it starts.");
}
