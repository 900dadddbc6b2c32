using KetamineClinic.Domain.Common;
using KetamineClinic.Web.Features.Admin.Consent;
using KetamineClinic.Web.Features.Admin.Protocols;
using KetamineClinic.Web.Features.Admin.Settings;

namespace KetamineClinic.Web.Features.Courses;

/// <summary>Registers the handlers of clinic protocols, the consent text, the record-number format and treatment plans.</summary>
public static class PlansSetup
{
    public static IServiceCollection AddProtocolsConsentAndCourses(this IServiceCollection services)
    {
        services.AddScoped<ListProtocolsHandler>();
        services.AddScoped<GetProtocolHandler>();
        services.AddScoped<ReviseProtocolHandler>();
        services.AddScoped<CreateProtocolHandler>();
        services.AddScoped<ListConsentVersionsHandler>();
        services.AddScoped<PublishConsentTextHandler>();
        services.AddScoped<ChangeMrnFormatHandler>();
        services.AddScoped<ListCoursesHandler>();
        services.AddScoped<PlanTreatmentCourseHandler>();
        services.AddScoped<ChangeCourseStatusHandler>();
        return services;
    }
}

/// <summary>Refusals shared by these handlers.</summary>
public static class AccessErrors
{
    public static readonly DomainError NotAllowed = new("access.not_allowed", "Your role does not allow this. If you need it, ask an administrator.");
}
