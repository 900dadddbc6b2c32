using KetamineClinic.Web.Features.Reviews;

namespace KetamineClinic.Web.Features.History;

/// <summary>Registers the treatment history (with the course summary) and the clinicians' reviews queue.</summary>
public static class HistorySetup
{
    public static IServiceCollection AddTreatmentHistoryAndReviews(this IServiceCollection services)
    {
        services.AddScoped<GetTreatmentHistoryHandler>();
        services.AddScoped<ReviewsQueueHandler>();
        return services;
    }
}
