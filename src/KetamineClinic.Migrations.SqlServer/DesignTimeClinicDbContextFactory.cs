using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore.Design;

namespace KetamineClinic.Migrations.SqlServer;

/// <summary>Lets `dotnet ef` build the context for this provider without starting the web host.</summary>
public sealed class DesignTimeClinicDbContextFactory : IDesignTimeDbContextFactory<ClinicDbContext>
{
    public ClinicDbContext CreateDbContext(string[] args) =>
        new(ClinicDatabase.CreateOptions(DatabaseProvider.SqlServer, "Server=localhost;Database=KetamineClinic;Trusted_Connection=True;TrustServerCertificate=True"));
}
