using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Slows the infusion to a new rate below the current one, with the reason.</summary>
public sealed record SlowInfusion(Guid AppointmentId, Guid ExpectedVersion, DateTime? AtLocal, decimal? NewRateMgPerHour, string? Reason);

public sealed class SlowInfusionValidator : AbstractValidator<SlowInfusion>
{
    public SlowInfusionValidator()
    {
        RuleFor(c => c.NewRateMgPerHour).NotNull().WithMessage("Enter the new rate in mg/h.")
            .GreaterThan(0).WithMessage("The new rate must be above 0 mg/h.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say why the infusion is slowed.")
            .MaximumLength(InfusionSession.MaxReasonLength).WithMessage(SessionErrors.ReasonRequired.Message);
    }
}

public sealed class SlowInfusionHandler(SessionWorkspace workspace, IValidator<SlowInfusion> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, SlowInfusion command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "slow the infusion",
            (session, actor, clock) => session.Slow(clock.UtcOrNow(command.AtLocal), command.NewRateMgPerHour!.Value, command.Reason, actor, clock.NowUtc), cancellationToken);
    }
}
