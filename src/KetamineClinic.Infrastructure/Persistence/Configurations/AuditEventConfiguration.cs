using KetamineClinic.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Infrastructure.Persistence.Configurations;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    /// <summary>The trigger that rejects UPDATE and DELETE (SQL Server, PostgreSQL; SQLite has one per statement).</summary>
    public const string AppendOnlyTrigger = "AuditEvents_NoUpdateOrDelete";

    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        // Append-only in the database too: the AuditAppendOnly migration adds triggers refusing UPDATE and DELETE.
        // Declaring one tells EF Core not to use OUTPUT/RETURNING on inserts, which SQL Server refuses on a table
        // with triggers.
        builder.ToTable(t => t.HasTrigger(AppendOnlyTrigger));
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
