using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Infrastructure.Persistence.Configurations;

internal sealed class ProtocolConfiguration : IEntityTypeConfiguration<Protocol>
{
    public void Configure(EntityTypeBuilder<Protocol> builder)
    {
        builder.HasKey(p => p.Id);
        builder.HasIndex(p => new { p.FamilyId, p.VersionNumber }).IsUnique();
        builder.HasIndex(p => p.IsCurrent);
        builder.Property(p => p.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Ignore(p => p.Name);
        // A version's numbers are read and written whole; JSON keeps the table stable as settings are added.
        builder.OwnsOne(p => p.Settings, s =>
        {
            s.ToJson();
            s.Property(x => x.DoseUnit).HasConversion<string>();
            s.Property(x => x.Indication).HasConversion<string>();
            s.Property(x => x.PreInfusionMeasures).HasConversion(v => v.ToString(), v => InstrumentSet.Parse(v)).HasMaxLength(100);
        });
    }
}

internal sealed class IntakeAssessmentConfiguration : IEntityTypeConfiguration<IntakeAssessment>
{
    public void Configure(EntityTypeBuilder<IntakeAssessment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.PatientId, a.StartedUtc });
        builder.Property(a => a.Status).HasConversion<int>();
        builder.Property(a => a.Indication).HasConversion<int?>();
        builder.Property(a => a.Decision).HasConversion<int?>();
        builder.Property(a => a.StartedBy).HasMaxLength(450).IsRequired();
        builder.Property(a => a.DecidedBy).HasMaxLength(450);
        builder.Property(a => a.DecidedByName).HasMaxLength(256);
        builder.Property(a => a.IndicationNote).HasMaxLength(1000);
        builder.Property(a => a.MedicalHistory).HasMaxLength(8000);
        builder.Property(a => a.DecisionReason).HasMaxLength(4000);
        builder.Property(a => a.OverrideReason).HasMaxLength(4000);
        builder.Property(a => a.Version).IsConcurrencyToken();
        builder.Ignore(a => a.PositiveContraindications);
        builder.OwnsMany(a => a.Contraindications, s =>
        {
            s.ToJson();
            s.Property(x => x.Answer).HasConversion<string>();
        });
        builder.OwnsMany(a => a.MedicationScreen, s =>
        {
            s.ToJson();
            s.Property(x => x.Answer).HasConversion<string>();
        });
    }
}

internal sealed class ConsentDocumentConfiguration : IEntityTypeConfiguration<ConsentDocument>
{
    public void Configure(EntityTypeBuilder<ConsentDocument> builder)
    {
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => d.VersionNumber).IsUnique();
        builder.Property(d => d.Title).HasMaxLength(200).IsRequired();
        builder.Property(d => d.Text).IsRequired();
        builder.Property(d => d.PublishedBy).HasMaxLength(450).IsRequired();
    }
}

