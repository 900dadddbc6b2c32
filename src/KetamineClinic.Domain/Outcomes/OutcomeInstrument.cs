using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>The outcome measures the clinic takes (domain.md, "Outcome measures").</summary>
public enum InstrumentCode
{
    Phq9 = 1,
    Gad7 = 2,
    PainNrs = 3,
    Pcl5 = 4,
    Madrs = 5,
}

/// <summary>A severity band: totals from <see cref="Min"/> to <see cref="Max"/> inclusive.</summary>
public sealed record SeverityBand(int Min, int Max, string Label);

/// <summary>
/// One instrument: its items, each item's range, its severity bands and how a course's response and remission are
/// judged. Totals are always computed from the items, never typed.
/// </summary>
public sealed class OutcomeInstrument
{
    private OutcomeInstrument(
        InstrumentCode code,
        string name,
        string shortName,
        string loinc,
        string source,
        int itemMin,
        int itemMax,
        IReadOnlyList<string> items,
        IReadOnlyList<SeverityBand> bands,
        bool clinicianRated,
        int? remissionAtOrBelow,
        string? responseNote = null)
    {
        Code = code;
        Name = name;
        ShortName = shortName;
        Loinc = loinc;
        Source = source;
        ItemMin = itemMin;
        ItemMax = itemMax;
        Items = items;
        Bands = bands;
        ClinicianRated = clinicianRated;
        RemissionAtOrBelow = remissionAtOrBelow;
        ResponseNote = responseNote;
    }

    public InstrumentCode Code { get; }

    public string Name { get; }

    public string ShortName { get; }

    /// <summary>LOINC code of the total score ("" where none is assigned).</summary>
    public string Loinc { get; }

    public string Source { get; }

    public int ItemMin { get; }

    public int ItemMax { get; }

    public IReadOnlyList<string> Items { get; }

    public IReadOnlyList<SeverityBand> Bands { get; }

    public bool ClinicianRated { get; }

    /// <summary>Remission when the total is at or below this (PHQ-9 below 5 → 4; MADRS ≤ 10); null where not defined.</summary>
    public int? RemissionAtOrBelow { get; }

    public string? ResponseNote { get; }

    public int MaxTotal => Items.Count * ItemMax;

    public string BandFor(int total) =>
        Bands.FirstOrDefault(b => total >= b.Min && total <= b.Max)?.Label
        ?? throw new ArgumentOutOfRangeException(nameof(total), total, $"{ShortName} totals run from 0 to {MaxTotal}.");

    /// <summary>Scores a complete set of item answers; refuses a missing item or an answer out of range.</summary>
    public Result<InstrumentScore> Score(IReadOnlyList<int?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (answers.Count != Items.Count)
        {
            return OutcomeErrors.WrongItemCount(this, answers.Count);
        }

        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is not { } value)
            {
                return OutcomeErrors.ItemMissing(this, i);
            }

