using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Courses;

/// <summary>A clinician plans a course of infusions for an eligible patient from the current version of a protocol.
/// The eligibility comes from the patient's latest decided intake assessment, which the handler looks up itself. A
/// booster (maintenance) course is the same plan with <see cref="CourseKind.Booster"/>: 1 to 3 sessions, only after a
/// completed course and while no other course is planned or active (<see cref="BoosterRules"/>).</summary>
public sealed record PlanTreatmentCourse(
    Guid PatientId,
    Guid ProtocolId,
    CourseKind Kind,
    Indication Indication,
    int PlannedSessions,
    int SessionsPerWeek,
    DateOnly? PlannedStart,
    string Goals,
    IReadOnlyList<PlannedTarget> Targets,
    int ReviewAfterInfusions);

/// <summary>One measurable target as typed (a row may be incomplete until validated).</summary>
public sealed record PlannedTarget(InstrumentCode? Instrument, TargetComparison? Comparison, int? Value)
{
    public int MaxValue => Comparison == TargetComparison.ReductionPercentAtLeast || Instrument is null ? 100 : OutcomeInstrument.Get(Instrument.Value).MaxTotal;
}

public sealed class PlanTreatmentCourseValidator : AbstractValidator<PlanTreatmentCourse>
{
    public const int MaxGoalsLength = 4000;
    public const int MaxTargets = 10;

    public PlanTreatmentCourseValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty();
        RuleFor(c => c.ProtocolId).NotEmpty().WithMessage("Choose the protocol.");
        RuleFor(c => c.Kind).IsInEnum().WithMessage("Choose induction or booster.");
        RuleFor(c => c.Indication).IsInEnum().WithMessage("Choose the indication.");
        RuleFor(c => c.PlannedSessions).InclusiveBetween(1, TreatmentCourse.MaxSessions).WithMessage(CourseErrors.SessionsRange.Message);
        RuleFor(c => c.PlannedSessions).LessThanOrEqualTo(TreatmentCourse.MaxBoosterSessions).When(c => c.Kind == CourseKind.Booster)
            .WithMessage(CourseErrors.BoosterSessions.Message);
        RuleFor(c => c.SessionsPerWeek).InclusiveBetween(1, 5).WithMessage(CourseErrors.FrequencyRange.Message);
        RuleFor(c => c.ReviewAfterInfusions).Must((c, r) => r >= 1 && r <= c.PlannedSessions).WithMessage(CourseErrors.ReviewPoint.Message);
        RuleFor(c => c.PlannedStart).NotNull().WithMessage("Choose the planned start date.");
        RuleFor(c => c.Goals).NotEmpty().WithMessage(CourseErrors.GoalsRequired.Message)
            .MaximumLength(MaxGoalsLength).WithMessage($"The goals can be at most {MaxGoalsLength} characters.");
        RuleFor(c => c.Targets).Must(t => t.Count <= MaxTargets).WithMessage($"At most {MaxTargets} measurable targets.");
        RuleForEach(c => c.Targets).ChildRules(target =>
        {
            target.RuleFor(t => t.Instrument).NotNull().WithMessage("Choose the measure.").IsInEnum();
            target.RuleFor(t => t.Comparison).NotNull().WithMessage("Choose how it is compared.").IsInEnum();
            target.RuleFor(t => t.Value).NotNull().WithMessage("Enter the target value.")
                .Must((t, v) => v is null || (v >= 0 && v <= t.MaxValue)).WithMessage(t => $"The target must be from 0 to {t.MaxValue}.");
        });
    }
}

public sealed class PlanTreatmentCourseHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<PlanTreatmentCourse> validator,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public async Task<Result<CourseView>> HandleAsync(ClaimsPrincipal user, PlanTreatmentCourse command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!(await authorization.AuthorizeAsync(user, Policies.Assess)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(TreatmentCourse), patientId: command.PatientId.ToString(), what: "plan a treatment course", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == command.PatientId).Select(p => new { p.IsArchived }).SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return PatientErrors.NotFound;
        }

        if (patient.IsArchived)
        {
            return PatientErrors.Archived;
        }

        var assessment = await CoursePlanning.LatestDecidedAsync(db, command.PatientId, cancellationToken);
        if (assessment is null)
        {
            return CourseErrors.NotEligible;
        }

        if (command.Kind == CourseKind.Booster
            && BoosterRules.CheckPlan(await db.TreatmentCourses.Where(c => c.PatientId == command.PatientId).Select(c => c.Status).ToListAsync(cancellationToken)) is { } notNow)
        {
            return notNow;
        }

        var protocol = await db.Protocols.SingleOrDefaultAsync(p => p.Id == command.ProtocolId, cancellationToken);
        if (protocol is null)
        {
            return ProtocolErrors.NotFound;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime((await clinic.GetAsync(cancellationToken)).ToClinicTime(now));
        var clinician = StaffIdentity.From(user);
        var plan = new CoursePlan(
            command.PatientId,
            command.Kind,
            command.Indication,
            command.PlannedSessions,
            command.SessionsPerWeek,
            command.PlannedStart!.Value,
            command.Goals,
            command.Targets.Select(t => new OutcomeTarget { Instrument = t.Instrument!.Value, Comparison = t.Comparison!.Value, Value = t.Value!.Value }).ToList(),
            command.ReviewAfterInfusions,
            clinician.Id,
            clinician.Name);
        var course = TreatmentCourse.Plan(plan, protocol, assessment, now, today);
        if (!course.IsSuccess)
        {
            return course.Error!;
        }

        db.TreatmentCourses.Add(course.Value);
        await db.SaveChangesAsync(cancellationToken);
        return ListCoursesHandler.ToView(course.Value);
    }
}
