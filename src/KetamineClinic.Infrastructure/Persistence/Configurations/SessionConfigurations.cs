using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Infrastructure.Persistence.Configurations;

/// <summary>
/// An infusion session and its parts. The parts' ids are made in Domain, so a part added to a tracked session is
/// inserted, never mistaken for an update. The protocol version in force and the check-in checklist are stored whole
/// as JSON with the session.
/// </summary>
internal sealed class InfusionSessionConfiguration : IEntityTypeConfiguration<InfusionSession>
{
    public void Configure(EntityTypeBuilder<InfusionSession> builder)
    {
        builder.HasKey(s => s.Id);
        builder.HasIndex(s => s.AppointmentId).IsUnique();
        builder.HasIndex(s => new { s.PatientId, s.CreatedUtc });
        builder.HasIndex(s => new { s.Phase, s.CreatedUtc });
        builder.HasOne<Appointment>().WithOne().HasForeignKey<InfusionSession>(s => s.AppointmentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Domain.Patients.Patient>().WithMany().HasForeignKey(s => s.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Property(s => s.Phase).HasConversion<int>();
        builder.Property(s => s.GoAheadByName).HasMaxLength(256);
        builder.Property(s => s.GoAheadNote).HasMaxLength(InfusionSession.MaxReasonLength);
        builder.Property(s => s.EndReason).HasMaxLength(InfusionSession.MaxReasonLength);
        builder.Property(s => s.DischargedByName).HasMaxLength(256);
        builder.Property(s => s.NurseNote).HasMaxLength(InfusionSession.MaxNoteLength);
        builder.Property(s => s.NurseCompletedByName).HasMaxLength(256);
        builder.Property(s => s.SignedBy).HasMaxLength(450);
        builder.Property(s => s.SignedByName).HasMaxLength(256);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.OwnsOne(s => s.Protocol, p =>
        {
            p.ToJson();
            p.Property(x => x.DoseUnit).HasConversion<string>();
            p.Property(x => x.Indication).HasConversion<string>();
            p.Property(x => x.PreInfusionMeasures).HasConversion(v => v.ToString(), v => Domain.Outcomes.InstrumentSet.Parse(v)).HasMaxLength(100);
        });
        builder.OwnsOne(s => s.CheckIn, c => c.ToJson());
        builder.Ignore(s => s.CurrentOrder);
        builder.Ignore(s => s.InfusionStartUtc);
        builder.Ignore(s => s.InfusionStopUtc);
        builder.Ignore(s => s.IsPaused);
        builder.Ignore(s => s.IsSigned);
        Many(builder, s => s.Orders);
        Many(builder, s => s.Events);
        Many(builder, s => s.Vitals);
        Many(builder, s => s.Alerts);
        Many(builder, s => s.SideEffects);
        Many(builder, s => s.Amendments);
    }

    private static void Many<T>(EntityTypeBuilder<InfusionSession> builder, System.Linq.Expressions.Expression<Func<InfusionSession, IEnumerable<T>?>> navigation)
        where T : class
    {
        builder.HasMany(navigation).WithOne().HasForeignKey("SessionId").OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(navigation!).UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class DoseOrderConfiguration : IEntityTypeConfiguration<DoseOrder>
{
    public void Configure(EntityTypeBuilder<DoseOrder> builder)
    {
        builder.HasKey(o => o.Id);
        builder.Property(o => o.Id).ValueGeneratedNever();
        builder.HasIndex(o => new { o.SessionId, o.OrderedUtc });
        builder.Property(o => o.ProtocolName).HasMaxLength(200).IsRequired();
        builder.Property(o => o.Unit).HasConversion<int>();
        builder.Property(o => o.Dose).HasPrecision(9, 4);
        builder.Property(o => o.WeightKg).HasPrecision(6, 2);
        builder.Property(o => o.TotalMg).HasPrecision(9, 2);
        builder.Property(o => o.RateMgPerHour).HasPrecision(9, 2);
        builder.Property(o => o.Route).HasMaxLength(10).IsRequired();
        builder.Property(o => o.OverrideReason).HasMaxLength(InfusionSession.MaxReasonLength);
        builder.Property(o => o.OrderedBy).HasMaxLength(450).IsRequired();
        builder.Property(o => o.OrderedByName).HasMaxLength(256).IsRequired();
        builder.Ignore(o => o.IsCurrent);
    }
}

internal sealed class InfusionEventConfiguration : IEntityTypeConfiguration<InfusionEvent>
{
    public void Configure(EntityTypeBuilder<InfusionEvent> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.SessionId, e.AtUtc });
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.Reason).HasMaxLength(InfusionSession.MaxReasonLength);
        builder.Property(e => e.VialLot).HasMaxLength(InfusionSession.MaxVialLotLength);
        builder.Property(e => e.RateMgPerHour).HasPrecision(9, 2);
        builder.Property(e => e.RecordedBy).HasMaxLength(450).IsRequired();
        builder.Property(e => e.RecordedByName).HasMaxLength(256).IsRequired();
    }
}

internal sealed class VitalsReadingConfiguration : IEntityTypeConfiguration<VitalsReading>
{
    public void Configure(EntityTypeBuilder<VitalsReading> builder)
    {
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasIndex(v => new { v.SessionId, v.TakenUtc });
        builder.Property(v => v.Kind).HasConversion<int>();
        builder.Property(v => v.TemperatureC).HasPrecision(4, 1);
        builder.Property(v => v.Comment).HasMaxLength(VitalsInput.MaxCommentLength);
        builder.Property(v => v.RecordedBy).HasMaxLength(450).IsRequired();
        builder.Property(v => v.RecordedByName).HasMaxLength(256).IsRequired();
    }
}

internal sealed class SessionAlertConfiguration : IEntityTypeConfiguration<SessionAlert>
{
    public void Configure(EntityTypeBuilder<SessionAlert> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => new { a.SessionId, a.RaisedUtc });
        builder.HasIndex(a => a.AcknowledgedUtc);
        builder.Property(a => a.Kind).HasConversion<int>();
        builder.Property(a => a.Message).HasMaxLength(500).IsRequired();
        builder.Property(a => a.AcknowledgedBy).HasMaxLength(450);
        builder.Property(a => a.AcknowledgedByName).HasMaxLength(256);
        builder.Property(a => a.ActionTaken).HasMaxLength(InfusionSession.MaxReasonLength);
        builder.Ignore(a => a.IsOpen);
    }
}

