namespace KetamineClinic.Infrastructure.Audit;

/// <summary>Who is acting and from where, as recorded on each audit row. All fields are null for the system itself
/// (start-up, background work) and for anonymous requests.</summary>
/// <param name="Roles">A comma-separated list of the staff roles the user holds.</param>
public sealed record AuditActor(string? UserId, string? UserName, string? Roles, string? ClientAddress)
{
    public static readonly AuditActor System = new(null, null, null, null);
}

/// <summary>
/// The current caller for the audit trail, resolved per DI scope (a Blazor circuit, an HTTP request, or a scope a
/// background job creates).
/// </summary>
public interface IAuditActorAccessor
{
    ValueTask<AuditActor> GetCurrentAsync();

    /// <summary>The same, for synchronous <c>SaveChanges</c>; never blocks on I/O.</summary>
    AuditActor GetCurrent();
}
