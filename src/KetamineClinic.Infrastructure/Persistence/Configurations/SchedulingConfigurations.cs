using KetamineClinic.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Infrastructure.Persistence.Configurations;

internal sealed class ChairConfiguration : IEntityTypeConfiguration<Chair>
{
    public void Configure(EntityTypeBuilder<Chair> builder)
    {
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Name).HasMaxLength(60).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
    }
}

internal sealed class ClinicOpeningHoursConfiguration : IEntityTypeConfiguration<ClinicOpeningHours>
{
    public void Configure(EntityTypeBuilder<ClinicOpeningHours> builder)
    {
        builder.HasKey(h => h.Day);
        builder.Property(h => h.Day).HasConversion<int>().ValueGeneratedNever();
    }
}

internal sealed class ClosedDateConfiguration : IEntityTypeConfiguration<ClosedDate>
{
    public void Configure(EntityTypeBuilder<ClosedDate> builder)
    {
        builder.HasKey(d => d.Date);
        builder.Property(d => d.Reason).HasMaxLength(200).IsRequired();
    }
}

internal sealed class StaffWorkingHoursConfiguration : IEntityTypeConfiguration<StaffWorkingHours>
{
    public void Configure(EntityTypeBuilder<StaffWorkingHours> builder)
    {
        builder.HasKey(h => new { h.StaffId, h.Day });
        builder.Property(h => h.StaffId).HasMaxLength(450);
        builder.Property(h => h.Day).HasConversion<int>();
    }
}

internal sealed class StaffTimeOffConfiguration : IEntityTypeConfiguration<StaffTimeOff>
{
    public void Configure(EntityTypeBuilder<StaffTimeOff> builder)
    {
        builder.HasKey(t => t.Id);
        builder.Property(t => t.StaffId).HasMaxLength(450).IsRequired();
        builder.Property(t => t.Reason).HasMaxLength(StaffTimeOff.MaxReasonLength).IsRequired();
        builder.HasIndex(t => new { t.StaffId, t.FirstDate });
    }
}

internal sealed class SchedulingSettingsConfiguration : IEntityTypeConfiguration<SchedulingSettings>
{
    public void Configure(EntityTypeBuilder<SchedulingSettings> builder)
    {
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.PrimitiveCollection(s => s.FollowUpDays);
    }
}

/// <summary>
/// Bookings. Every overlap query bounds both ends of the start time (<c>start &gt;= @from - MaxLength</c> and
/// <c>start &lt; @to</c>), so each index below is used as a range scan whatever the history's size: the calendar by
/// (StartUtc), the conflict check by (StartUtc) and the patient's infusions by (PatientId, StartUtc), and each staff
/// member's or chair's list by (resource, StartUtc).
/// </summary>
internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    public void Configure(EntityTypeBuilder<Appointment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Type).HasConversion<int>();
        builder.Property(a => a.Status).HasConversion<int>();
        builder.Property(a => a.PreviousStatus).HasConversion<int?>();
        builder.Property(a => a.CancellationReason).HasConversion<int?>();
        builder.Property(a => a.NurseId).HasMaxLength(450);
        builder.Property(a => a.ClinicianId).HasMaxLength(450);
        builder.Property(a => a.StatusSetBy).HasMaxLength(450);
        builder.Property(a => a.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(a => a.CreatedByName).HasMaxLength(256).IsRequired();
        builder.Property(a => a.Note).HasMaxLength(Appointment.MaxNoteLength);
        builder.Property(a => a.CancellationNote).HasMaxLength(Appointment.MaxReasonLength);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.Counts);
        builder.Ignore(a => a.IsInfusion);
        builder.HasIndex(a => a.StartUtc);
        builder.HasIndex(a => new { a.PatientId, a.StartUtc });
        builder.HasIndex(a => new { a.ChairId, a.StartUtc });
        builder.HasIndex(a => new { a.NurseId, a.StartUtc });
        builder.HasIndex(a => new { a.ClinicianId, a.StartUtc });
        builder.HasIndex(a => new { a.CourseId, a.StartUtc });
        builder.HasIndex(a => a.SeriesId);
        builder.HasOne<Domain.Patients.Patient>().WithMany().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Chair>().WithMany().HasForeignKey(a => a.ChairId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Courses.TreatmentCourse>().WithMany().HasForeignKey(a => a.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.History).WithOne().HasForeignKey(e => e.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(a => a.History).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class AppointmentEventConfiguration : IEntityTypeConfiguration<AppointmentEvent>
{
    public void Configure(EntityTypeBuilder<AppointmentEvent> builder)
    {
        builder.HasKey(e => e.Id);
        // Ids are made in Domain; an event added to a tracked booking's history must be inserted, not updated.
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.AppointmentId, e.AtUtc });
        builder.Property(e => e.Action).HasConversion<int>();
        builder.Property(e => e.Status).HasConversion<int>();
        builder.Property(e => e.NurseId).HasMaxLength(450);
        builder.Property(e => e.ClinicianId).HasMaxLength(450);
        builder.Property(e => e.Reason).HasMaxLength(Appointment.MaxReasonLength);
        builder.Property(e => e.Detail).HasMaxLength(500);
        builder.Property(e => e.ById).HasMaxLength(450).IsRequired();
        builder.Property(e => e.ByName).HasMaxLength(256).IsRequired();
    }
}

internal sealed class ReminderDispatchConfiguration : IEntityTypeConfiguration<ReminderDispatch>
{
    public void Configure(EntityTypeBuilder<ReminderDispatch> builder)
    {
        builder.HasKey(r => r.Id);
        builder.Property(r => r.Kind).HasConversion<int>();
        builder.Property(r => r.LastError).HasMaxLength(500);
        builder.HasIndex(r => new { r.AppointmentId, r.Kind, r.ForStartUtc }).IsUnique();
        builder.HasIndex(r => r.SentUtc);
    }
}
