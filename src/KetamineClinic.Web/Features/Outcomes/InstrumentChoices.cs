using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Web.Features.Outcomes;

/// <summary>The words printed under each answer on the instruments' own forms, and the question stem.</summary>
public static class InstrumentChoices
{
    private static readonly string[] Frequency = ["Not at all", "Several days", "More than half the days", "Nearly every day"];
    private static readonly string[] Pcl5 = ["Not at all", "A little bit", "Moderately", "Quite a bit", "Extremely"];

    /// <summary>The label for answer <paramref name="value"/>, or "" where the form prints only the number.</summary>
    public static string Label(InstrumentCode instrument, int value) => instrument switch
    {
        InstrumentCode.Phq9 or InstrumentCode.Gad7 => Frequency[value],
        InstrumentCode.Pcl5 => Pcl5[value],
        InstrumentCode.PainNrs => value switch { 0 => "No pain", 10 => "Worst pain imaginable", _ => "" },
        _ => "",
    };

    public static string Stem(InstrumentCode instrument) => instrument switch
    {
        InstrumentCode.Phq9 or InstrumentCode.Gad7 => "Over the last 2 weeks, how often have you been bothered by the following problems?",
        InstrumentCode.Pcl5 => "In the past month, how much were you bothered by:",
        InstrumentCode.PainNrs => "On a scale of 0 to 10, how bad is your pain?",
        InstrumentCode.Madrs => "Clinician rating of each item from 0 to 6 (the scale's anchors are at 0, 2, 4 and 6).",
        _ => "",
    };
}
