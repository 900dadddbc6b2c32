using System.Security.Claims;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.History;

/// <summary>A patient's treatment history: every course with its sessions, vitals, side effects, scores and outcome.</summary>
public sealed record GetTreatmentHistory(Guid PatientId);

/// <summary>One course of a patient, for the printable summary sent to the referring clinician.</summary>
public sealed record GetCourseSummary(Guid PatientId, Guid CourseId);

/// <summary>The printable summary: the patient, the course as the history shows it, and who prepared it when.</summary>
public sealed record CourseSummary(HistoryPatient Patient, CourseHistory Course, TimeZoneInfo Zone, string PreparedBy, DateTime PreparedUtc)
{
    public DateTime ToLocal(DateTime utc) => ClinicTime.ToLocal(utc, Zone);

    /// <summary>The clinicians who signed the course's sessions, in the order they first signed.</summary>
    public IReadOnlyList<string> SignedBy =>
    [
        .. Course.Sessions.Where(s => s.Session?.SignedByName is not null).OrderBy(s => s.Session!.SignedUtc)
            .Select(s => s.Session!.SignedByName!).Distinct(),
    ];
}

/// <summary>
/// Reads the history with <see cref="TreatmentHistoryReader"/> (a fixed number of queries) for a nurse or clinician
/// (policy <see cref="Policies.ViewClinical"/>; a refusal is audited), and records the read of the patient's record.
/// </summary>
public sealed class GetTreatmentHistoryHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public const string AuditWhat = "treatment history";
    public const string SummaryAuditWhat = "course summary";

    public async Task<Result<TreatmentHistory>> HandleAsync(ClaimsPrincipal user, GetTreatmentHistory query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.ViewClinical, nameof(TreatmentCourse), null, query.PatientId, "open the treatment history", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        var history = await ReadAsync(query.PatientId, cancellationToken);
        if (history is null)
        {
            return PatientErrors.NotFound;
        }

        await audit.RecordPatientReadAsync(query.PatientId.ToString(), nameof(TreatmentCourse), null, AuditWhat, cancellationToken);
        return history;
    }

    public async Task<Result<CourseSummary>> SummaryAsync(ClaimsPrincipal user, GetCourseSummary query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.ViewClinical, nameof(TreatmentCourse), query.CourseId, query.PatientId, "open a course summary", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        var history = await ReadAsync(query.PatientId, cancellationToken);
        if (history is null)
        {
            return PatientErrors.NotFound;
        }

        if (history.Courses.FirstOrDefault(c => c.Course.Id == query.CourseId) is not { } course)
        {
            return CourseErrors.NotFound;
        }

        await audit.RecordPatientReadAsync(query.PatientId.ToString(), nameof(TreatmentCourse), query.CourseId.ToString(), SummaryAuditWhat, cancellationToken);
        return new CourseSummary(history.Patient, course, history.Zone, StaffIdentity.From(user).Name, history.LoadedUtc);
    }

    private async Task<TreatmentHistory?> ReadAsync(Guid patientId, CancellationToken cancellationToken)
    {
        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await TreatmentHistoryReader.ReadAsync(db, patientId, zone, clock.GetUtcNow().UtcDateTime, cancellationToken);
    }
}