            if (value < ItemMin || value > ItemMax)
            {
                return OutcomeErrors.ItemOutOfRange(this, i, value);
            }
        }

        var items = answers.Select(a => a!.Value).ToArray();
        var total = items.Sum();
        var alerts = new List<OutcomeAlert>();
        if (Code == InstrumentCode.Phq9 && items[8] > 0)
        {
            alerts.Add(OutcomeAlert.SuicideRisk(items[8]));
        }

        return new InstrumentScore(Code, items, total, BandFor(total), alerts);
    }

    public static OutcomeInstrument Get(InstrumentCode code) => code switch
    {
        InstrumentCode.Phq9 => Phq9,
        InstrumentCode.Gad7 => Gad7,
        InstrumentCode.PainNrs => PainNrs,
        InstrumentCode.Pcl5 => Pcl5,
        InstrumentCode.Madrs => Madrs,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Unknown instrument."),
    };

    public static IReadOnlyList<OutcomeInstrument> All => [Phq9, Gad7, PainNrs, Pcl5, Madrs];

    /// <summary>PHQ-9 (Kroenke, Spitzer, Williams 2001). "Over the last 2 weeks, how often have you been bothered by...": 0 not at
    /// all, 1 several days, 2 more than half the days, 3 nearly every day.</summary>
    public static readonly OutcomeInstrument Phq9 = new(
        InstrumentCode.Phq9,
        "Patient Health Questionnaire-9",
        "PHQ-9",
        "44261-6",
        "Kroenke K, Spitzer RL, Williams JB. J Gen Intern Med 2001;16:606-13.",
        0,
        3,
        [
            "Little interest or pleasure in doing things",
            "Feeling down, depressed, or hopeless",
            "Trouble falling or staying asleep, or sleeping too much",
            "Feeling tired or having little energy",
            "Poor appetite or overeating",
            "Feeling bad about yourself, or that you are a failure or have let yourself or your family down",
            "Trouble concentrating on things, such as reading the newspaper or watching television",
            "Moving or speaking so slowly that other people could have noticed, or the opposite: being so fidgety or restless that you have been moving around a lot more than usual",
            "Thoughts that you would be better off dead, or of hurting yourself in some way",
        ],
        [new(0, 4, "Minimal"), new(5, 9, "Mild"), new(10, 14, "Moderate"), new(15, 19, "Moderately severe"), new(20, 27, "Severe")],
        clinicianRated: false,
        remissionAtOrBelow: 4);

    /// <summary>GAD-7 (Spitzer et al. 2006); same answer scale as the PHQ-9.</summary>
    public static readonly OutcomeInstrument Gad7 = new(
        InstrumentCode.Gad7,
        "Generalized Anxiety Disorder-7",
        "GAD-7",
        "70274-6",
        "Spitzer RL, Kroenke K, Williams JB, Löwe B. Arch Intern Med 2006;166:1092-7.",
        0,
        3,
        [
            "Feeling nervous, anxious, or on edge",
            "Not being able to stop or control worrying",
            "Worrying too much about different things",
            "Trouble relaxing",
            "Being so restless that it is hard to sit still",
            "Becoming easily annoyed or irritable",
            "Feeling afraid, as if something awful might happen",
        ],
        [new(0, 4, "Minimal"), new(5, 9, "Mild"), new(10, 14, "Moderate"), new(15, 21, "Severe")],
        clinicianRated: false,
        remissionAtOrBelow: null);

    /// <summary>Pain numeric rating scale, 0 no pain to 10 worst imaginable. Improvement: ≥ 30 % moderate, ≥ 50 %
    /// substantial (IMMPACT, Dworkin et al. 2008). Bands: the commonly used 1–3 / 4–6 / 7–10 cut points.</summary>
    public static readonly OutcomeInstrument PainNrs = new(
        InstrumentCode.PainNrs,
        "Pain numeric rating scale",
        "Pain NRS",
        "72514-3",
        "Dworkin RH et al. (IMMPACT). J Pain 2008;9:105-21.",
        0,
        10,
        ["Average pain over the last 24 hours (0 = no pain, 10 = worst pain imaginable)"],
        [new(0, 0, "No pain"), new(1, 3, "Mild"), new(4, 6, "Moderate"), new(7, 10, "Severe")],
        clinicianRated: false,
        remissionAtOrBelow: null,
        responseNote: "≥ 30 % improvement is moderate, ≥ 50 % substantial (IMMPACT).");

    /// <summary>PCL-5 (Weathers et al. 2013, National Center for PTSD): 20 items, 0 not at all to 4 extremely, past month.
    /// A total of 31–33 or more suggests provisional PTSD; a 10-point change is clinically meaningful.</summary>
    public static readonly OutcomeInstrument Pcl5 = new(
        InstrumentCode.Pcl5,
        "PTSD Checklist for DSM-5",
        "PCL-5",
        "",
        "Weathers FW et al. The PTSD Checklist for DSM-5 (PCL-5). National Center for PTSD, 2013.",
        0,
        4,
        [
            "Repeated, disturbing, and unwanted memories of the stressful experience",
            "Repeated, disturbing dreams of the stressful experience",
            "Suddenly feeling or acting as if the stressful experience were actually happening again",
            "Feeling very upset when something reminded you of the stressful experience",
            "Having strong physical reactions when something reminded you of the stressful experience",
            "Avoiding memories, thoughts, or feelings related to the stressful experience",
            "Avoiding external reminders of the stressful experience",
            "Trouble remembering important parts of the stressful experience",
            "Having strong negative beliefs about yourself, other people, or the world",
            "Blaming yourself or someone else for the stressful experience or what happened after it",
            "Having strong negative feelings such as fear, horror, anger, guilt, or shame",
            "Loss of interest in activities that you used to enjoy",
            "Feeling distant or cut off from other people",
            "Trouble experiencing positive feelings",
            "Irritable behavior, angry outbursts, or acting aggressively",
            "Taking too many risks or doing things that could cause you harm",
            "Being superalert or watchful or on guard",
            "Feeling jumpy or easily startled",
            "Having difficulty concentrating",
            "Trouble falling or staying asleep",
        ],
        [new(0, 30, "Below the provisional PTSD cut-off"), new(31, 80, "Provisional PTSD (cut-off 31–33)")],
        clinicianRated: false,
        remissionAtOrBelow: null,
        responseNote: "A 10-point change is clinically meaningful.");

    /// <summary>MADRS (Montgomery &amp; Åsberg 1979), clinician-rated, 10 items 0–6.</summary>
    public static readonly OutcomeInstrument Madrs = new(
        InstrumentCode.Madrs,
        "Montgomery–Åsberg Depression Rating Scale",
        "MADRS",
        "",
        "Montgomery SA, Åsberg M. Br J Psychiatry 1979;134:382-9.",
        0,
        6,
        [
            "Apparent sadness",
            "Reported sadness",
            "Inner tension",
            "Reduced sleep",
            "Reduced appetite",
            "Concentration difficulties",
            "Lassitude",
            "Inability to feel",
            "Pessimistic thoughts",
            "Suicidal thoughts",
        ],
        [new(0, 6, "Normal"), new(7, 19, "Mild"), new(20, 34, "Moderate"), new(35, 60, "Severe")],
        clinicianRated: true,
        remissionAtOrBelow: 10);
}

