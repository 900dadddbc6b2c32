using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>A clinician signs the completed record. A signed session never changes; corrections are amendments.</summary>
public sealed record SignSession(Guid AppointmentId, Guid Version);

public sealed class SignSessionValidator : AbstractValidator<SignSession>
{
    public SignSessionValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().WithMessage("Choose the session.");
        RuleFor(c => c.Version).NotEmpty().WithMessage("Reload the session: it has not been opened yet.");
    }
}

public sealed class SignSessionHandler(SessionWorkspace workspace, IValidator<SignSession> validator)
{
    public Task<Result<SessionSaved>> HandleAsync(ClaimsPrincipal user, SignSession command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.Version, Policies.Assess, "sign the session",
            (session, actor, clock) => SessionSaved.After(session.Sign(actor, clock.NowUtc), session, clock),
            cancellationToken);
    }
}
