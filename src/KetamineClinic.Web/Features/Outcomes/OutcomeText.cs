using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Web.Features.Outcomes;

public static class OutcomeText
{
    public static string Context(MeasureContext context) => context switch
    {
        MeasureContext.Baseline => "Baseline",
        MeasureContext.PreInfusion => "Before infusion",
        MeasureContext.FollowUp => "Follow-up",
        _ => context.ToString(),
    };
}
