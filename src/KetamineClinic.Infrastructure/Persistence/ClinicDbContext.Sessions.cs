using KetamineClinic.Domain.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Persistence;

/// <summary>Infusion sessions and their parts: orders, infusion events, vitals, alerts, side effects, amendments.</summary>
public sealed partial class ClinicDbContext
{
    public DbSet<InfusionSession> InfusionSessions => Set<InfusionSession>();

    public DbSet<DoseOrder> DoseOrders => Set<DoseOrder>();

    public DbSet<InfusionEvent> InfusionEvents => Set<InfusionEvent>();

    public DbSet<VitalsReading> VitalsReadings => Set<VitalsReading>();

    public DbSet<SessionAlert> SessionAlerts => Set<SessionAlert>();

    public DbSet<SideEffect> SideEffects => Set<SideEffect>();

    public DbSet<SessionAmendment> SessionAmendments => Set<SessionAmendment>();
}
