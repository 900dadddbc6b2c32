using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Domain.Tests.Outcomes;

public sealed class OutcomeInstrumentTests
{
    private static int?[] Answers(int count, int value) => Enumerable.Repeat<int?>(value, count).ToArray();

    private static int?[] WithTotal(OutcomeInstrument instrument, int total)
    {
        // Spread a total over the items, filling each item up to its maximum.
        var answers = new int?[instrument.Items.Count];
        for (var i = 0; i < answers.Length; i++)
        {
            var take = Math.Min(instrument.ItemMax, total);
            answers[i] = take;
            total -= take;
        }

        return answers;
    }

    [Theory]
    [InlineData(InstrumentCode.Phq9, 9, 0, 3, 27)]
    [InlineData(InstrumentCode.Gad7, 7, 0, 3, 21)]
    [InlineData(InstrumentCode.PainNrs, 1, 0, 10, 10)]
    [InlineData(InstrumentCode.Pcl5, 20, 0, 4, 80)]
    [InlineData(InstrumentCode.Madrs, 10, 0, 6, 60)]
    public void Each_instrument_has_the_published_items_and_range(InstrumentCode code, int items, int min, int max, int maxTotal)
    {
        var instrument = OutcomeInstrument.Get(code);

        Assert.Equal(items, instrument.Items.Count);
        Assert.Equal(min, instrument.ItemMin);
        Assert.Equal(max, instrument.ItemMax);
        Assert.Equal(maxTotal, instrument.MaxTotal);
    }

    [Theory]
    [InlineData(InstrumentCode.Phq9, 0, "Minimal")]
    [InlineData(InstrumentCode.Phq9, 4, "Minimal")]
    [InlineData(InstrumentCode.Phq9, 5, "Mild")]
    [InlineData(InstrumentCode.Phq9, 9, "Mild")]
    [InlineData(InstrumentCode.Phq9, 10, "Moderate")]
    [InlineData(InstrumentCode.Phq9, 14, "Moderate")]
    [InlineData(InstrumentCode.Phq9, 15, "Moderately severe")]
    [InlineData(InstrumentCode.Phq9, 19, "Moderately severe")]
    [InlineData(InstrumentCode.Phq9, 20, "Severe")]
    [InlineData(InstrumentCode.Phq9, 27, "Severe")]
    [InlineData(InstrumentCode.Gad7, 4, "Minimal")]
    [InlineData(InstrumentCode.Gad7, 5, "Mild")]
    [InlineData(InstrumentCode.Gad7, 10, "Moderate")]
    [InlineData(InstrumentCode.Gad7, 15, "Severe")]
    [InlineData(InstrumentCode.Gad7, 21, "Severe")]
    [InlineData(InstrumentCode.PainNrs, 0, "No pain")]
    [InlineData(InstrumentCode.PainNrs, 3, "Mild")]
    [InlineData(InstrumentCode.PainNrs, 4, "Moderate")]
    [InlineData(InstrumentCode.PainNrs, 7, "Severe")]
    [InlineData(InstrumentCode.Pcl5, 30, "Below the provisional PTSD cut-off")]
    [InlineData(InstrumentCode.Pcl5, 31, "Provisional PTSD (cut-off 31–33)")]
    [InlineData(InstrumentCode.Pcl5, 80, "Provisional PTSD (cut-off 31–33)")]
    [InlineData(InstrumentCode.Madrs, 6, "Normal")]
    [InlineData(InstrumentCode.Madrs, 7, "Mild")]
    [InlineData(InstrumentCode.Madrs, 19, "Mild")]
    [InlineData(InstrumentCode.Madrs, 20, "Moderate")]
    [InlineData(InstrumentCode.Madrs, 34, "Moderate")]
    [InlineData(InstrumentCode.Madrs, 35, "Severe")]
    [InlineData(InstrumentCode.Madrs, 60, "Severe")]
    public void Totals_fall_in_the_published_bands(InstrumentCode code, int total, string band)
    {
        var instrument = OutcomeInstrument.Get(code);

        var score = instrument.Score(WithTotal(instrument, total));

        Assert.True(score.IsSuccess, score.Error?.Message);
        Assert.Equal(total, score.Value.Total);
        Assert.Equal(band, score.Value.Band);
    }

    [Fact]
    public void Bands_cover_every_possible_total_without_gaps_or_overlaps()
    {
        foreach (var instrument in OutcomeInstrument.All)
        {
            for (var total = 0; total <= instrument.MaxTotal; total++)
            {
                Assert.Single(instrument.Bands, b => total >= b.Min && total <= b.Max);
            }
        }
    }

    [Fact]
    public void The_total_is_the_sum_of_the_items()
    {
        var score = OutcomeInstrument.Phq9.Score([3, 2, 1, 0, 3, 2, 1, 0, 0]).Value;

        Assert.Equal(12, score.Total);
        Assert.Equal("Moderate", score.Band);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Any_positive_answer_to_PHQ9_item_9_raises_a_suicide_risk_alert(int item9)
    {
        var score = OutcomeInstrument.Phq9.Score([0, 0, 0, 0, 0, 0, 0, 0, item9]).Value;

        var alert = Assert.Single(score.Alerts);
        Assert.Equal("phq9.item9", alert.Code);
        Assert.Equal("Minimal", score.Band); // the alert stands even when the total is minimal
    }

    [Fact]
    public void PHQ9_item_9_answered_0_raises_no_alert_even_with_a_severe_total()
    {
        var score = OutcomeInstrument.Phq9.Score([3, 3, 3, 3, 3, 3, 3, 3, 0]).Value;

        Assert.Empty(score.Alerts);
        Assert.Equal("Severe", score.Band);
    }

    [Fact]
    public void Only_PHQ9_raises_the_item_9_alert()
    {
        Assert.Empty(OutcomeInstrument.Pcl5.Score(Answers(20, 1)).Value.Alerts);
        Assert.Empty(OutcomeInstrument.Madrs.Score(Answers(10, 6)).Value.Alerts);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    public void An_item_out_of_range_is_refused_with_its_number(int value)
    {
        var result = OutcomeInstrument.Phq9.Score([0, 0, value, 0, 0, 0, 0, 0, 0]);

        Assert.False(result.IsSuccess);
        Assert.Equal("outcome.item_range", result.Error!.Code);
        Assert.Contains("item 3", result.Error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_item_is_refused()
    {
        var result = OutcomeInstrument.Gad7.Score([1, 1, null, 1, 1, 1, 1]);

        Assert.Equal("outcome.item_missing", result.Error!.Code);
    }

    [Fact]
    public void The_wrong_number_of_answers_is_refused()
    {
        Assert.Equal("outcome.item_count", OutcomeInstrument.Gad7.Score(Answers(9, 0)).Error!.Code);
    }

    [Fact]
    public void MADRS_is_clinician_rated_and_the_others_are_self_report()
    {
        Assert.True(OutcomeInstrument.Madrs.ClinicianRated);
        Assert.All(OutcomeInstrument.All.Where(i => i.Code != InstrumentCode.Madrs), i => Assert.False(i.ClinicianRated));
    }
}
