using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>The clinician decides eligibility on the version of the assessment they see. The rules (screening answered,
/// override for a contraindication, consent and a baseline for "eligible") are the domain's
/// (<see cref="IntakeAssessment.Decide"/>). After this the assessment never changes.</summary>
public sealed record DecideEligibility(Guid PatientId, Guid AssessmentId, Guid Version, EligibilityDecision Decision, string Reason, string? OverrideReason);

public sealed class DecideEligibilityValidator : AbstractValidator<DecideEligibility>
{
    public const int MaxReasonLength = 4000;

    public DecideEligibilityValidator()
    {
        RuleFor(c => c.Decision).IsInEnum().WithMessage("Choose the decision.");
        RuleFor(c => c.Reason).NotEmpty().WithMessage(IntakeErrors.ReasonRequired.Message)
            .MaximumLength(MaxReasonLength).WithMessage($"The reasons can be at most {MaxReasonLength} characters.");
        RuleFor(c => c.OverrideReason).MaximumLength(MaxReasonLength).WithMessage($"The override reason can be at most {MaxReasonLength} characters.");
    }
}

public sealed class DecideEligibilityHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    IValidator<DecideEligibility> validator,
    TimeProvider time)
{
    public async Task<Result<IntakeAssessment>> HandleAsync(ClaimsPrincipal user, DecideEligibility command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.Assess, nameof(IntakeAssessment), command.AssessmentId, command.PatientId, "decide eligibility", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await IntakeLookup.FindEditableAsync(db, command.PatientId, command.AssessmentId, command.Version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var assessment = found.Value;

        var baselines = await db.OutcomeMeasures
            .CountAsync(m => m.IntakeAssessmentId == assessment.Id && m.Context == MeasureContext.Baseline, cancellationToken);
        var clinician = StaffIdentity.From(user);
        var decided = assessment.Decide(
            new EligibilityDecisionInput(command.Decision, command.Reason, command.OverrideReason, clinician.Id, clinician.Name),
            baselines,
            time.GetUtcNow().UtcDateTime);
        if (!decided.IsSuccess)
        {
            return decided.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return IntakeErrors.ChangedByAnother;
        }

        return assessment;
    }
}
