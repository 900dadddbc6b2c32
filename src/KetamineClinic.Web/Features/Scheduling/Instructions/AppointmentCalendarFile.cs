using System.Globalization;
using System.Security.Claims;
using System.Text;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineClinic.Web.Features.Scheduling.Instructions;

/// <summary>
/// A booking as an iCalendar (.ics) event, built with Ical.Net: UTC start and end, the booking's id as a stable UID
/// (so a calendar app updates the event when the booking moves), a summary without diagnosis, the instructions as the
/// description and a reminder the evening before. Downloaded from <c>/appointments/{id}/calendar.ics</c> and attached to
/// every e-mail about the booking.
/// </summary>
public static class AppointmentCalendarFile
{
    public const string ContentType = "text/calendar";

    public static string Build(AppointmentInstructionsView view, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(view);
        var calendarEvent = new CalendarEvent
        {
            Uid = view.AppointmentId.ToString(),
            Summary = view.Title,
            Description = Description(view),
            Location = view.ClinicName,
            Start = new CalDateTime(DateTime.SpecifyKind(view.StartUtc, DateTimeKind.Utc)),
            End = new CalDateTime(DateTime.SpecifyKind(view.EndUtc, DateTimeKind.Utc)),
            DtStamp = new CalDateTime(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc)),
        };
        if (view.IsInfusion)
        {
            calendarEvent.Alarms.Add(new Alarm
            {
                Action = Ical.Net.AlarmAction.Display,
                Description = "Infusion tomorrow: check the fasting times and arrange your escort home.",
                Trigger = new Trigger(Duration.FromHours(-12)),
            });
        }

        var calendar = new Ical.Net.Calendar { Method = "PUBLISH", ProductId = "-//KetamineClinic//Appointments//EN" };
        calendar.Events.Add(calendarEvent);
        return new CalendarSerializer().SerializeToString(calendar) ?? "";
    }

    public static string FileName(AppointmentInstructionsView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return $"appointment-{view.LocalStart.ToString("yyyy-MM-dd-HHmm", CultureInfo.InvariantCulture)}.ics";
    }

    private static string Description(AppointmentInstructionsView view)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{view.TypeText}, {view.LocalStart:dddd d MMMM yyyy, HH:mm}–{view.LocalEnd:HH:mm} ({view.TimeZoneId}).");
        foreach (var line in view.Lines)
        {
            text.Append('\n').Append(line);
        }

        return text.ToString();
    }

    public static IEndpointRouteBuilder MapAppointmentCalendarFile(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/appointments/{id:guid}/calendar.ics", DownloadAsync).RequireAuthorization(Policies.ViewCalendar);
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult>> DownloadAsync(
        Guid id, ClaimsPrincipal user, GetAppointmentInstructionsHandler handler, TimeProvider clock, HttpContext context, CancellationToken cancellationToken)
    {
        var found = await handler.HandleAsync(user, id, "appointment calendar file", cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error == Courses.AccessErrors.NotAllowed ? TypedResults.Forbid() : TypedResults.NotFound();
        }

        context.Response.Headers.CacheControl = "no-store";
        var bytes = Encoding.UTF8.GetBytes(Build(found.Value, clock.GetUtcNow().UtcDateTime));
        return TypedResults.File(bytes, ContentType + "; charset=utf-8", FileName(found.Value));
    }
}
