using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Courses;

public enum CourseStatus
{
    Planned = 0,
    Active = 1,
    Completed = 2,
    Discontinued = 3,
}

public enum CourseKind
{
    Induction = 1,
    Booster = 2,
}

public enum TargetComparison
{
    Below = 1,
    AtOrBelow = 2,
    ReductionPercentAtLeast = 3,
}

/// <summary>A measurable goal, e.g. "PHQ-9 below 5" or "pain NRS reduced by at least 30 %".</summary>
public sealed class OutcomeTarget
{
    public InstrumentCode Instrument { get; set; }

    public TargetComparison Comparison { get; set; }

    public int Value { get; set; }

    public string Describe() => Comparison switch
    {
        TargetComparison.Below => $"{OutcomeInstrument.Get(Instrument).ShortName} below {Value}",
        TargetComparison.AtOrBelow => $"{OutcomeInstrument.Get(Instrument).ShortName} at or below {Value}",
        _ => $"{OutcomeInstrument.Get(Instrument).ShortName} reduced by at least {Value} %",
    };
}

/// <summary>
/// A treatment plan (FHIR CarePlan): a course of infusions under one protocol version, planned by a clinician for an
/// eligible patient. A patient may have several over time (induction, later boosters).
/// </summary>
public sealed class TreatmentCourse : IVersioned
{
    public const int MaxSessions = 30;
    public const int MaxSessionsPerWeek = 5;

    /// <summary>A booster is a short course of maintenance infusions; more than this is a new induction course.</summary>
    public const int MaxBoosterSessions = 3;

    private TreatmentCourse()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public Guid ProtocolId { get; private set; }

    public int ProtocolVersion { get; private set; }

    public string ProtocolName { get; private set; } = "";

    public Guid IntakeAssessmentId { get; private set; }

    public CourseKind Kind { get; private set; }

    public Indication Indication { get; private set; }

    public int PlannedSessions { get; private set; }

    public int SessionsPerWeek { get; private set; }

    public DateOnly PlannedStart { get; private set; }

    public string Goals { get; private set; } = "";

    public List<OutcomeTarget> Targets { get; private set; } = [];

    public int ReviewAfterInfusions { get; private set; }

    public CourseStatus Status { get; private set; }

    public string? DiscontinuedReason { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public DateTime? StatusChangedUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public static Result<TreatmentCourse> Plan(CoursePlan plan, Protocol protocol, IntakeAssessment assessment, DateTime nowUtc, DateOnly todayInClinic)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(protocol);
        ArgumentNullException.ThrowIfNull(assessment);
        if (assessment.PatientId != plan.PatientId || assessment.Status != AssessmentStatus.Decided || assessment.Decision != EligibilityDecision.Eligible)
        {
            return CourseErrors.NotEligible;
        }

        if (!protocol.IsCurrent)
        {
            return CourseErrors.ProtocolNotCurrent;
        }

        if (plan.PlannedSessions is < 1 or > MaxSessions)
        {
            return CourseErrors.SessionsRange;
        }

        if (plan.Kind == CourseKind.Booster && plan.PlannedSessions > MaxBoosterSessions)
        {
            return CourseErrors.BoosterSessions;
        }

        if (plan.SessionsPerWeek is < 1 or > MaxSessionsPerWeek)
        {
            return CourseErrors.FrequencyRange;
        }

        if (plan.ReviewAfterInfusions < 1 || plan.ReviewAfterInfusions > plan.PlannedSessions)
        {
            return CourseErrors.ReviewPoint;
        }

        if (plan.PlannedStart < todayInClinic)
        {
            return CourseErrors.StartInPast;
        }

        if (string.IsNullOrWhiteSpace(plan.Goals))
        {
            return CourseErrors.GoalsRequired;
        }

        foreach (var target in plan.Targets)
        {
            var max = target.Comparison == TargetComparison.ReductionPercentAtLeast ? 100 : OutcomeInstrument.Get(target.Instrument).MaxTotal;
            if (target.Value < 0 || target.Value > max)
            {
                return CourseErrors.TargetRange(target, max);
            }
        }

        return new TreatmentCourse
        {
            PatientId = plan.PatientId,
            ProtocolId = protocol.Id,
            ProtocolVersion = protocol.VersionNumber,
            ProtocolName = protocol.Name,
            IntakeAssessmentId = assessment.Id,
            Kind = plan.Kind,
            Indication = plan.Indication,
            PlannedSessions = plan.PlannedSessions,
            SessionsPerWeek = plan.SessionsPerWeek,
            PlannedStart = plan.PlannedStart,
            Goals = plan.Goals.Trim(),
            Targets = plan.Targets.ToList(),
            ReviewAfterInfusions = plan.ReviewAfterInfusions,
            Status = CourseStatus.Planned,
            CreatedBy = plan.ClinicianId,
            CreatedByName = plan.ClinicianName,
            CreatedUtc = nowUtc,
        };
    }

