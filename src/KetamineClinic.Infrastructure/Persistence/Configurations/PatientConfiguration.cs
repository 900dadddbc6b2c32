using KetamineClinic.Domain.Patients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace KetamineClinic.Infrastructure.Persistence.Configurations;

internal sealed class PatientConfiguration : IEntityTypeConfiguration<Patient>
{
    public void Configure(EntityTypeBuilder<Patient> builder)
    {
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Mrn).HasMaxLength(32).IsRequired();
        builder.HasIndex(p => p.Mrn).IsUnique();
        builder.Property(p => p.FamilyName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.GivenName).HasMaxLength(100).IsRequired();
        builder.Property(p => p.SearchName).HasMaxLength(201).IsRequired();
        // Registry search and keyset paging: name prefix, date of birth, phone digits; (key, Id) keeps pages stable.
        builder.HasIndex(p => new { p.SearchName, p.Id });
        builder.HasIndex(p => new { p.DateOfBirth, p.Id });
        builder.HasIndex(p => p.PhoneDigits);
        builder.Property(p => p.Sex).HasConversion<int>();
        builder.Property(p => p.Phone).HasMaxLength(40);
        builder.Property(p => p.PhoneDigits).HasMaxLength(40);
        builder.Property(p => p.Email).HasMaxLength(256);
        builder.Property(p => p.AddressLine1).HasMaxLength(200);
        builder.Property(p => p.AddressLine2).HasMaxLength(200);
        builder.Property(p => p.City).HasMaxLength(100);
        builder.Property(p => p.Region).HasMaxLength(100);
        builder.Property(p => p.PostalCode).HasMaxLength(20);
        builder.Property(p => p.EmergencyContactName).HasMaxLength(200);
        builder.Property(p => p.EmergencyContactPhone).HasMaxLength(40);
        builder.Property(p => p.EmergencyContactRelationship).HasMaxLength(60);
        builder.Property(p => p.PreferredPharmacy).HasMaxLength(200);
        builder.Property(p => p.ReferringClinician).HasMaxLength(200);
        builder.Property(p => p.HeightCm).HasPrecision(5, 1);
        builder.Property(p => p.ArchivedReason).HasMaxLength(500);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.Ignore(p => p.LatestWeight);

        builder.HasMany(p => p.Weights).WithOne().HasForeignKey(w => w.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Weights).HasField("_weights").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Allergies).WithOne().HasForeignKey(a => a.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Allergies).HasField("_allergies").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Medications).WithOne().HasForeignKey(m => m.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Medications).HasField("_medications").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(p => p.Diagnoses).WithOne().HasForeignKey(d => d.PatientId).OnDelete(DeleteBehavior.Restrict);
        builder.Navigation(p => p.Diagnoses).HasField("_diagnoses").UsePropertyAccessMode(PropertyAccessMode.Field);
    }
}

internal sealed class WeightMeasurementConfiguration : IEntityTypeConfiguration<WeightMeasurement>
{
    public void Configure(EntityTypeBuilder<WeightMeasurement> builder)
    {
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
        builder.Property(w => w.WeightKg).HasPrecision(5, 1);
        builder.Property(w => w.RecordedBy).HasMaxLength(450).IsRequired();
        builder.HasIndex(w => new { w.PatientId, w.MeasuredUtc });
    }
}

internal sealed class AllergyConfiguration : IEntityTypeConfiguration<Allergy>
{
    public void Configure(EntityTypeBuilder<Allergy> builder)
    {
        builder.HasKey(a => a.Id);
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.Property(a => a.Substance).HasMaxLength(200).IsRequired();
        builder.Property(a => a.Reaction).HasMaxLength(500);
        builder.Property(a => a.Severity).HasConversion<int>();
        builder.Ignore(a => a.IsActive);
        builder.HasIndex(a => a.PatientId);
    }
}

internal sealed class PatientMedicationConfiguration : IEntityTypeConfiguration<PatientMedication>
{
    public void Configure(EntityTypeBuilder<PatientMedication> builder)
    {
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Name).HasMaxLength(200).IsRequired();
        builder.Property(m => m.Dose).HasMaxLength(100);
        builder.Property(m => m.Frequency).HasMaxLength(100);
        builder.Ignore(m => m.IsActive);
        builder.HasIndex(m => m.PatientId);
    }
}

internal sealed class DiagnosisConfiguration : IEntityTypeConfiguration<Diagnosis>
{
    public void Configure(EntityTypeBuilder<Diagnosis> builder)
    {
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).ValueGeneratedNever();
        builder.Property(d => d.Description).HasMaxLength(500).IsRequired();
        builder.Property(d => d.Icd10Code).HasMaxLength(10);
        builder.Ignore(d => d.IsActive);
        builder.HasIndex(d => d.PatientId);
    }
}
