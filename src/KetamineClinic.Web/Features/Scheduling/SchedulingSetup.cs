using KetamineClinic.Web.Features.Scheduling.Instructions;
using KetamineClinic.Web.Features.Scheduling.Reminders;
using KetamineClinic.Web.Mail;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>Registers booking, series, calendar and reminder services.</summary>
public static class SchedulingSetup
{
    public static IServiceCollection AddScheduling(this IServiceCollection services)
    {
        services.AddScoped<BookingService>();
        services.AddScoped<SeriesBookingService>();
        services.AddScoped<Calendar.CalendarHandler>();
        services.AddScoped<Calendar.GetAppointmentHandler>();
        Admin.Availability.AvailabilitySetup.AddStaffAvailability(services);
        services.AddInstructionsAndReminders();
        return services;
    }

    /// <summary>Instructions, the .ics file, e-mail and the reminder service (disabled with Reminders:Enabled=false).</summary>
    public static IServiceCollection AddInstructionsAndReminders(this IServiceCollection services)
    {
        services.AddScoped<GetAppointmentInstructionsHandler>();
        services.AddClinicMail();
        services.AddOptions<ReminderOptions>().BindConfiguration(ReminderOptions.Section);
        services.AddSingleton<ReminderService>();
        services.AddHostedService(sp => sp.GetRequiredService<ReminderService>());
        return services;
    }
}
