using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Audit;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KetamineClinic.Web.Hosting;

public static class AuditSetup
{
    /// <summary>The audit trail: the chain writer (one per process), the current caller, the interceptor that audits
    /// every change (picked up by <see cref="DatabaseSetup"/> as an <see cref="IInterceptor"/>), the read/denied
    /// helper and the administrator page's handlers.</summary>
    public static IServiceCollection AddClinicAudit(this IServiceCollection services)
    {
        services.AddSingleton<AuditChainWriter>();
        services.AddScoped<IAuditActorAccessor, CurrentStaffAuditActor>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, AuditCircuitHandler>();
        services.AddScoped<IAuditTrail, AuditTrail>();
        services.AddScoped<PatientRecordAudit>();
        services.AddScoped<IInterceptor, AuditSaveChangesInterceptor>();
        services.AddScoped<SearchAuditEventsHandler>();
        services.AddScoped<VerifyAuditChainHandler>();
        return services;
    }
}
