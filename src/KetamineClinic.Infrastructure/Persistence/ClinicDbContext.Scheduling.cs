using KetamineClinic.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Persistence;

/// <summary>Chairs, opening hours and closed dates.</summary>
public sealed partial class ClinicDbContext
{
    public DbSet<Chair> Chairs => Set<Chair>();

    public DbSet<ClinicOpeningHours> ClinicOpeningHours => Set<ClinicOpeningHours>();

    public DbSet<ClosedDate> ClosedDates => Set<ClosedDate>();
}
