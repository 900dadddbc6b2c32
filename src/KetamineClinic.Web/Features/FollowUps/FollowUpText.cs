using System.Globalization;
using KetamineClinic.Domain.Courses;
using MudBlazor;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>How follow-ups read on screen.</summary>
public static class FollowUpText
{
    /// <summary>"1-week", "4-week", "10-day": the follow-up named by its interval after the last session.</summary>
    public static string Interval(int days) => days % 7 == 0
        ? string.Create(CultureInfo.InvariantCulture, $"{days / 7}-week")
        : string.Create(CultureInfo.InvariantCulture, $"{days}-day");

    /// <summary>"7 and 28 days": the setting in words.</summary>
    public static string Days(IReadOnlyList<int> days) => days.Count switch
    {
        0 => "none",
        1 => string.Create(CultureInfo.InvariantCulture, $"{days[0]} days"),
        _ => string.Join(", ", days.Take(days.Count - 1)) + string.Create(CultureInfo.InvariantCulture, $" and {days[^1]} days"),
    };

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>"due in 3 days", "due today", "overdue by 2 days".</summary>
    public static string Due(DateOnly due, DateOnly today)
    {
        var days = due.DayNumber - today.DayNumber;
        return days switch
        {
            0 => "due today",
            1 => "due tomorrow",
            > 1 => string.Create(CultureInfo.InvariantCulture, $"due in {days} days"),
            -1 => "overdue by 1 day",
            _ => string.Create(CultureInfo.InvariantCulture, $"overdue by {-days} days"),
        };
    }

    public static string State(FollowUpState state) => state switch
    {
        FollowUpState.Booked => "Booked",
        FollowUpState.NotNeeded => "Not needed",
        _ => "To book",
    };

    public static Color StateColor(FollowUpState state, bool overdue) => state switch
    {
        FollowUpState.Booked => Color.Success,
        FollowUpState.NotNeeded => Color.Default,
        _ => overdue ? Color.Warning : Color.Info,
    };
}
