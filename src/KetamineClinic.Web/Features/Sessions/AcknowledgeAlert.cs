using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>A nurse or clinician acknowledges an open alert with the action taken; who and when are recorded.</summary>
public sealed record AcknowledgeAlert(Guid AppointmentId, Guid ExpectedVersion, Guid AlertId, string? ActionTaken);

public sealed class AcknowledgeAlertValidator : AbstractValidator<AcknowledgeAlert>
{
    public AcknowledgeAlertValidator()
    {
        RuleFor(c => c.ActionTaken).NotEmpty().WithMessage(SessionErrors.ActionRequired.Message)
            .MaximumLength(InfusionSession.MaxReasonLength).WithMessage($"At most {InfusionSession.MaxReasonLength} characters.");
    }
}

public sealed class AcknowledgeAlertHandler(SessionWorkspace workspace, IValidator<AcknowledgeAlert> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<SessionAlert>> HandleAsync(ClaimsPrincipal user, AcknowledgeAlert command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "acknowledge an alert",
            (session, actor, clock) => session.AcknowledgeAlert(command.AlertId, command.ActionTaken, actor, clock.NowUtc), cancellationToken);
    }
}