internal sealed class ConsentRecordConfiguration : IEntityTypeConfiguration<ConsentRecord>
{
    public void Configure(EntityTypeBuilder<ConsentRecord> builder)
    {
        builder.HasKey(r => r.Id);
        builder.HasIndex(r => new { r.PatientId, r.RecordedUtc });
        builder.HasOne<ConsentDocument>().WithMany().HasForeignKey(r => r.ConsentDocumentId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(r => r.Method).HasConversion<int>();
        builder.Property(r => r.TypedName).HasMaxLength(200);
        builder.Property(r => r.WitnessId).HasMaxLength(450).IsRequired();
        builder.Property(r => r.WitnessName).HasMaxLength(256).IsRequired();
    }
}

internal sealed class TreatmentCourseConfiguration : IEntityTypeConfiguration<TreatmentCourse>
{
    public void Configure(EntityTypeBuilder<TreatmentCourse> builder)
    {
        builder.HasKey(c => c.Id);
        builder.HasIndex(c => new { c.PatientId, c.CreatedUtc });
        builder.HasIndex(c => c.Status);
        builder.HasOne<Protocol>().WithMany().HasForeignKey(c => c.ProtocolId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(c => c.ProtocolName).HasMaxLength(200).IsRequired();
        builder.Property(c => c.Kind).HasConversion<int>();
        builder.Property(c => c.Indication).HasConversion<int>();
        builder.Property(c => c.Status).HasConversion<int>();
        builder.Property(c => c.Goals).HasMaxLength(4000).IsRequired();
        builder.Property(c => c.DiscontinuedReason).HasMaxLength(1000);
        builder.Property(c => c.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(c => c.CreatedByName).HasMaxLength(256).IsRequired();
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.OwnsMany(c => c.Targets, t =>
        {
            t.ToJson();
            t.Property(x => x.Instrument).HasConversion<string>();
            t.Property(x => x.Comparison).HasConversion<string>();
        });
    }
}

internal sealed class FollowUpDecisionConfiguration : IEntityTypeConfiguration<FollowUpDecision>
{
    public void Configure(EntityTypeBuilder<FollowUpDecision> builder)
    {
        builder.HasKey(d => d.Id);
        builder.HasIndex(d => new { d.CourseId, d.DaysAfter });
        builder.HasIndex(d => d.PatientId);
        builder.HasOne<TreatmentCourse>().WithMany().HasForeignKey(d => d.CourseId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(d => d.Reason).HasMaxLength(FollowUpDecision.MaxReasonLength).IsRequired();
        builder.Property(d => d.DecidedBy).HasMaxLength(450).IsRequired();
        builder.Property(d => d.DecidedByName).HasMaxLength(256).IsRequired();
        builder.Property(d => d.WithdrawnBy).HasMaxLength(450);
        builder.Property(d => d.WithdrawnByName).HasMaxLength(256);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.Ignore(d => d.InForce);
    }
}

internal sealed class OutcomeMeasureConfiguration : IEntityTypeConfiguration<OutcomeMeasure>
{
    public void Configure(EntityTypeBuilder<OutcomeMeasure> builder)
    {
        builder.HasKey(m => m.Id);
        builder.HasIndex(m => new { m.PatientId, m.Instrument, m.TakenUtc });
        builder.HasIndex(m => m.IntakeAssessmentId);
        builder.HasIndex(m => m.CourseId);
        builder.HasIndex(m => m.AppointmentId);
        builder.Property(m => m.Instrument).HasConversion<int>();
        builder.Property(m => m.Context).HasConversion<int>();
        builder.Property(m => m.Source).HasConversion<int>();
        builder.Property(m => m.Band).HasMaxLength(60).IsRequired();
        builder.Property(m => m.EnteredBy).HasMaxLength(450).IsRequired();
        builder.PrimitiveCollection(m => m.Items);
    }
}

internal sealed class KioskLinkConfiguration : IEntityTypeConfiguration<KioskLink>
{
    public void Configure(EntityTypeBuilder<KioskLink> builder)
    {
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.HasIndex(k => k.CodeHash).IsUnique();
        builder.HasIndex(k => new { k.PatientId, k.CreatedUtc });
        builder.Property(k => k.Instrument).HasConversion<int>();
        builder.Property(k => k.Context).HasConversion<int>();
        builder.Property(k => k.CodeHash).HasMaxLength(64).IsRequired();
        builder.Property(k => k.CreatedBy).HasMaxLength(450).IsRequired();
        builder.Property(k => k.CreatedByName).HasMaxLength(256).IsRequired();
        builder.HasOne<Domain.Patients.Patient>().WithMany().HasForeignKey(k => k.PatientId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PatientAlertConfiguration : IEntityTypeConfiguration<PatientAlert>
{
    public void Configure(EntityTypeBuilder<PatientAlert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.HasIndex(a => new { a.PatientId, a.AcknowledgedUtc });
        builder.Property(a => a.Code).HasMaxLength(60).IsRequired();
        builder.Property(a => a.Message).HasMaxLength(1000).IsRequired();
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(450);
        builder.Property(a => a.ActionTaken).HasMaxLength(1000);
        builder.Ignore(a => a.IsOpen);
    }
}

internal sealed class SequenceCounterConfiguration : IEntityTypeConfiguration<SequenceCounter>
{
    public void Configure(EntityTypeBuilder<SequenceCounter> builder)
    {
        builder.HasKey(c => c.Name);
        builder.Property(c => c.Name).HasMaxLength(60);
        builder.Property(c => c.Version).IsConcurrencyToken();
    }
}
