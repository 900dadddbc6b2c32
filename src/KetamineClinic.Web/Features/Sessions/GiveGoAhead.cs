using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>A clinician's go-ahead to infuse despite a baseline blood pressure above the protocol's threshold, with a
/// note (e.g. "repeat 138/88 after 10 min rest").</summary>
public sealed record GiveGoAhead(Guid AppointmentId, Guid ExpectedVersion, string? Note);

public sealed class GiveGoAheadValidator : AbstractValidator<GiveGoAhead>
{
    public GiveGoAheadValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty();
        RuleFor(c => c.Note).MaximumLength(InfusionSession.MaxReasonLength)
            .WithMessage($"The note can be at most {InfusionSession.MaxReasonLength} characters.");
    }
}

/// <summary>Clinicians only (<see cref="Policies.Assess"/>); the domain refuses anyone else as well.</summary>
public sealed class GiveGoAheadHandler(SessionWorkspace workspace, IValidator<GiveGoAhead> validator)
{
    public const string Policy = Policies.Assess;

    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, GiveGoAhead command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "give the go-ahead",
            (session, actor, clock) => session.GiveGoAhead(command.Note, actor, clock.NowUtc), cancellationToken);
    }
}
