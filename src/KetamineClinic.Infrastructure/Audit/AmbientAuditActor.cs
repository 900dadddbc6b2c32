namespace KetamineClinic.Infrastructure.Audit;

/// <summary>
/// The acting staff member for work that runs in a DI scope of its own (a handler that opens a fresh scope for its
/// context, user manager or OpenIddict managers). That scope has no circuit or request user, so without this its
/// changes would be audited as the system. Flows with the async call, like the operation itself.
/// </summary>
public static class AmbientAuditActor
{
    private static readonly AsyncLocal<AuditActor?> CurrentActor = new();

    public static AuditActor? Current => CurrentActor.Value;

    /// <summary>Makes <paramref name="actor"/> the actor until the returned scope is disposed.</summary>
    public static IDisposable Use(AuditActor actor)
    {
        var previous = CurrentActor.Value;
        CurrentActor.Value = actor;
        return new Restore(previous);
    }

    private sealed class Restore(AuditActor? previous) : IDisposable
    {
        public void Dispose() => CurrentActor.Value = previous;
    }
}
