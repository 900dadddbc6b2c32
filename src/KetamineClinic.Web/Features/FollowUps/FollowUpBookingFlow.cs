using System.Globalization;
using System.Security.Claims;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Web.Features.Calendar;
using MudBlazor;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>"Book" on a proposed follow-up, from the follow-ups list or the Course tab: the calendar's own booking
/// dialog, opened with the patient, the follow-up type, the course it follows and the nearest free time on or after
/// the due date. Returns the booking's summary, or null when nothing was booked (the reason already shown).</summary>
public static class FollowUpBookingFlow
{
    public static async Task<string?> BookAsync(
        IDialogService dialogs, ISnackbar snackbar, PrepareFollowUpBookingHandler prepare, CalendarHandler calendar,
        ClaimsPrincipal user, Guid courseId, int daysAfter)
    {
        ArgumentNullException.ThrowIfNull(dialogs);
        ArgumentNullException.ThrowIfNull(snackbar);
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(calendar);
        var draft = await prepare.HandleAsync(user, courseId, daysAfter);
        if (!draft.IsSuccess)
        {
            snackbar.Add(draft.Error!.Message, Severity.Warning);
            return null;
        }

        var options = await calendar.OptionsAsync(user);
        if (!options.IsSuccess)
        {
            snackbar.Add(options.Error!.Message, Severity.Error);
            return null;
        }

        var d = draft.Value;
        var due = d.DueDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var note = d.SlotFound
            ? $"{FollowUpText.Interval(d.DaysAfter)} follow-up, due {due}; the nearest free time is filled in."
            : $"{FollowUpText.Interval(d.DaysAfter)} follow-up, due {due}; no free time found within {PrepareFollowUpBookingHandler.SearchDays} days, choose one.";
        var parameters = new DialogParameters<BookAppointmentDialog>
        {
            { x => x.Options, options.Value },
            { x => x.User, user },
            { x => x.LocalStart, d.LocalStart },
            { x => x.ClinicianId, d.ClinicianId },
            { x => x.Patient, d.Patient },
            { x => x.Type, AppointmentType.FollowUp },
            { x => x.CourseId, d.CourseId },
            { x => x.CourseLabel, d.CourseLabel },
            { x => x.FollowUpNote, note },
        };
        var dialog = await dialogs.ShowAsync<BookAppointmentDialog>("Book the follow-up", parameters,
            new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = false, BackdropClick = false });
        var result = await dialog.Result;
        return result is { Canceled: false, Data: string summary } ? summary : null;
    }
}
