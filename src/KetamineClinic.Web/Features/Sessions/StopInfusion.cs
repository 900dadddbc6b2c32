using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Stops the infusion; observation starts. Before the ordered duration the domain asks for the reason.</summary>
public sealed record StopInfusion(Guid AppointmentId, Guid ExpectedVersion, DateTime? AtLocal, string? Reason);

public sealed class StopInfusionValidator : AbstractValidator<StopInfusion>
{
    public StopInfusionValidator()
    {
        RuleFor(c => c.Reason).MaximumLength(InfusionSession.MaxReasonLength).WithMessage(SessionErrors.ReasonRequired.Message);
    }
}

public sealed class StopInfusionHandler(SessionWorkspace workspace, IValidator<StopInfusion> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, StopInfusion command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "stop the infusion",
            (session, actor, clock) => session.Stop(clock.UtcOrNow(command.AtLocal), command.Reason, actor, clock.NowUtc), cancellationToken);
    }
}
