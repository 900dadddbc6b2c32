using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>A session change that went through: the session's new version (the next change must name it) and when.</summary>
public sealed record SessionSaved(Guid Version, DateTime SavedUtc)
{
    /// <summary>The saved version of <paramref name="session"/> after a domain step, or the step's error.</summary>
    public static Result<SessionSaved> After<T>(Result<T> step, InfusionSession session, SessionClock clock)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(clock);
        return step.IsSuccess ? new SessionSaved(session.Version, clock.NowUtc) : step.Error!;
    }
}
