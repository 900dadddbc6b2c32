using KetamineClinic.Web.Features.Courses;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>Registers follow-up proposals (list, course tab, booking, "not needed") and booster planning.</summary>
public static class FollowUpsSetup
{
    public static IServiceCollection AddFollowUpsAndBoosters(this IServiceCollection services)
    {
        services.AddScoped<ListFollowUpsHandler>();
        services.AddScoped<GetPatientFollowUpsHandler>();
        services.AddScoped<PrepareFollowUpBookingHandler>();
        services.AddScoped<FollowUpDecisionsHandler>();
        services.AddScoped<BoosterPlanningHandler>();
        return services;
    }
}
