namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Registers the infusion-session services.</summary>
public static class SessionsSetup
{
    public static IServiceCollection AddInfusionSessions(this IServiceCollection services)
    {
        services.AddSingleton<FloorEvents>();
        services.AddScoped<SessionWorkspace>();
        services.AddScoped<Floor.FloorQueryHandler>();
        return services;
    }
}
