namespace KetamineClinic.Domain.Scheduling;

/// <summary>Which message about a booking was sent.</summary>
public enum ReminderKind
{
    /// <summary>Instructions sent when the booking is made (or moved).</summary>
    Confirmation = 1,
    FirstReminder = 2,
    SecondReminder = 3,
}

/// <summary>
/// A record that a message about a booking was sent (or failed), for the booking's start time as it was then. The pair
/// (appointment, kind, start) is unique in the database, so a reminder is sent at most once even across a restart or
/// with two servers; a moved booking gets its reminders again for its new time.
/// </summary>
public sealed class ReminderDispatch
{
    public const int MaxAttempts = 5;

    private ReminderDispatch()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid AppointmentId { get; private set; }

    public Guid PatientId { get; private set; }

    public ReminderKind Kind { get; private set; }

    public DateTime ForStartUtc { get; private set; }

    public DateTime ClaimedUtc { get; private set; }

    public DateTime? SentUtc { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    public static ReminderDispatch Claim(Guid appointmentId, Guid patientId, ReminderKind kind, DateTime forStartUtc, DateTime nowUtc) => new()
    {
        AppointmentId = appointmentId,
        PatientId = patientId,
        Kind = kind,
        ForStartUtc = forStartUtc,
        ClaimedUtc = nowUtc,
    };

    public bool ShouldRetry => SentUtc is null && Attempts < MaxAttempts;

    public bool GaveUp => SentUtc is null && Attempts >= MaxAttempts;

    public void Sent(DateTime nowUtc)
    {
        Attempts++;
        SentUtc = nowUtc;
        LastError = null;
    }

    public void Failed(string error, DateTime nowUtc)
    {
        Attempts++;
        ClaimedUtc = nowUtc;
        LastError = error.Length > 500 ? error[..500] : error;
    }

    /// <summary>Records that this message will not be sent (no e-mail address, the booking changed before sending):
    /// no retry. The reason is shown to staff and must not contain health information.</summary>
    public void GiveUp(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        Attempts = MaxAttempts;
        LastError = reason.Length > 500 ? reason[..500] : reason;
    }
}
