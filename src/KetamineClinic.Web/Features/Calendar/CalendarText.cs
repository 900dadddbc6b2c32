using System.Globalization;
using KetamineClinic.Domain.Scheduling;
using MudBlazor;

namespace KetamineClinic.Web.Features.Calendar;

/// <summary>How the calendar words and colours types and statuses.</summary>
public static class CalendarText
{
    private static readonly CultureInfo Culture = CultureInfo.InvariantCulture;

    public static IReadOnlyList<AppointmentType> Types { get; } =
        [AppointmentType.IntakeConsultation, AppointmentType.InfusionSession, AppointmentType.FollowUp, AppointmentType.Booster];

    public static string Type(AppointmentType type) => type switch
    {
        AppointmentType.IntakeConsultation => "Intake consultation",
        AppointmentType.InfusionSession => "Infusion session",
        AppointmentType.FollowUp => "Follow-up",
        AppointmentType.Booster => "Booster",
        _ => type.ToString(),
    };

    public static string Status(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "Booked",
        AppointmentStatus.Arrived => "Checked in",
        AppointmentStatus.InProgress => "In progress",
        AppointmentStatus.Fulfilled => "Fulfilled",
        AppointmentStatus.Cancelled => "Cancelled",
        AppointmentStatus.NoShow => "No-show",
        AppointmentStatus.EnteredInError => "Entered in error",
        _ => status.ToString(),
    };

    public static Color StatusColor(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => Color.Primary,
        AppointmentStatus.Arrived => Color.Info,
        AppointmentStatus.InProgress => Color.Warning,
        AppointmentStatus.Fulfilled => Color.Success,
        AppointmentStatus.NoShow => Color.Error,
        _ => Color.Default,
    };

    /// <summary>The CSS class of a booking block: its status decides the colour, a booking that no longer stands is struck through.</summary>
    public static string StatusClass(AppointmentStatus status) => "kc-status-" + status.ToString().ToLowerInvariant();

    public static string Action(AppointmentAction action) => action switch
    {
        AppointmentAction.Created => "Booked",
        AppointmentAction.Moved => "Moved",
        AppointmentAction.StatusChanged => "Status changed",
        AppointmentAction.Cancelled => "Cancelled",
        AppointmentAction.Undone => "Status undone",
        _ => action.ToString(),
    };

    public static string Reason(CancellationReason reason) => reason switch
    {
        CancellationReason.Patient => "Patient's request",
        CancellationReason.Clinic => "Clinic's decision",
        CancellationReason.Clinical => "Clinical reason",
        CancellationReason.Other => "Other",
        _ => reason.ToString(),
    };

    /// <summary>"NN" from "Noah Nurse", "CC" from "Dr Clara Clinician" (titles skipped).</summary>
    public static string Initials(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return "";
        }

        var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(w => !w.TrimEnd('.').Equals("Dr", StringComparison.OrdinalIgnoreCase)).ToList();
        return string.Concat(words.Take(3).Select(w => char.ToUpperInvariant(w[0])));
    }

    /// <summary>"Tue 14 Dec 10:30" in clinic time.</summary>
    public static string When(DateTime local) => local.ToString("ddd d MMM HH:mm", Culture);

    public static string Day(DateOnly date) => date.ToString("dddd d MMMM yyyy", Culture);

    public static string ShortDay(DateOnly date) => date.ToString("ddd d MMM", Culture);

    public static string Time(DateTime local) => local.ToString("HH:mm", Culture);

    public static string Time(TimeOnly time) => time.ToString("HH:mm", Culture);

    public static string IsoDate(DateOnly date) => date.ToString("yyyy-MM-dd", Culture);
}
