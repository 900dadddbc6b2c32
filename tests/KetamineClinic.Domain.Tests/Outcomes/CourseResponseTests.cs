using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class CourseResponseTests
{
    [Fact]
    public void Half_the_baseline_is_a_response()
    {
        var result = CourseResponse.Assess(InstrumentCode.Phq9, baseline: 20, latest: 10);

        Assert.Equal(ResponseStatus.Response, result.Status);
        Assert.Equal(50.0m, result.ReductionPercent);
        Assert.False(result.Remission);
    }

    [Fact]
    public void Just_short_of_half_is_not_a_response()
    {
        var result = CourseResponse.Assess(InstrumentCode.Phq9, baseline: 21, latest: 11);

        Assert.Equal(ResponseStatus.PartialImprovement, result.Status);
    }

    [Theory]
    [InlineData(4, true)]
    [InlineData(5, false)]
    public void PHQ9_remission_is_a_total_below_5(int latest, bool remission)
    {
        Assert.Equal(remission, CourseResponse.Assess(InstrumentCode.Phq9, 20, latest).Remission);
    }

    [Theory]
    [InlineData(10, true)]
    [InlineData(11, false)]
    public void MADRS_remission_is_a_total_of_10_or_less(int latest, bool remission)
    {
        Assert.Equal(remission, CourseResponse.Assess(InstrumentCode.Madrs, 34, latest).Remission);
    }

    [Fact]
    public void GAD7_has_response_but_no_remission_rule()
    {
        var result = CourseResponse.Assess(InstrumentCode.Gad7, 16, 2);

        Assert.Equal(ResponseStatus.Response, result.Status);
        Assert.False(result.Remission);
    }

    [Fact]
    public void A_baseline_of_zero_cannot_be_judged()
    {
        var result = CourseResponse.Assess(InstrumentCode.Phq9, 0, 0);

        Assert.Equal(ResponseStatus.BaselineZero, result.Status);
        Assert.Null(result.ReductionPercent);
    }

    [Fact]
    public void A_missing_baseline_is_said_plainly()
    {
        var result = CourseResponse.Assess(InstrumentCode.Phq9, null, 12);

        Assert.Equal(ResponseStatus.NoBaseline, result.Status);
        Assert.Equal("No baseline recorded", result.Label);
    }

    [Fact]
    public void A_score_worse_than_baseline_is_labelled_as_worse()
    {
        var result = CourseResponse.Assess(InstrumentCode.Phq9, 10, 15);

        Assert.Equal(ResponseStatus.NoResponse, result.Status);
        Assert.StartsWith("Worse than baseline", result.Label, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(8, 6, ResponseStatus.NoResponse, "No response (25.0% reduction)")]
    [InlineData(10, 7, ResponseStatus.PartialImprovement, "Moderate improvement (30.0%)")]
    [InlineData(8, 4, ResponseStatus.Response, "Substantial improvement (50.0%)")]
    public void Pain_improvement_follows_the_IMMPACT_thresholds(int baseline, int latest, ResponseStatus status, string label)
    {
        var result = CourseResponse.Assess(InstrumentCode.PainNrs, baseline, latest);

        Assert.Equal(status, result.Status);
        Assert.Equal(label, result.Label);
    }

    [Theory]
    [InlineData(50, 41, false)]
    [InlineData(50, 40, true)]
    public void PCL5_change_is_meaningful_from_10_points(int baseline, int latest, bool meaningful)
    {
        Assert.Equal(meaningful, CourseResponse.Assess(InstrumentCode.Pcl5, baseline, latest).MeaningfulChange);
    }
}
