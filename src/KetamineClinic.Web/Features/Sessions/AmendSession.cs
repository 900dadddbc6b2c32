using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>A correction to a signed session: what it corrects (e.g. "Nurse's note", "Vitals 10:20"), the correction
/// and the reason. Any nurse or clinician may amend; the author and time are recorded and the original stays.</summary>
public sealed record AmendSession(Guid AppointmentId, Guid Version, string? RefersTo, string? Text, string? Reason);

public sealed class AmendSessionValidator : AbstractValidator<AmendSession>
{
    public const int MaxRefersToLength = 200;

    public AmendSessionValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().WithMessage("Choose the session.");
        RuleFor(c => c.Version).NotEmpty().WithMessage("Reload the session: it has not been opened yet.");
        RuleFor(c => c.RefersTo).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(SessionErrors.AmendRefersTo.Message)
            .MaximumLength(MaxRefersToLength).WithMessage($"Say what it corrects in at most {MaxRefersToLength} characters.");
        RuleFor(c => c.Text).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(SessionErrors.AmendText.Message)
            .MaximumLength(SessionAmendment.MaxTextLength).WithMessage(SessionErrors.AmendText.Message);
        RuleFor(c => c.Reason).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Say why the record is corrected.")
            .MaximumLength(InfusionSession.MaxReasonLength).WithMessage(SessionErrors.ReasonRequired.Message);
    }
}

public sealed class AmendSessionHandler(SessionWorkspace workspace, IValidator<AmendSession> validator)
{
    public Task<Result<SessionSaved>> HandleAsync(ClaimsPrincipal user, AmendSession command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.Version, Policies.RunSession, "amend the signed session",
            (session, actor, clock) => SessionSaved.After(session.Amend(command.RefersTo, command.Text, command.Reason, actor, clock.NowUtc), session, clock),
            cancellationToken);
    }
}
