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
