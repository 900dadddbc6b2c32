using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>Staff record that the follow-up <paramref name="DaysAfter"/> days after the course's last session is not
/// needed, and why (e.g. the patient declined).</summary>
public sealed record MarkFollowUpNotNeeded(Guid CourseId, int DaysAfter, string? Reason);

public sealed class MarkFollowUpNotNeededValidator : AbstractValidator<MarkFollowUpNotNeeded>
{
    public MarkFollowUpNotNeededValidator()
    {
        RuleFor(c => c.CourseId).NotEmpty();
        RuleFor(c => c.Reason).NotEmpty().WithMessage(FollowUpErrors.ReasonRequired.Message)
            .MaximumLength(FollowUpDecision.MaxReasonLength).WithMessage(FollowUpErrors.ReasonTooLong.Message);
    }
}

/// <summary>Withdraws a "not needed" decision made by mistake: the follow-up is proposed again.</summary>
public sealed record WithdrawFollowUpDecision(Guid DecisionId, Guid Version);

/// <summary>Records and withdraws "not needed" decisions (policy <see cref="Policies.Book"/>: whoever books
/// follow-ups). Only an open proposal can be marked; the decision is kept, never deleted.</summary>
public sealed class FollowUpDecisionsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<MarkFollowUpNotNeeded> validator,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public static readonly DomainError ChangedByAnother = new(
        "follow_up.changed", "Someone else changed this decision meanwhile. The list now shows where the follow-up stands.");

    public async Task<Result<FollowUpDecision>> MarkNotNeededAsync(ClaimsPrincipal user, MarkFollowUpNotNeeded command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patientId = await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == command.CourseId).Select(c => (Guid?)c.PatientId).SingleOrDefaultAsync(cancellationToken);
        if (await DenyAsync(user, patientId, "mark a follow-up not needed", cancellationToken) is { } denied)
        {
            return denied;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        if (patientId is null)
        {
            return CourseErrors.NotFound;
        }

        var snapshot = await clinic.GetAsync(cancellationToken);
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var course = (await FollowUpQuery.LoadAsync(db, patientId, openOnly: false, settings.FollowUpDays, snapshot.TimeZone, cancellationToken))
            .FirstOrDefault(c => c.CourseId == command.CourseId);
        var proposal = course?.Proposals.FirstOrDefault(p => p.DaysAfter == command.DaysAfter);
        if (proposal is null)
        {
            return FollowUpErrors.NoSuchFollowUp;
        }

        if (proposal.State != FollowUpState.Open)
        {
            return FollowUpErrors.NotOpen;
        }

        var staff = StaffIdentity.From(user);
        var decision = FollowUpDecision.NotNeeded(patientId.Value, command.CourseId, command.DaysAfter, command.Reason, staff.Id, staff.Name, clock.GetUtcNow().UtcDateTime);
        if (!decision.IsSuccess)
        {
            return decision.Error!;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        db.FollowUpDecisions.Add(decision.Value);
        await db.SaveChangesAsync(cancellationToken);
        return decision.Value;
    }

    public async Task<Result<FollowUpDecision>> WithdrawAsync(ClaimsPrincipal user, WithdrawFollowUpDecision command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var decision = await db.FollowUpDecisions.SingleOrDefaultAsync(d => d.Id == command.DecisionId, cancellationToken);
        if (await DenyAsync(user, decision?.PatientId, "withdraw a follow-up decision", cancellationToken) is { } denied)
        {
            return denied;
        }

        if (decision is null)
        {
            return FollowUpErrors.NotFound;
        }

        if (decision.Version != command.Version)
        {
            return ChangedByAnother;
        }

        var staff = StaffIdentity.From(user);
        var withdrawn = decision.Withdraw(staff.Id, staff.Name, clock.GetUtcNow().UtcDateTime);
        if (!withdrawn.IsSuccess)
        {
            return withdrawn.Error!;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedByAnother;
        }

        return decision;
    }

    private async Task<DomainError?> DenyAsync(ClaimsPrincipal user, Guid? patientId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded)
        {
            return null;
        }

        await audit.RecordDeniedAsync(nameof(FollowUpDecision), patientId: patientId?.ToString(), what: what, cancellationToken: cancellationToken);
        return AccessErrors.NotAllowed;
    }
}
