using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Database;

public abstract class DatabaseRoundTripTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    protected TApp App { get; } = app;

    [Fact]
    public async Task Start_up_applies_every_migration_and_creates_the_settings_row()
    {
        await using var db = await App.Factory.CreateDbContextAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
        // Exactly one settings row, with a time zone this server knows (other tests in the class may change it).
        var settings = await db.ClinicSettings.SingleAsync();
        Assert.True(ClinicSettings.FindTimeZone(settings.TimeZoneId).IsSuccess);
    }

    [Fact]
    public async Task Data_written_through_one_context_is_read_back_through_another()
    {
        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            var settings = await db.ClinicSettings.SingleAsync();
            settings.Change("Round Trip Clinic ✓ Zürich", "Europe/Zurich");
            await db.SaveChangesAsync();
        }

        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            var settings = await db.ClinicSettings.AsNoTracking().SingleAsync();
            Assert.Equal("Round Trip Clinic ✓ Zürich", settings.Name);
            Assert.Equal("Europe/Zurich", settings.TimeZoneId);
        }
    }

    [Fact]
    public async Task Data_protection_keys_are_kept_in_the_database()
    {
        var protector = App.Factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        var protectedText = protector.Protect("hello");

        await using var db = await App.Factory.CreateDbContextAsync();
        Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        Assert.Equal("hello", protector.Unprotect(protectedText));
    }

    [Fact]
    public async Task Default_protocols_consent_text_and_record_counter_are_seeded_in_every_environment()
    {
        await using var db = await App.Factory.CreateDbContextAsync();

        var protocols = await db.Protocols.AsNoTracking().ToListAsync();
        Assert.Equal(Protocol.Defaults.Count, protocols.Count);
        var depression = protocols.Single(p => p.Settings.Indication == Indication.TreatmentResistantDepression);
        Assert.Equal(0.5m, depression.Settings.DefaultDose);
        Assert.Equal(DoseUnit.MgPerKg, depression.Settings.DoseUnit);
        Assert.True(depression.IsCurrent);
        Assert.Equal(1, (await db.ConsentDocuments.SingleAsync()).VersionNumber);
        Assert.True(await db.SequenceCounters.AnyAsync(c => c.Name == SequenceCounter.MedicalRecordNumber));
    }

    [Fact]
    public async Task A_patient_with_weights_an_assessment_and_a_measure_round_trips()
    {
        var now = new DateTime(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);
        var patient = Patient.Register(new PatientDetails("Round", "Trip", new DateOnly(1980, 1, 2), Sex.Male), "RT" + Guid.NewGuid().ToString("N")[..8], now).Value;
        patient.RecordWeight(82.4m, now.AddDays(-2), "nurse", now);
        patient.AddAllergy("Penicillin", "Rash", AllergySeverity.Moderate);
        var assessment = IntakeAssessment.Start(patient.Id, "clin", now);
        assessment.SaveDraft(new IntakeDraft(Indication.Ptsd, null, "history", [new ScreeningItem { Code = "pregnancy", Answer = ScreeningAnswer.No, Note = "male" }], null), now);
        var measure = OutcomeMeasure.Record(patient.Id, InstrumentCode.Phq9, [1, 2, 3, 0, 1, 2, 3, 0, 1], MeasureContext.Baseline, now, MeasureSource.Staff, "clin", now, assessment.Id).Value;
        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            db.Patients.Add(patient);
            db.IntakeAssessments.Add(assessment);
            db.OutcomeMeasures.Add(measure);
            await db.SaveChangesAsync();
        }

        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            var read = await db.Patients.AsNoTracking().Include(p => p.Weights).Include(p => p.Allergies).SingleAsync(p => p.Id == patient.Id);
            Assert.Equal(82.4m, read.LatestWeight!.WeightKg);
            Assert.Equal("Penicillin", read.Allergies.Single().Substance);
            var readAssessment = await db.IntakeAssessments.AsNoTracking().SingleAsync(a => a.Id == assessment.Id);
            Assert.Equal(ScreeningAnswer.No, readAssessment.Contraindications.Single(c => c.Code == "pregnancy").Answer);
            Assert.Equal("male", readAssessment.Contraindications.Single(c => c.Code == "pregnancy").Note);
            var readMeasure = await db.OutcomeMeasures.AsNoTracking().SingleAsync(m => m.Id == measure.Id);
            Assert.Equal([1, 2, 3, 0, 1, 2, 3, 0, 1], readMeasure.Items);
            Assert.Equal(13, readMeasure.Total);
            Assert.True(readMeasure.RaisedSuicideRiskAlert);
            Assert.Contains(await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Patient").ToListAsync(), e => e.PatientId == patient.Id.ToString());
        }
    }

    [Fact]
    public async Task Concurrent_edits_of_the_settings_are_detected_not_overwritten()
    {
        await using var first = await App.Factory.CreateDbContextAsync();
        await using var second = await App.Factory.CreateDbContextAsync();
        var mine = await first.ClinicSettings.SingleAsync();
        var theirs = await second.ClinicSettings.SingleAsync();

        theirs.Change("Theirs", "Europe/London");
        await second.SaveChangesAsync();
        mine.Change("Mine", "Europe/Paris");

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => first.SaveChangesAsync());
    }
}

public sealed class DatabaseRoundTripTestsOnSqlite(SqliteApp app) : DatabaseRoundTripTests<SqliteApp>(app), IClassFixture<SqliteApp>
{
    [Fact]
    public async Task Sqlite_database_runs_in_write_ahead_log_mode()
    {
        await using var db = await App.Factory.CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

public sealed class DatabaseRoundTripTestsOnPostgres(PostgresApp app) : DatabaseRoundTripTests<PostgresApp>(app), IClassFixture<PostgresApp>
{
    [Fact]
    public async Task Postgres_database_is_really_postgres()
    {
        await using var db = await App.Factory.CreateDbContextAsync();
        Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", db.Database.ProviderName);
    }
}
