using KetamineClinic.Web.Features.Outcomes;

namespace KetamineClinic.Web.Features.Intake;

public static class IntakeSetup
{
    /// <summary>The intake assessment and outcome measure handlers.</summary>
    public static IServiceCollection AddIntakeFeatures(this IServiceCollection services)
    {
        services.AddScoped<ClinicalAccess>();
        services.AddScoped<StartIntakeAssessmentHandler>();
        services.AddScoped<ListIntakeAssessmentsHandler>();
        services.AddScoped<GetIntakeAssessmentHandler>();
        services.AddScoped<SaveIntakeDraftHandler>();
        services.AddScoped<RecordIntakeConsentHandler>();
        services.AddScoped<DecideEligibilityHandler>();
        services.AddScoped<RecordOutcomeMeasureHandler>();
        services.AddScoped<ListOutcomeMeasuresHandler>();
        return services;
    }
}
