using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Courses;

public enum CourseStatusChange
{
    Activate = 1,
    Complete = 2,
    Discontinue = 3,
}

/// <summary>A clinician activates, completes or discontinues (with a reason) a treatment course. <paramref name="Version"/>
/// is the course as the clinician saw it.</summary>
public sealed record ChangeCourseStatus(Guid CourseId, CourseStatusChange Change, string? Reason, Guid Version);

public sealed class ChangeCourseStatusValidator : AbstractValidator<ChangeCourseStatus>
{
    public const int MaxReasonLength = 1000;

    public ChangeCourseStatusValidator()
    {
        RuleFor(c => c.CourseId).NotEmpty();
        RuleFor(c => c.Change).IsInEnum();
        RuleFor(c => c.Reason).NotEmpty().When(c => c.Change == CourseStatusChange.Discontinue).WithMessage(CourseErrors.DiscontinueReasonRequired.Message)
            .MaximumLength(MaxReasonLength).WithMessage($"The reason can be at most {MaxReasonLength} characters.");
    }
}

public sealed class ChangeCourseStatusHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<ChangeCourseStatus> validator,
    PatientRecordAudit audit,
    TimeProvider clock)
{
    public static readonly DomainError ChangedByAnother = new(
        "course.changed",
        "Someone else changed this course meanwhile. Its current state is now shown; check it and try again.");

    public async Task<Result<CourseView>> HandleAsync(ClaimsPrincipal user, ChangeCourseStatus command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!(await authorization.AuthorizeAsync(user, Policies.Assess)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(TreatmentCourse), command.CourseId.ToString(), what: "change a course's status", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var course = await db.TreatmentCourses.SingleOrDefaultAsync(c => c.Id == command.CourseId, cancellationToken);
        if (course is null)
        {
            return CourseErrors.NotFound;
        }

        if (course.Version != command.Version)
        {
            return ChangedByAnother;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var changed = command.Change switch
        {
            CourseStatusChange.Activate => course.Activate(now),
            CourseStatusChange.Complete => course.Complete(now),
            _ => course.Discontinue(command.Reason ?? "", now),
        };
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedByAnother;
        }

        return ListCoursesHandler.ToView(course);
    }
}
