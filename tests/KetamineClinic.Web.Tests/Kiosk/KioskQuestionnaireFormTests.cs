using Bunit;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Web.Features.Kiosk;

namespace KetamineClinic.Web.Tests.Kiosk;

/// <summary>The questionnaire the patient fills on the clinic tablet (a plain HTML form): the instrument's own answer
/// labels as large choices, and after a Submit with unanswered items a message at each of them, the first focused, with
/// every answer already chosen still chosen.</summary>
public sealed class KioskQuestionnaireFormTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();

    private IRenderedComponent<KioskQuestionnaireForm> Render(InstrumentCode instrument, IReadOnlyList<int?>? answers = null, IReadOnlyList<int>? missing = null) =>
        _ctx.Render<KioskQuestionnaireForm>(p => p
            .Add(f => f.Instrument, instrument)
            .Add(f => f.Answers, answers ?? [])
            .Add(f => f.Missing, missing ?? []));

    [Fact]
    public void Each_phq9_item_offers_its_four_worded_answers_as_radio_choices()
    {
        var cut = Render(InstrumentCode.Phq9);

        Assert.Equal(9, cut.FindAll("fieldset.kiosk-item").Count);
        var item9 = cut.Find("[data-testid='kiosk-item-9']");
        Assert.Contains("Thoughts that you would be better off dead", item9.TextContent, StringComparison.Ordinal);
        Assert.Equal(["0", "1", "2", "3"], item9.QuerySelectorAll("input[type=radio][name='item-9']").Select(i => i.GetAttribute("value")));
        Assert.Equal(["Not at all", "Several days", "More than half the days", "Nearly every day"],
            item9.QuerySelectorAll(".kiosk-choice-text").Select(l => l.TextContent.Trim()));
        Assert.Contains("Over the last 2 weeks", cut.Find("[data-testid='kiosk-stem']").TextContent, StringComparison.Ordinal);
        Assert.Empty(cut.FindAll("[data-testid='kiosk-item-error']"));
        Assert.Empty(cut.FindAll("input[checked]"));
    }

    [Fact]
    public void The_pain_scale_reads_as_numbers_with_its_ends_labelled()
    {
        var item = Render(InstrumentCode.PainNrs).Find("[data-testid='kiosk-item-1']");

        Assert.Equal(11, item.QuerySelectorAll("input[type=radio]").Length);
        Assert.Equal("No pain", item.QuerySelectorAll(".kiosk-choice-label")[0].TextContent);
        Assert.Equal("Worst pain imaginable", item.QuerySelectorAll(".kiosk-choice-label")[^1].TextContent);
    }

    [Fact]
    public void Unanswered_items_get_a_message_each_the_first_takes_the_focus_and_the_chosen_answers_stay_chosen()
    {
        var cut = Render(InstrumentCode.Gad7, [2, null, 1, 3, null, 0, 1], [2, 5]);

        Assert.Contains("Please answer questions 2 and 5", cut.Find("[data-testid='kiosk-missing-summary']").TextContent, StringComparison.Ordinal);
        var errors = cut.FindAll("[data-testid='kiosk-item-error']");
        Assert.Equal(2, errors.Count);
        Assert.Equal(["item-2-error", "item-5-error"], errors.Select(e => e.Id));
        Assert.Equal("item-2-error", cut.Find("[data-testid='kiosk-item-2']").GetAttribute("aria-describedby"));
        Assert.Contains("kiosk-missing", cut.Find("[data-testid='kiosk-item-5']").ClassList);
        Assert.DoesNotContain("kiosk-missing", cut.Find("[data-testid='kiosk-item-1']").ClassList);
        Assert.Equal([("item-1", "2"), ("item-3", "1"), ("item-4", "3"), ("item-6", "0"), ("item-7", "1")],
            cut.FindAll("input[checked]").Select(i => (i.GetAttribute("name"), i.GetAttribute("value"))));
        var focused = Assert.Single(cut.FindAll("input[autofocus]"));
        Assert.Equal(("item-2", "0"), (focused.GetAttribute("name"), focused.GetAttribute("value")));
    }

    [Fact]
    public void One_unanswered_item_is_named_alone()
    {
        var cut = Render(InstrumentCode.Phq9, [1, 1, 1, 1, 1, 1, 1, 1, null], [9]);

        Assert.Contains("Please answer question 9: it is marked below.", cut.Find("[data-testid='kiosk-missing-summary']").TextContent, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
