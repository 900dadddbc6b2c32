using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Infrastructure.Persistence;

/// <summary>Patients, intake and treatment plans.</summary>
public sealed partial class ClinicDbContext
{
    public DbSet<Patient> Patients => Set<Patient>();

    public DbSet<WeightMeasurement> WeightMeasurements => Set<WeightMeasurement>();

    public DbSet<Protocol> Protocols => Set<Protocol>();

    public DbSet<IntakeAssessment> IntakeAssessments => Set<IntakeAssessment>();

    public DbSet<ConsentDocument> ConsentDocuments => Set<ConsentDocument>();

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<TreatmentCourse> TreatmentCourses => Set<TreatmentCourse>();

    public DbSet<FollowUpDecision> FollowUpDecisions => Set<FollowUpDecision>();

    public DbSet<OutcomeMeasure> OutcomeMeasures => Set<OutcomeMeasure>();

    public DbSet<PatientAlert> PatientAlerts => Set<PatientAlert>();

    public DbSet<KioskLink> KioskLinks => Set<KioskLink>();

    public DbSet<SequenceCounter> SequenceCounters => Set<SequenceCounter>();
}
