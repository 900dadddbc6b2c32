using KetamineClinic.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.HasKey(e => e.Id);
        // Unique: two writers that read the same chain head cannot both commit; the loser retries.
        builder.HasIndex(e => e.Sequence).IsUnique();
        builder.HasIndex(e => new { e.OccurredUtc, e.Id });
        builder.HasIndex(e => new { e.UserId, e.OccurredUtc });
        builder.HasIndex(e => new { e.PatientId, e.OccurredUtc });
        builder.Property(e => e.UserId).HasMaxLength(450);
        builder.Property(e => e.UserName).HasMaxLength(256);
        builder.Property(e => e.Roles).HasMaxLength(200);
        builder.Property(e => e.Action).HasConversion<int>();
        builder.Property(e => e.Outcome).HasConversion<int>();
        builder.Property(e => e.EntityType).HasMaxLength(100).IsRequired();
        builder.Property(e => e.EntityId).HasMaxLength(100);
        builder.Property(e => e.PatientId).HasMaxLength(100);
        builder.Property(e => e.ClientAddress).HasMaxLength(64);
        builder.Property(e => e.Detail).HasMaxLength(1000);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired().IsFixedLength();
        builder.Property(e => e.Hash).HasMaxLength(64).IsRequired().IsFixedLength();
    }
}
