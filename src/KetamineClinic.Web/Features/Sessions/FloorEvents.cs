namespace KetamineClinic.Web.Features.Sessions;

/// <summary>
/// Tells every open screen that a session changed (server push through each Blazor circuit: a floor board or session
/// page subscribes and reloads its own view; nothing polls the database). In-process: with several app instances a
/// backplane would carry these (see docs/architecture.md).
/// </summary>
public sealed class FloorEvents
{
    public event Action<Guid>? SessionChanged;

    /// <summary>Announces that the session of booking <paramref name="appointmentId"/> changed.</summary>
    public void Publish(Guid appointmentId) => SessionChanged?.Invoke(appointmentId);
}
