using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Adds a side effect (<paramref name="SideEffectId"/> null) or changes one, e.g. to set when it resolved.
/// Times are clinic local; an empty onset means now.</summary>
public sealed record RecordSideEffect(
    Guid AppointmentId,
    Guid ExpectedVersion,
    Guid? SideEffectId,
    SideEffectType? Type,
    string? OtherDescription,
    DateTime? OnsetLocal,
    SideEffectSeverity? Severity,
    int? Moaas,
    int? DissociationRating,
    int? Cadss,
    SideEffectAction? Action,
    string? ActionNote,
    DateTime? ResolvedLocal);

public sealed class RecordSideEffectValidator : AbstractValidator<RecordSideEffect>
{
    public const int MaxTextLength = 500;

    public RecordSideEffectValidator()
    {
        RuleFor(c => c.Type).NotNull().WithMessage("Choose the side effect.");
        RuleFor(c => c.OtherDescription).NotEmpty().When(c => c.Type == SideEffectType.Other).WithMessage(SessionErrors.SideEffectDescribe.Message);
        RuleFor(c => c.OtherDescription).MaximumLength(MaxTextLength).WithMessage($"At most {MaxTextLength} characters.");
        RuleFor(c => c.Severity).NotNull().WithMessage("Choose the severity.");
        RuleFor(c => c.Moaas).NotNull().When(c => c.Type == SideEffectType.Sedation).WithMessage(SessionErrors.MoaasRequired.Message);
        RuleFor(c => c.Moaas).InclusiveBetween(0, 5).When(c => c.Moaas is not null).WithMessage(SessionErrors.MoaasRange.Message);
        RuleFor(c => c.DissociationRating).NotNull().When(c => c.Type == SideEffectType.Dissociation).WithMessage(SessionErrors.DissociationRequired.Message);
        RuleFor(c => c.DissociationRating).InclusiveBetween(0, 4).When(c => c.DissociationRating is not null).WithMessage(SessionErrors.DissociationRange.Message);
        RuleFor(c => c.Cadss).InclusiveBetween(0, 92).When(c => c.Cadss is not null).WithMessage(SessionErrors.CadssRange.Message);
        RuleFor(c => c.Action).NotNull().WithMessage("Choose the action taken (or none).");
        RuleFor(c => c.ActionNote).NotEmpty().When(c => c.Action == SideEffectAction.Other).WithMessage(SessionErrors.ActionNoteRequired.Message);
        RuleFor(c => c.ActionNote).MaximumLength(MaxTextLength).WithMessage($"At most {MaxTextLength} characters.");
        RuleFor(c => c.ResolvedLocal).Must((c, resolved) => resolved is null || c.OnsetLocal is null || resolved >= c.OnsetLocal)
            .WithMessage(SessionErrors.ResolvedBeforeOnset.Message);
    }
}

public sealed class RecordSideEffectHandler(SessionWorkspace workspace, IValidator<RecordSideEffect> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<SideEffect>> HandleAsync(ClaimsPrincipal user, RecordSideEffect command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy,
            command.SideEffectId is null ? "record a side effect" : "change a side effect",
            (session, actor, clock) => session.RecordSideEffect(command.SideEffectId, new SideEffectInput(
                command.Type!.Value, command.OtherDescription, clock.UtcOrNow(command.OnsetLocal), command.Severity!.Value, command.Moaas,
                command.DissociationRating, command.Cadss, command.Action!.Value, command.ActionNote,
                command.ResolvedLocal is { } resolved ? clock.ToUtc(resolved) : null), actor, clock.NowUtc), cancellationToken);
    }
}
