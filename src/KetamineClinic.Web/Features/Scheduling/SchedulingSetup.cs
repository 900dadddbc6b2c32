namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>Registers booking, series, calendar and reminder services.</summary>
public static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddScoped<BookingService>();
        services.AddScoped<Calendar.CalendarHandler>();
        services.AddScoped<Calendar.GetAppointmentHandler>();
        return services;
    }
}
