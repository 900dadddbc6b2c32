namespace KetamineClinic.Web.Features.Reports;

/// <summary>Registers the clinic reports (the page, its handler and the CSV endpoint mapped by <see cref="ReportCsv"/>).</summary>
public static class ReportsSetup
{
    public static IServiceCollection AddClinicReports(this IServiceCollection services)
    {
        services.AddScoped<GetClinicReportHandler>();
        return services;
    }
}
