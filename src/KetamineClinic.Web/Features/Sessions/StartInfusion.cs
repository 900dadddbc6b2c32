using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Starts the infusion at <paramref name="AtLocal"/> (clinic time; now when empty) from the vial with this lot
/// number. The domain checks the order, the weight and the go-ahead.</summary>
public sealed record StartInfusion(Guid AppointmentId, Guid ExpectedVersion, DateTime? AtLocal, string? VialLot);

public sealed class StartInfusionValidator : AbstractValidator<StartInfusion>
{
    public StartInfusionValidator()
    {
        RuleFor(c => c.VialLot).NotEmpty().WithMessage(SessionErrors.VialLotRequired.Message)
            .MaximumLength(InfusionSession.MaxVialLotLength).WithMessage(SessionErrors.VialLotRequired.Message);
    }
}

public sealed class StartInfusionHandler(SessionWorkspace workspace, IValidator<StartInfusion> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<InfusionSession>> HandleAsync(ClaimsPrincipal user, StartInfusion command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "start the infusion",
            (session, actor, clock) => session.Start(clock.UtcOrNow(command.AtLocal), command.VialLot, actor, clock.NowUtc, clock.TodayInClinic), cancellationToken);
    }
}
