using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using MudBlazor;

namespace KetamineClinic.Web.Features.Courses;

/// <summary>How courses' words read on screen.</summary>
public static class CourseText
{
    public static string Kind(CourseKind kind) => kind == CourseKind.Booster ? "Booster" : "Induction";

    public static string Status(CourseStatus status) => status switch
    {
        CourseStatus.Active => "Active",
        CourseStatus.Completed => "Completed",
        CourseStatus.Discontinued => "Discontinued",
        _ => "Planned",
    };

    public static Color StatusColor(CourseStatus status) => status switch
    {
        CourseStatus.Active => Color.Success,
        CourseStatus.Completed => Color.Info,
        CourseStatus.Discontinued => Color.Error,
        _ => Color.Primary,
    };

    public static string Comparison(TargetComparison comparison) => comparison switch
    {
        TargetComparison.Below => "below",
        TargetComparison.AtOrBelow => "at or below",
        _ => "reduced by at least (%)",
    };

    public static string Instrument(InstrumentCode code) => OutcomeInstrument.Get(code).ShortName;
}
