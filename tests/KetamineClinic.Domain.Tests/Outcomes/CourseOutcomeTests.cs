using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class CourseOutcomeTests
{
    private static readonly Guid Course = Guid.NewGuid();
    private static readonly Guid Intake = Guid.NewGuid();
    private static readonly DateTime Day0 = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static ScorePoint Baseline(InstrumentCode instrument, int total, int day = 0, Guid? intake = null) =>
        new(Guid.NewGuid(), instrument, MeasureContext.Baseline, Day0.AddDays(day), total, intake ?? Intake, null);

    private static ScorePoint During(InstrumentCode instrument, int total, int day, Guid? course = null) =>
        new(Guid.NewGuid(), instrument, MeasureContext.PreInfusion, Day0.AddDays(day), total, null, course ?? Course);

    private static CourseOutcome Evaluate(int infusions, params ScorePoint[] measures) =>
        Evaluate(Indication.TreatmentResistantDepression, CourseStatus.Active, infusions, measures);

    private static CourseOutcome Evaluate(Indication indication, CourseStatus status, int infusions, params ScorePoint[] measures) =>
        CourseOutcomes.Evaluate(Course, Intake, indication, status, reviewAfterInfusions: 4, infusions, Day0.AddDays(7), measures);

    [Fact]
    public void The_latest_course_score_is_judged_against_the_intake_baseline()
    {
        var outcome = Evaluate(3, Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 16, 8), During(InstrumentCode.Phq9, 9, 12));

        var phq9 = Assert.Single(outcome.Instruments);
        Assert.Equal(20, phq9.Baseline!.Total);
        Assert.Equal([16, 9], phq9.Scores.Select(s => s.Total));
        Assert.Equal(ResponseStatus.Response, phq9.Response!.Status);
        Assert.Equal(55.0m, phq9.Response.ReductionPercent);
        Assert.True(phq9.IsPrimary);
    }

    [Fact]
    public void Scores_of_another_course_are_not_this_course_s()
    {
        var outcome = Evaluate(2, Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 4, 8, course: Guid.NewGuid()));

        var phq9 = Assert.Single(outcome.Instruments);
        Assert.Empty(phq9.Scores);
        Assert.Null(phq9.Response);
    }

    [Fact]
    public void Without_the_intake_s_baseline_the_latest_baseline_before_the_first_infusion_is_used()
    {
        var outcome = Evaluate(2,
            Baseline(InstrumentCode.Phq9, 18, day: 1, intake: Guid.NewGuid()),
            Baseline(InstrumentCode.Phq9, 22, day: 30, intake: Guid.NewGuid()),
            During(InstrumentCode.Phq9, 9, 8));

        Assert.Equal(18, Assert.Single(outcome.Instruments).Baseline!.Total);
    }

    [Fact]
    public void A_missing_baseline_gives_no_response_figure()
    {
        var outcome = Evaluate(4, During(InstrumentCode.Phq9, 9, 8));

        var phq9 = Assert.Single(outcome.Instruments);
        Assert.Null(phq9.Baseline);
        Assert.Equal(ResponseStatus.NoBaseline, phq9.Response!.Status);
        Assert.True(outcome.Review.Due);
        Assert.Contains("usable baseline", outcome.Review.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_baseline_of_zero_cannot_show_a_response_and_prompts_a_review()
    {
        var outcome = Evaluate(4, Baseline(InstrumentCode.Phq9, 0), During(InstrumentCode.Phq9, 6, 8));

        Assert.Equal(ResponseStatus.BaselineZero, Assert.Single(outcome.Instruments).Response!.Status);
        Assert.Equal(ReviewState.ReviewDue, outcome.Review.State);
    }

    [Fact]
    public void A_baseline_of_zero_with_a_score_still_in_remission_counts_as_working()
    {
        var outcome = Evaluate(4, Baseline(InstrumentCode.Phq9, 0), During(InstrumentCode.Phq9, 2, 8));

        Assert.Equal(ReviewState.Responding, outcome.Review.State);
    }

    [Fact]
    public void Before_the_review_point_there_is_no_prompt()
    {
        var outcome = Evaluate(3, Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 19, 8));

        Assert.Equal(ReviewState.NotYet, outcome.Review.State);
        Assert.Contains("1 to go", outcome.Review.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void At_the_review_point_without_a_response_the_plan_is_due_for_review()
    {
        var outcome = Evaluate(4, Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 11, 8));

        Assert.Equal(ReviewState.ReviewDue, outcome.Review.State);
        Assert.Equal("4 infusions given and no response: review the plan (the protocol's review point is 4).", outcome.Review.Message);
    }

    [Fact]
    public void At_the_review_point_a_response_on_a_primary_measure_means_no_prompt()
    {
        var outcome = Evaluate(4, Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 10, 8));

        Assert.Equal(ReviewState.Responding, outcome.Review.State);
        Assert.Equal("PHQ-9: Response (50.0% reduction).", outcome.Review.Message);
    }

    [Fact]
    public void Remission_without_a_half_reduction_still_counts_as_working()
    {
        var outcome = Evaluate(5, Baseline(InstrumentCode.Phq9, 7), During(InstrumentCode.Phq9, 4, 8));

        Assert.Equal(ReviewState.Responding, outcome.Review.State);
    }

    [Fact]
    public void A_response_on_a_measure_that_is_not_primary_does_not_stop_the_prompt()
    {
        var outcome = Evaluate(4,
            Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 18, 8),
            Baseline(InstrumentCode.Gad7, 16), During(InstrumentCode.Gad7, 4, 8));

        Assert.False(outcome.Instruments.Single(t => t.Instrument == InstrumentCode.Gad7).IsPrimary);
        Assert.True(outcome.Review.Due);
    }

    [Fact]
    public void A_pain_course_is_judged_on_the_pain_score()
    {
        var outcome = Evaluate(Indication.ChronicPain, CourseStatus.Active, 4,
            Baseline(InstrumentCode.PainNrs, 8), During(InstrumentCode.PainNrs, 4, 8),
            Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 19, 8));

        Assert.Equal(ReviewState.Responding, outcome.Review.State);
        Assert.StartsWith("Pain NRS: Substantial improvement", outcome.Review.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_scores_after_the_baseline_at_the_review_point_prompts_a_review()
    {
        var outcome = Evaluate(4, Baseline(InstrumentCode.Phq9, 20));

        Assert.True(outcome.Review.Due);
        Assert.Contains("no score since the baseline", outcome.Review.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_measures_at_all_at_the_review_point_prompts_a_review()
    {
        var outcome = Evaluate(6);

        Assert.Empty(outcome.Instruments);
        Assert.Contains("no measure has been recorded", outcome.Review.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(CourseStatus.Completed)]
    [InlineData(CourseStatus.Discontinued)]
    public void An_ended_course_is_not_prompted(CourseStatus status)
    {
        var outcome = Evaluate(Indication.TreatmentResistantDepression, status, 6, Baseline(InstrumentCode.Phq9, 20), During(InstrumentCode.Phq9, 19, 8));

        Assert.Equal(ReviewState.Ended, outcome.Review.State);
        Assert.False(outcome.Review.Due);
    }

    [Fact]
    public void For_other_indications_any_measure_taken_is_primary()
    {
        var outcome = Evaluate(Indication.Other, CourseStatus.Active, 4, Baseline(InstrumentCode.Gad7, 16), During(InstrumentCode.Gad7, 6, 8));

        Assert.True(Assert.Single(outcome.Instruments).IsPrimary);
        Assert.Equal(ReviewState.Responding, outcome.Review.State);
    }
}
