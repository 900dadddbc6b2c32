using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Alerts;

/// <summary>
/// A clinical alert on a patient's chart (e.g. a positive PHQ-9 item 9). It stays until a nurse or clinician
/// acknowledges it with the action taken.
/// </summary>
public sealed class PatientAlert
{
    private PatientAlert()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public string Code { get; private set; } = "";

    public string Message { get; private set; } = "";

    /// <summary>What raised it (e.g. the outcome measure's id).</summary>
    public Guid? SourceId { get; private set; }

    public DateTime RaisedUtc { get; private set; }

    public DateTime? AcknowledgedUtc { get; private set; }

    public string? AcknowledgedBy { get; private set; }

    public string? ActionTaken { get; private set; }

    public bool IsOpen => AcknowledgedUtc is null;

    public static PatientAlert Raise(Guid patientId, string code, string message, Guid? sourceId, DateTime nowUtc) => new()
    {
        PatientId = patientId,
        Code = code,
        Message = message,
        SourceId = sourceId,
        RaisedUtc = nowUtc,
    };

    public Result<PatientAlert> Acknowledge(string actionTaken, string by, DateTime nowUtc)
    {
        if (!IsOpen)
        {
            return new DomainError("alert.acknowledged", "This alert was already acknowledged.");
        }

        if (string.IsNullOrWhiteSpace(actionTaken))
        {
            return new DomainError("alert.action", "Say what was done about the alert.");
        }

        AcknowledgedUtc = nowUtc;
        AcknowledgedBy = by;
        ActionTaken = actionTaken.Trim();
        return this;
    }
}