/// <summary>A scored measure: the answers, the computed total and band, and any alert it raises.</summary>
public sealed record InstrumentScore(InstrumentCode Instrument, IReadOnlyList<int> Items, int Total, string Band, IReadOnlyList<OutcomeAlert> Alerts);

public sealed record OutcomeAlert(string Code, string Message)
{
    public static OutcomeAlert SuicideRisk(int item9) => new(
        "phq9.item9",
        $"PHQ-9 item 9 answered {item9} (thoughts of being better off dead or of self-harm): assess suicide risk before the patient leaves.");
}

public static class OutcomeErrors
{
    public static readonly DomainError TakenInFuture = new("outcome.future", "A measure cannot be dated in the future.");

    public static DomainError WrongItemCount(OutcomeInstrument instrument, int count) =>
        new("outcome.item_count", $"{instrument.ShortName} has {instrument.Items.Count} items; {count} answers were given.");

    public static DomainError ItemMissing(OutcomeInstrument instrument, int index) =>
        new("outcome.item_missing", $"{instrument.ShortName} item {index + 1} is not answered.");

    public static DomainError ItemOutOfRange(OutcomeInstrument instrument, int index, int value) =>
        new("outcome.item_range", $"{instrument.ShortName} item {index + 1} must be from {instrument.ItemMin} to {instrument.ItemMax}; {value} is not allowed.");
}
