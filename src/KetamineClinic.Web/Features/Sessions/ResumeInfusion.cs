using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Resumes a paused infusion at <paramref name="AtLocal"/> (clinic time; now when empty).</summary>
public sealed record ResumeInfusion(Guid AppointmentId, Guid ExpectedVersion, DateTime? AtLocal);

public sealed class ResumeInfusionHandler(SessionWorkspace workspace)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, ResumeInfusion command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, command.AppointmentId, command.ExpectedVersion, Policy, "resume the infusion",
            (session, actor, clock) => session.Resume(clock.UtcOrNow(command.AtLocal), actor, clock.NowUtc), cancellationToken);
    }
}
