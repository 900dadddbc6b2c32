using System.Security.Claims;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.History;

/// <summary>A clinician, a nurse and an intake staff member of their own, a chair of its own, and the clinic's zone.</summary>
public sealed record HistoryStage(PastTreatmentStaff Staff, ClaimsPrincipal Clinician, ClaimsPrincipal Nurse, ClaimsPrincipal Intake, TimeZoneInfo Zone);

/// <summary>
/// Past treatment for the history and reviews tests, recorded through the domain with <see cref="PastTreatment"/> (the
/// same builder the Development demo uses): every step of every session at its own past time, so a test can arrange
/// months of courses in one save rather than driving each step through the session screens.
/// </summary>
public static class HistoryArrange
{
    /// <summary>Clinic-local date <paramref name="daysAgo"/> days before today.</summary>
    public static DateOnly DaysAgo(int daysAgo) => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-daysAgo);

    /// <summary>Twice a week from <paramref name="first"/>: +0, +3, +7, +10… days.</summary>
    public static DateOnly SessionDay(DateOnly first, int index) => first.AddDays((index / 2 * 7) + (index % 2 * 3));

    public static async Task<HistoryStage> StageAsync(ClinicAppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var clinician = await app.CreateStaffAsync(StaffRoles.Clinician);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        var intake = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        await using var db = await app.Factory.CreateDbContextAsync();
        var chair = Chair.Create("History chair " + Guid.NewGuid().ToString("N")[..8], 99).Value;
        db.Chairs.Add(chair);
        await db.SaveChangesAsync();
        var zone = (await app.Factory.Services.GetRequiredService<ClinicSettingsProvider>().GetAsync()).TimeZone;
        var staff = new PastTreatmentStaff(
            new SessionActor(clinician.Id, clinician.DisplayName, IsClinician: true),
            new SessionActor(nurse.Id, nurse.DisplayName, IsClinician: false),
            new Actor(intake.Id, intake.DisplayName),
            chair.Id);
        return new HistoryStage(staff, await IdentityFlows.PrincipalForAsync(app, clinician.Id), await IdentityFlows.PrincipalForAsync(app, nurse.Id),
            await IdentityFlows.PrincipalForAsync(app, intake.Id), zone);
    }

    /// <summary>Arranges in one context with <see cref="PastTreatment"/> and saves.</summary>
    public static async Task<T> RecordAsync<T>(ClinicAppFixture app, HistoryStage stage, Func<PastTreatment, ClinicDbContext, Task<T>> arrange)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(arrange);
        await using var db = await app.Factory.CreateDbContextAsync();
        var result = await arrange(new PastTreatment(db, stage.Staff, stage.Zone), db);
        await db.SaveChangesAsync();
        return result;
    }

    /// <summary>A new patient assessed eligible <paramref name="assessedDaysAgo"/> days ago with a PHQ-9 baseline.</summary>
    public static async Task<(Patient Patient, IntakeAssessment Assessment)> PatientAsync(PastTreatment past, ClinicDbContext db, int phq9Baseline, int assessedDaysAgo)
    {
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(db);
        var registered = DateTime.UtcNow.AddDays(-assessedDaysAgo - 1);
        var patient = Patient.Register(new PatientDetails($"History{Guid.NewGuid():N}"[..20], "Test", new DateOnly(1980, 5, 17), Sex.Female,
            ReferringClinician: "Dr. Referring Test"), $"H{Guid.NewGuid():N}"[..12], registered).Value;
        db.Patients.Add(patient);
        var consent = await db.ConsentDocuments.SingleAsync(d => d.IsCurrent);
        var assessment = past.AssessEligible(patient, consent, past.Utc(DaysAgo(assessedDaysAgo).ToDateTime(new TimeOnly(10, 0))), phq9Baseline);
        return (patient, assessment);
    }

    /// <summary>A course planned a week before <paramref name="firstDay"/>, its <paramref name="sessions"/> given at
    /// 09:00 clinic time twice a week from that day.</summary>
    public static async Task<TreatmentCourse> CourseAsync(PastTreatment past, ClinicDbContext db, Patient patient, IntakeAssessment assessment, CourseKind kind,
        DateOnly firstDay, int planned, int reviewAfter, params PastSession[] sessions)
    {
        ArgumentNullException.ThrowIfNull(past);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(patient);
        ArgumentNullException.ThrowIfNull(sessions);
        var protocol = (await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync())
            .First(p => p.Settings.Indication == Indication.TreatmentResistantDepression);
        var course = past.PlanActive(patient.Id, assessment, protocol, kind, firstDay.AddDays(-7), firstDay, planned, Math.Min(2, planned), reviewAfter,
            "Fewer depressive symptoms; back to work");
        for (var i = 0; i < sessions.Length; i++)
        {
            await past.InfuseAsync(course, SessionDay(firstDay, i).ToDateTime(new TimeOnly(9, 0)), sessions[i]);
        }

        return course;
    }

    public static Task<ClaimsPrincipal> StaffAsync(ClinicAppFixture app, string role) => ClinicalArrange.StaffAsync(app, role);
}
