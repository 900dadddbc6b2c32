using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>
/// A clinician's dose order: the dose (mg/kg, or mg/kg/h for a rate protocol), the weight used with the day it was
/// measured (by default the checklist's), the duration (by default the protocol's infusion minutes) and, outside the
/// protocol's usual range, the reason for the override. The total and the rate are computed, shown and stored.
/// </summary>
public sealed record OrderDose(Guid AppointmentId, Guid ExpectedVersion, decimal? Dose, decimal? WeightKg, DateOnly? WeightMeasuredOn, int? DurationMinutes, string? OverrideReason);

public sealed class OrderDoseValidator : AbstractValidator<OrderDose>
{
    public OrderDoseValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty();
        RuleFor(c => c.Dose).NotNull().WithMessage("Enter the dose.")
            .GreaterThan(0).WithMessage(SessionErrors.DosePositive.Message);
        RuleFor(c => c.WeightKg).NotNull().WithMessage("Enter the weight used.")
            .InclusiveBetween(DoseCalculation.MinWeightKg, DoseCalculation.MaxWeightKg).WithMessage(SessionErrors.WeightRange.Message);
        RuleFor(c => c.WeightMeasuredOn).NotNull().WithMessage("Enter the day the weight was measured.");
        RuleFor(c => c.DurationMinutes).NotNull().WithMessage("Enter the duration in minutes.")
            .InclusiveBetween(1, DoseCalculation.MaxDurationMinutes).WithMessage(SessionErrors.DurationRange.Message);
        RuleFor(c => c.OverrideReason).MaximumLength(InfusionSession.MaxReasonLength)
            .WithMessage($"The reason can be at most {InfusionSession.MaxReasonLength} characters.");
    }
}

/// <summary>Clinicians only (<see cref="Policies.Assess"/>): a nurse or intake staff member is refused and the refusal
/// audited, whatever page or request they come from. The range, ceiling and weight-age rules are the domain's.</summary>
public sealed class OrderDoseHandler(SessionWorkspace workspace, IValidator<OrderDose> validator)
{
    public const string Policy = Policies.Assess;

    public async Task<Result<DoseFigures>> HandleAsync(ClaimsPrincipal user, OrderDose command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "order a dose",
            (session, actor, clock) => session.Order(
                new DoseInput(command.Dose!.Value, command.WeightKg!.Value, command.WeightMeasuredOn!.Value, command.DurationMinutes!.Value, command.OverrideReason),
                actor, clock.NowUtc, clock.TodayInClinic),
            cancellationToken);
    }
}
