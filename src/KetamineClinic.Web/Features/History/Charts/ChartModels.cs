using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Web.Features.History.Charts;

/// <summary>One score on the trajectory chart, at its clinic-local time.</summary>
public sealed record ChartScore(DateTime Local, int Total, string Note);

/// <summary>
/// What the score-trajectory chart draws for one instrument and one course: the instrument's severity bands, the
/// baseline (a marked point and a line across), the course's scores against the date, the course's infusions along the
/// time axis, and the response and remission thresholds as lines.
/// </summary>
public sealed record ScoreChartModel(
    string Title,
    string ShortName,
    int MaxTotal,
    IReadOnlyList<SeverityBand> Bands,
    ChartScore? Baseline,
    IReadOnlyList<ChartScore> Scores,
    IReadOnlyList<DateTime> Infusions,
    int? RemissionAtOrBelow)
{
    /// <summary>A response is a reduction of at least half the baseline: a total at or below this line.</summary>
    public double? ResponseLine => Baseline is { Total: > 0 } b ? b.Total * (double)(1 - CourseResponse.ResponseReduction) : null;
}

/// <summary>What the vitals chart draws for one session: its curve (readings against minutes from the infusion's start,
/// the infusion and its pauses) and the protocol version's alert thresholds.</summary>
public sealed record VitalsChartModel(string Title, VitalsCurve Curve, int PlannedInfusionMinutes);
