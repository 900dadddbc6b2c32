using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Pauses the running infusion at <paramref name="AtLocal"/> (clinic time; now when empty), with the reason.</summary>
public sealed record PauseInfusion(Guid AppointmentId, Guid ExpectedVersion, DateTime? AtLocal, string? Reason);

public sealed class PauseInfusionValidator : AbstractValidator<PauseInfusion>
{
    public PauseInfusionValidator()
    {
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the infusion is paused.")
            .MaximumLength(InfusionSession.MaxReasonLength).WithMessage(SessionErrors.ReasonRequired.Message);
    }
}

public sealed class PauseInfusionHandler(SessionWorkspace workspace, IValidator<PauseInfusion> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, PauseInfusion command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "pause the infusion",
            (session, actor, clock) => session.Pause(clock.UtcOrNow(command.AtLocal), command.Reason, actor, clock.NowUtc), cancellationToken);
    }
}
