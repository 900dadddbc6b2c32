using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>A patient's courses whose planned sessions are all given, with their follow-ups, for the Course tab; and
/// whether this user may book them or record one as not needed.</summary>
public sealed record PatientFollowUps(IReadOnlyList<FinishedCourse> Courses, DateOnly Today, bool MayBook)
{
    public FinishedCourse? For(Guid courseId) => Courses.FirstOrDefault(c => c.CourseId == courseId);
}

/// <summary>The Course tab's follow-ups (policy <see cref="Policies.ViewClinical"/>, as the tab).</summary>
public sealed class GetPatientFollowUpsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public async Task<Result<PatientFollowUps>> HandleAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.ViewClinical)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(FollowUpDecision), patientId: patientId.ToString(), what: "course follow-ups", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        var snapshot = await clinic.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(snapshot.ToClinicTime(clock.GetUtcNow().UtcDateTime));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var courses = await FollowUpQuery.LoadAsync(db, patientId, openOnly: false, settings.FollowUpDays, snapshot.TimeZone, cancellationToken);
        await audit.RecordPatientReadAsync(patientId.ToString(), nameof(TreatmentCourse), what: "course follow-ups", cancellationToken: cancellationToken);
        var mayBook = (await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded;
        return new PatientFollowUps(courses, today, mayBook);
    }
}
