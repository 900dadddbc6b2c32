namespace KetamineClinic.Web.Features.Sessions;

/// <summary>Registers the infusion-session services.</summary>
public static class SessionsSetup
{
    public static IServiceCollection AddInfusionSessions(this IServiceCollection services)
    {
        services.AddSingleton<FloorEvents>();
        services.AddScoped<SessionWorkspace>();
        services.AddScoped<ListPatientSessionsHandler>();
        services.AddScoped<DischargePatientHandler>();
        services.AddScoped<SaveSessionNoteHandler>();
        services.AddScoped<CompleteRecordHandler>();
        services.AddScoped<SignSessionHandler>();
        services.AddScoped<AmendSessionHandler>();
        services.AddScoped<CheckInHandler>();
        services.AddScoped<GiveGoAheadHandler>();
        services.AddScoped<MarkNotStartedHandler>();
        services.AddScoped<OrderDoseHandler>();
        services.AddScoped<StartInfusionHandler>();
        services.AddScoped<PauseInfusionHandler>();
        services.AddScoped<ResumeInfusionHandler>();
        services.AddScoped<SlowInfusionHandler>();
        services.AddScoped<StopInfusionHandler>();
        services.AddScoped<RecordVitalsHandler>();
        services.AddScoped<AcknowledgeAlertHandler>();
        services.AddScoped<RecordSideEffectHandler>();
        services.AddScoped<Floor.FloorQueryHandler>();
        return services;
    }
}
