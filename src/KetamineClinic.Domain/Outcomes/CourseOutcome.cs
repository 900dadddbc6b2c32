using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>One score as the course sees it.</summary>
public sealed record ScorePoint(Guid MeasureId, InstrumentCode Instrument, MeasureContext Context, DateTime TakenUtc, int Total, Guid? IntakeAssessmentId, Guid? CourseId);

/// <summary>An instrument's course: the baseline it is judged against, the scores taken during and after the course,
/// and the response worked out from the latest of them (null when nothing was taken after the baseline).</summary>
public sealed record InstrumentTrajectory(InstrumentCode Instrument, ScorePoint? Baseline, IReadOnlyList<ScorePoint> Scores, CourseResponse? Response)
{
    public bool IsPrimary { get; init; }
}

public enum ReviewState
{
    /// <summary>Fewer infusions given than the review point.</summary>
    NotYet = 1,

    /// <summary>At or past the review point and responding (or in remission) on a primary measure.</summary>
    Responding = 2,

    /// <summary>At or past the review point without a response: the plan should be reviewed.</summary>
    ReviewDue = 3,

    /// <summary>The course has ended (completed or discontinued); no prompt.</summary>
    Ended = 4,
}

/// <summary>The protocol's review point: after <see cref="ReviewAfterInfusions"/> infusions without a response the
/// clinician is prompted to review the plan (domain.md, "Outcome measures").</summary>
public sealed record ReviewPoint(ReviewState State, int ReviewAfterInfusions, int InfusionsGiven, string Message)
{
    public bool Due => State == ReviewState.ReviewDue;
}

/// <summary>What a course's measures say: each instrument's trajectory and response, and the review prompt.</summary>
public sealed record CourseOutcome(IReadOnlyList<InstrumentTrajectory> Instruments, ReviewPoint Review);

/// <summary>
/// Works out how a course is going from its measures. The baseline of an instrument is the latest baseline taken at
/// the course's intake assessment (else the latest baseline before the course's first infusion); the scores are the
/// measures recorded for the course (before infusions and at follow-ups); the response compares the latest score with
/// the baseline. The primary measures of an indication decide the review prompt.
/// </summary>
public static class CourseOutcomes
{
    /// <summary>The measures that say whether a course for this indication works. "Other" has none of its own: any
    /// measure taken counts.</summary>
    public static IReadOnlyList<InstrumentCode> PrimaryInstruments(Indication indication) => indication switch
    {
        Indication.TreatmentResistantDepression => [InstrumentCode.Phq9, InstrumentCode.Madrs],
        Indication.ChronicPain => [InstrumentCode.PainNrs],
        Indication.Ptsd => [InstrumentCode.Pcl5],
        _ => [],
    };

    public static CourseOutcome Evaluate(
        Guid courseId,
        Guid intakeAssessmentId,
        Indication indication,
        CourseStatus status,
        int reviewAfterInfusions,
        int infusionsGiven,
        DateTime? firstInfusionUtc,
        IEnumerable<ScorePoint> patientMeasures)
    {
        ArgumentNullException.ThrowIfNull(patientMeasures);
        var measures = patientMeasures.ToList();
        var primary = PrimaryInstruments(indication);
        var trajectories = new List<InstrumentTrajectory>();
        foreach (var instrument in OutcomeInstrument.All.Select(i => i.Code))
        {
            var ofInstrument = measures.Where(m => m.Instrument == instrument).OrderBy(m => m.TakenUtc).ToList();
            var baseline = ofInstrument.LastOrDefault(m => m.Context == MeasureContext.Baseline && m.IntakeAssessmentId == intakeAssessmentId)
                ?? ofInstrument.LastOrDefault(m => m.Context == MeasureContext.Baseline && (firstInfusionUtc is null || m.TakenUtc <= firstInfusionUtc));
            var scores = ofInstrument.Where(m => m.CourseId == courseId && m.Context != MeasureContext.Baseline).ToList();
            if (baseline is null && scores.Count == 0)
            {
                continue;
            }

            var response = scores.Count == 0 ? null : CourseResponse.Assess(instrument, baseline?.Total, scores[^1].Total);
            trajectories.Add(new InstrumentTrajectory(instrument, baseline, scores, response)
            {
                IsPrimary = primary.Count == 0 || primary.Contains(instrument),
            });
        }

        return new CourseOutcome(trajectories, Review(status, reviewAfterInfusions, infusionsGiven, trajectories));
    }

    /// <summary>The review prompt: due once <paramref name="infusionsGiven"/> reaches the review point while no
    /// primary measure shows a response or remission (missing scores count as no response: the plan needs a look).</summary>
    public static ReviewPoint Review(CourseStatus status, int reviewAfterInfusions, int infusionsGiven, IReadOnlyList<InstrumentTrajectory> trajectories)
    {
        ArgumentNullException.ThrowIfNull(trajectories);
        if (status is CourseStatus.Completed or CourseStatus.Discontinued)
        {
            return new(ReviewState.Ended, reviewAfterInfusions, infusionsGiven, $"Course {status.ToString().ToLowerInvariant()}.");
        }

        if (infusionsGiven < reviewAfterInfusions)
        {
            var left = reviewAfterInfusions - infusionsGiven;
            return new(ReviewState.NotYet, reviewAfterInfusions, infusionsGiven,
                $"Review point after {reviewAfterInfusions} infusions ({left} to go).");
        }

        var primary = trajectories.Where(t => t.IsPrimary).ToList();
        var working = primary.FirstOrDefault(t => t.Response is { } r && (r.Status == ResponseStatus.Response || r.Remission));
        if (working is not null)
        {
            return new(ReviewState.Responding, reviewAfterInfusions, infusionsGiven,
                $"{OutcomeInstrument.Get(working.Instrument).ShortName}: {working.Response!.Label}.");
        }

        var judged = primary.Count(t => t.Response is { Status: not (ResponseStatus.NoBaseline or ResponseStatus.BaselineZero) });
        var why = primary.Count == 0 ? "no measure has been recorded"
            : primary.All(t => t.Response is null) ? "no score since the baseline"
            : judged == 0 ? "response cannot be judged without a usable baseline"
            : "no response";
        return new(ReviewState.ReviewDue, reviewAfterInfusions, infusionsGiven,
            $"{infusionsGiven} infusions given and {why}: review the plan (the protocol's review point is {reviewAfterInfusions}).");
    }
}
