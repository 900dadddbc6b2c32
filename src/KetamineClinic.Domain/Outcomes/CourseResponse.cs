namespace KetamineClinic.Domain.Outcomes;

public enum ResponseStatus
{
    /// <summary>No baseline to compare with.</summary>
    NoBaseline,

    /// <summary>Baseline of 0: there is nothing to reduce, so response cannot be judged.</summary>
    BaselineZero,

    NoResponse,

    /// <summary>At least 30 % better but short of a response (pain: "moderate improvement", IMMPACT).</summary>
    PartialImprovement,

    /// <summary>At least 50 % reduction from baseline.</summary>
    Response,
}

/// <summary>
/// How a course is going on one instrument: the change from baseline, response (≥ 50 % reduction) and remission
/// (PHQ-9 below 5, MADRS ≤ 10), worked out for the clinician (domain.md, "Outcome measures").
/// </summary>
public sealed record CourseResponse(
    InstrumentCode Instrument,
    int? Baseline,
    int Latest,
    ResponseStatus Status,
    decimal? ReductionPercent,
    bool Remission,
    bool MeaningfulChange,
    string Label)
{
    public const decimal ResponseReduction = 0.50m;
    public const decimal PartialReduction = 0.30m;

    /// <summary>PCL-5: a change of 10 points is clinically meaningful.</summary>
    public const int Pcl5MeaningfulChange = 10;

    public static CourseResponse Assess(InstrumentCode instrument, int? baseline, int latest)
    {
        var definition = OutcomeInstrument.Get(instrument);
        var remission = definition.RemissionAtOrBelow is { } limit && latest <= limit;
        if (baseline is null)
        {
            return new(instrument, null, latest, ResponseStatus.NoBaseline, null, remission, false,
                remission ? "Remission (no baseline recorded)" : "No baseline recorded");
        }

        if (baseline.Value == 0)
        {
            return new(instrument, 0, latest, ResponseStatus.BaselineZero, null, remission, false,
                "Baseline was 0: response cannot be judged");
        }

        var reduction = Math.Round((decimal)(baseline.Value - latest) / baseline.Value, 4);
        var status = reduction >= ResponseReduction ? ResponseStatus.Response
            : reduction >= PartialReduction ? ResponseStatus.PartialImprovement
            : ResponseStatus.NoResponse;
        var meaningful = instrument == InstrumentCode.Pcl5
            ? baseline.Value - latest >= Pcl5MeaningfulChange
            : status != ResponseStatus.NoResponse;
        var percent = Math.Round(reduction * 100, 1);
        var label = (status, remission, instrument) switch
        {
            (_, true, _) => $"Remission ({percent}% reduction)",
            (ResponseStatus.Response, _, InstrumentCode.PainNrs) => $"Substantial improvement ({percent}%)",
            (ResponseStatus.Response, _, _) => $"Response ({percent}% reduction)",
            (ResponseStatus.PartialImprovement, _, InstrumentCode.PainNrs) => $"Moderate improvement ({percent}%)",
            (ResponseStatus.PartialImprovement, _, _) => $"Partial improvement ({percent}% reduction)",
            _ when reduction < 0 => $"Worse than baseline ({-percent}% increase)",
            _ => $"No response ({percent}% reduction)",
        };
        return new(instrument, baseline, latest, status, percent, remission, meaningful, label);
    }
}
