namespace KetamineClinic.Web.Features.Sessions;

/// <summary>
/// Tells every open screen that a session changed (server push through each Blazor circuit: a floor board or session
/// page subscribes and reloads its own view; nothing polls the database). In-process: with several app instances a
/// backplane would carry these (see docs/architecture.md).
/// </summary>
public sealed class FloorEvents
{
    public event Action<Guid>? SessionChanged;

    /// <summary>A patient's chart alerts, outcome measures or kiosk links changed (e.g. a PHQ-9 item-9 alert raised
    /// from the kiosk or acknowledged): the floor and that patient's open session pages reload.</summary>
    public event Action<Guid>? PatientChanged;

    /// <summary>Announces that the session of booking <paramref name="appointmentId"/> changed.</summary>
    public void Publish(Guid appointmentId) => SessionChanged?.Invoke(appointmentId);

    /// <summary>Announces that patient <paramref name="patientId"/>'s alerts, measures or kiosk links changed.</summary>
    public void PublishPatient(Guid patientId) => PatientChanged?.Invoke(patientId);
}