internal sealed class SideEffectConfiguration : IEntityTypeConfiguration<SideEffect>
{
    public void Configure(EntityTypeBuilder<SideEffect> builder)
    {
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedNever();
        builder.HasIndex(e => new { e.SessionId, e.OnsetUtc });
        builder.Property(e => e.Type).HasConversion<int>();
        builder.Property(e => e.Severity).HasConversion<int>();
        builder.Property(e => e.Action).HasConversion<int>();
        builder.Property(e => e.OtherDescription).HasMaxLength(200);
        builder.Property(e => e.ActionNote).HasMaxLength(InfusionSession.MaxReasonLength);
        builder.Property(e => e.RecordedBy).HasMaxLength(450).IsRequired();
        builder.Property(e => e.RecordedByName).HasMaxLength(256).IsRequired();
    }
}

internal sealed class SessionAmendmentConfiguration : IEntityTypeConfiguration<SessionAmendment>
{
    public void Configure(EntityTypeBuilder<SessionAmendment> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => new { a.SessionId, a.AtUtc });
        builder.Property(a => a.RefersTo).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Text).HasMaxLength(SessionAmendment.MaxTextLength).IsRequired();
        builder.Property(a => a.Reason).HasMaxLength(InfusionSession.MaxReasonLength).IsRequired();
        builder.Property(a => a.AuthorId).HasMaxLength(450).IsRequired();
        builder.Property(a => a.AuthorName).HasMaxLength(256).IsRequired();
    }
}
