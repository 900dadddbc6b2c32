using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Ends a session that will not reach the infusion (fasting not met, blood pressure too high, the patient's
/// wish), with the reason. <paramref name="ExpectedVersion"/> is null when no session was opened yet (the checklist
/// was refused before anything was saved).</summary>
public sealed record MarkNotStarted(Guid AppointmentId, Guid? ExpectedVersion, string? Reason);

public sealed class MarkNotStartedValidator : AbstractValidator<MarkNotStarted>
{
    public MarkNotStartedValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the infusion will not start.")
            .MaximumLength(InfusionSession.MaxReasonLength).WithMessage($"The reason can be at most {InfusionSession.MaxReasonLength} characters.");
    }
}

/// <summary>Those who run the session (<see cref="Policies.RunSession"/>: nurse, clinician) or check patients in
/// (<see cref="Policies.CheckIn"/>: intake staff, nurse).</summary>
public sealed class MarkNotStartedHandler(SessionWorkspace workspace, IAuthorizationService authorization, IValidator<MarkNotStarted> validator)
{
    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, MarkNotStarted command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        // The workspace checks the policy again, and records the refusal when neither applies.
        var policy = (await authorization.AuthorizeAsync(user, Policies.RunSession)).Succeeded ? Policies.RunSession : Policies.CheckIn;
        return await workspace.ChangeAsync(user, command.AppointmentId, command.ExpectedVersion, policy, "mark the session not started",
            (session, actor, clock) => session.MarkNotStarted(command.Reason, actor, clock.NowUtc), cancellationToken, openIfMissing: true);
    }
}
