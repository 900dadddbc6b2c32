using System.Globalization;
using System.Text;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Web.Features.Scheduling.Instructions;
using MimeKit;

namespace KetamineClinic.Web.Features.Scheduling.Reminders;

/// <summary>
/// The e-mails about a booking: a confirmation with the instructions, and the reminders. Subjects carry the date and
/// time only (they show on lock screens); the body has the instructions and the .ics file is attached. Two headers
/// name the booking and the kind of message so a message can be traced to its dispatch record.
/// </summary>
public static class ReminderMessages
{
    public const string AppointmentHeader = "X-Clinic-Appointment";
    public const string KindHeader = "X-Clinic-Message";

    public static MimeMessage Compose(AppointmentInstructionsView view, ReminderKind kind, MailboxAddress from, MailboxAddress to, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(view);
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        var when = view.LocalStart.ToString("ddd d MMM 'at' HH:mm", CultureInfo.InvariantCulture);
        message.Subject = kind switch
        {
            ReminderKind.Confirmation => $"Your appointment on {when}: booking and instructions",
            _ => $"Reminder: your appointment on {when}",
        };
        message.Headers.Add(AppointmentHeader, view.AppointmentId.ToString());
        message.Headers.Add(KindHeader, kind.ToString());
        message.Date = new DateTimeOffset(DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc));

        var body = new BodyBuilder { TextBody = Text(view, kind) };
        body.Attachments.Add("appointment.ics", Encoding.UTF8.GetBytes(AppointmentCalendarFile.Build(view, nowUtc)), new ContentType("text", "calendar"));
        message.Body = body.ToMessageBody();
        return message;
    }

    public static string Text(AppointmentInstructionsView view, ReminderKind kind)
    {
        ArgumentNullException.ThrowIfNull(view);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"Dear {view.PatientName},\n\n");
        text.Append(kind == ReminderKind.Confirmation
            ? "Your appointment is booked (this replaces any earlier time we sent you):\n\n"
            : "This is a reminder of your appointment:\n\n");
        text.Append(CultureInfo.InvariantCulture, $"  {view.TypeText}\n");
        text.Append(CultureInfo.InvariantCulture, $"  {view.LocalStart:dddd d MMMM yyyy}, {view.LocalStart:HH:mm} to {view.LocalEnd:HH:mm}\n");
        text.Append(CultureInfo.InvariantCulture, $"  {view.ClinicName}\n");
        if (view.Lines.Count > 0)
        {
            text.Append("\nBefore your appointment:\n");
            foreach (var line in view.Lines)
            {
                text.Append(CultureInfo.InvariantCulture, $"  - {line}\n");
            }
        }

        text.Append("\nIf you cannot come, or have questions about these instructions, please call the clinic as soon as you can.\n");
        text.Append(CultureInfo.InvariantCulture, $"\n{view.ClinicName}\n");
        return text.ToString();
    }
}
