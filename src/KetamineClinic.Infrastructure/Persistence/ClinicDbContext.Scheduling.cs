using KetamineClinic.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Persistence;

/// <summary>Chairs, hours, staff availability, scheduling settings, bookings with their history, and sent reminders.</summary>
public sealed partial class ClinicDbContext
{
    public DbSet<Chair> Chairs => Set<Chair>();

    public DbSet<ClinicOpeningHours> ClinicOpeningHours => Set<ClinicOpeningHours>();

    public DbSet<ClosedDate> ClosedDates => Set<ClosedDate>();

    public DbSet<StaffWorkingHours> StaffWorkingHours => Set<StaffWorkingHours>();

    public DbSet<StaffTimeOff> StaffTimeOff => Set<StaffTimeOff>();

    public DbSet<SchedulingSettings> SchedulingSettings => Set<SchedulingSettings>();

    public DbSet<Appointment> Appointments => Set<Appointment>();

    public DbSet<AppointmentEvent> AppointmentEvents => Set<AppointmentEvent>();

    public DbSet<ReminderDispatch> ReminderDispatches => Set<ReminderDispatch>();
}