    public Result<TreatmentCourse> Activate(DateTime nowUtc) => Move(CourseStatus.Active, [CourseStatus.Planned], null, nowUtc);

    public Result<TreatmentCourse> Complete(DateTime nowUtc) => Move(CourseStatus.Completed, [CourseStatus.Active], null, nowUtc);

    public Result<TreatmentCourse> Discontinue(string reason, DateTime nowUtc)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return CourseErrors.DiscontinueReasonRequired;
        }

        return Move(CourseStatus.Discontinued, [CourseStatus.Planned, CourseStatus.Active], reason.Trim(), nowUtc);
    }

    private Result<TreatmentCourse> Move(CourseStatus to, CourseStatus[] from, string? reason, DateTime nowUtc)
    {
        if (!from.Contains(Status))
        {
            return CourseErrors.IllegalTransition(Status, to);
        }

        Status = to;
        DiscontinuedReason = reason;
        StatusChangedUtc = nowUtc;
        Version = Guid.NewGuid();
        return this;
    }
}

public sealed record CoursePlan(
    Guid PatientId,
    CourseKind Kind,
    Indication Indication,
    int PlannedSessions,
    int SessionsPerWeek,
    DateOnly PlannedStart,
    string Goals,
    IReadOnlyList<OutcomeTarget> Targets,
    int ReviewAfterInfusions,
    string ClinicianId,
    string ClinicianName);

public static class CourseErrors
{
    public static readonly DomainError NotEligible = new("course.not_eligible", "A treatment plan needs a decided intake assessment that found the patient eligible.");
    public static readonly DomainError ProtocolNotCurrent = new("course.protocol_not_current", "That protocol version has been replaced; choose the current version.");
    public static readonly DomainError SessionsRange = new("course.sessions", $"The number of sessions must be from 1 to {TreatmentCourse.MaxSessions}.");
    public static readonly DomainError FrequencyRange = new("course.frequency", "Sessions per week must be from 1 to 5.");
    public static readonly DomainError ReviewPoint = new("course.review_point", "The review point must be between 1 and the number of sessions.");
    public static readonly DomainError StartInPast = new("course.start_past", "The planned start cannot be in the past.");
    public static readonly DomainError GoalsRequired = new("course.goals", "Describe the goals and expected outcomes.");
    public static readonly DomainError DiscontinueReasonRequired = new("course.discontinue_reason", "Say why the course is discontinued.");
    public static readonly DomainError NotFound = new("course.not_found", "There is no such course.");
    public static readonly DomainError BoosterSessions = new("course.booster_sessions", $"A booster course has 1 to {TreatmentCourse.MaxBoosterSessions} sessions. For more, plan a new induction course.");
    public static readonly DomainError BoosterNeedsEndedCourse = new("course.booster_after", "A booster follows a completed course. Complete the patient's course first (or plan an induction course).");
    public static readonly DomainError BoosterWhileCourseOpen = new("course.booster_open", "The patient still has a planned or active course. Complete or discontinue it before planning a booster.");

    public static DomainError IllegalTransition(CourseStatus from, CourseStatus to) =>
        new("course.transition", $"A {from.ToString().ToLowerInvariant()} course cannot become {to.ToString().ToLowerInvariant()}.");

    public static DomainError TargetRange(OutcomeTarget target, int max) =>
        new("course.target", $"The target for {OutcomeInstrument.Get(target.Instrument).ShortName} must be from 0 to {max}.");
}

/// <summary>When a booster (maintenance) course may be planned: after a completed course, and not while another course
/// is planned or active (bookings of a patient's infusions go to their one active course).</summary>
public static class BoosterRules
{
    public static DomainError? CheckPlan(IEnumerable<CourseStatus> patientsCourses)
    {
        ArgumentNullException.ThrowIfNull(patientsCourses);
        var statuses = patientsCourses.ToList();
        if (statuses.Any(s => s is CourseStatus.Planned or CourseStatus.Active))
        {
            return CourseErrors.BoosterWhileCourseOpen;
        }

        return statuses.Contains(CourseStatus.Completed) ? null : CourseErrors.BoosterNeedsEndedCourse;
    }
}
