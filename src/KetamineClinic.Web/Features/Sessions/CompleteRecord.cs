using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>The nurse completes the record after discharge (or after "not started"); refused while an alert is open.
/// A clinician then signs it.</summary>
public sealed record CompleteRecord(Guid AppointmentId, Guid Version);

public sealed class CompleteRecordValidator : AbstractValidator<CompleteRecord>
{
    public CompleteRecordValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().WithMessage("Choose the session.");
        RuleFor(c => c.Version).NotEmpty().WithMessage("Reload the session: it has not been opened yet.");
    }
}

public sealed class CompleteRecordHandler(SessionWorkspace workspace, IValidator<CompleteRecord> validator)
{
    public Task<Result<SessionSaved>> HandleAsync(ClaimsPrincipal user, CompleteRecord command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.Version, Policies.RunSession, "complete the session record",
            (session, actor, clock) => SessionSaved.After(session.CompleteRecord(actor, clock.NowUtc), session, clock),
            cancellationToken);
    }
}
