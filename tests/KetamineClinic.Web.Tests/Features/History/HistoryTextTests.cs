using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Web.Features.History;
using KetamineClinic.Web.Features.History.Charts;

namespace KetamineClinic.Web.Tests.Features.History;

/// <summary>The words the history and the summary put on a course's outcome and a session's duration, and the axis
/// arithmetic of the charts.</summary>
public sealed class HistoryTextTests
{
    private static readonly DateTime Day = new(2026, 3, 2, 9, 0, 0, DateTimeKind.Utc);

    private static InstrumentTrajectory Trajectory(InstrumentCode instrument, int? baseline, params int[] scores)
    {
        var points = scores.Select((s, i) => new ScorePoint(Guid.NewGuid(), instrument, MeasureContext.PreInfusion, Day.AddDays(i + 1), s, null, null)).ToList();
        return new InstrumentTrajectory(
            instrument,
            baseline is { } b ? new ScorePoint(Guid.NewGuid(), instrument, MeasureContext.Baseline, Day, b, null, null) : null,
            points,
            points.Count == 0 ? null : CourseResponse.Assess(instrument, baseline, scores[^1]));
    }

    [Theory]
    [InlineData(InstrumentCode.Phq9, 20, new[] { 16, 9 }, "PHQ-9: Response (55.0% reduction) — remission not yet (≤ 4)")]
    [InlineData(InstrumentCode.Phq9, 20, new[] { 12, 4 }, "PHQ-9: Remission (80.0% reduction)")]
    [InlineData(InstrumentCode.Phq9, 21, new[] { 18 }, "PHQ-9: No response (14.3% reduction)")]
    [InlineData(InstrumentCode.Phq9, 20, new[] { 13 }, "PHQ-9: Partial improvement (35.0% reduction) — remission not yet (≤ 4)")]
    [InlineData(InstrumentCode.Madrs, 30, new[] { 10 }, "MADRS: Remission (66.7% reduction)")]
    [InlineData(InstrumentCode.Gad7, 16, new[] { 8 }, "GAD-7: Response (50.0% reduction)")]
    [InlineData(InstrumentCode.Phq9, 0, new[] { 3 }, "PHQ-9: Baseline was 0: response cannot be judged")]
    public void The_outcome_label_names_the_instrument_the_response_and_whether_remission_is_reached(InstrumentCode instrument, int baseline, int[] scores, string expected) =>
        Assert.Equal(expected, HistoryText.ResponseLabel(Trajectory(instrument, baseline, scores)));

    [Fact]
    public void Without_a_score_since_the_baseline_or_without_a_baseline_the_label_says_so()
    {
        Assert.Equal("PHQ-9: baseline 20, no score since", HistoryText.ResponseLabel(Trajectory(InstrumentCode.Phq9, 20)));
        Assert.Equal("PHQ-9: No baseline recorded", HistoryText.ResponseLabel(Trajectory(InstrumentCode.Phq9, null, 12)));
    }

    [Fact]
    public void The_duration_shows_the_ordered_minutes_only_when_the_drug_ran_for_less_or_more()
    {
        Assert.Equal("40 min", HistoryText.Duration(TimeSpan.FromMinutes(40), 40));
        Assert.Equal("25 of 40 min", HistoryText.Duration(TimeSpan.FromMinutes(24.6), 40));
        Assert.Equal("150 min", HistoryText.Duration(TimeSpan.FromMinutes(150), null));
    }

    [Fact]
    public void Axis_ticks_are_round_values_inside_the_range()
    {
        Assert.Equal([0, 5, 10, 15, 20, 25], ChartAxis.Ticks(0, 27, 5));
        Assert.Equal([40, 60, 80, 100, 120, 140, 160, 180, 200], ChartAxis.Ticks(40, 200, 6));
        Assert.Equal([-20, 0, 20, 40, 60], ChartAxis.Ticks(-20, 70, 4));
    }

    [Fact]
    public void Day_ticks_step_by_a_day_a_week_or_more_to_stay_readable()
    {
        var from = new DateTime(2026, 3, 2);
        Assert.Equal(8, ChartAxis.DayTicks(from, from.AddDays(7)).Count);
        Assert.Equal([from, from.AddDays(7), from.AddDays(14), from.AddDays(21), from.AddDays(28)], ChartAxis.DayTicks(from, from.AddDays(30)));
        Assert.Equal(from.AddDays(1), ChartAxis.DayTicks(from.AddHours(9), from.AddDays(5))[0]);
    }

    [Fact]
    public void A_linear_scale_maps_upwards_for_a_y_axis_and_clamps_when_asked()
    {
        var y = new LinearScale(0, 27, 226, 12);

        Assert.Equal(226, y.Map(0));
        Assert.Equal(12, y.Map(27));
        Assert.Equal(12, y.MapClamped(40));
        Assert.Equal((226 + 12) / 2.0, new LinearScale(5, 5, 226, 12).Map(5));
    }
}
