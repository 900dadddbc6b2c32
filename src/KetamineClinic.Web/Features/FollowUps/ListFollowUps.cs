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

/// <summary>One follow-up to book: whose, after which course, and when it is due (clinic dates).</summary>
public sealed record FollowUpToBook(
    Guid PatientId,
    string PatientName,
    string Mrn,
    Guid CourseId,
    string CourseLabel,
    DateOnly LastSessionDate,
    int DaysAfter,
    DateOnly DueDate,
    bool Overdue);

/// <summary>The follow-ups still to book in the clinic, earliest due first, and the follow-up days proposed.</summary>
public sealed record FollowUpList(IReadOnlyList<FollowUpToBook> Rows, DateOnly Today, IReadOnlyList<int> FollowUpDays);

/// <summary>The "Follow-ups to book" list (policy <see cref="Policies.Book"/>: intake staff and clinicians). The list
/// names patients, so a read of each listed patient's record is audited.</summary>
public sealed class ListFollowUpsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public async Task<Result<FollowUpList>> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(FollowUpDecision), what: "follow-ups to book", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        var snapshot = await clinic.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(snapshot.ToClinicTime(clock.GetUtcNow().UtcDateTime));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var courses = await FollowUpQuery.LoadAsync(db, null, openOnly: true, settings.FollowUpDays, snapshot.TimeZone, cancellationToken);
        var rows = courses
            .SelectMany(c => c.Proposals.Where(p => p.State == FollowUpState.Open).Select(p => new FollowUpToBook(
                c.PatientId, c.PatientName, c.Mrn, c.CourseId, c.CourseLabel, p.LastSessionDate, p.DaysAfter, p.DueDate, p.IsOverdue(today))))
            .OrderBy(r => r.DueDate)
            .ThenBy(r => r.PatientName, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
        foreach (var patientId in rows.Select(r => r.PatientId).Distinct())
        {
            await audit.RecordPatientReadAsync(patientId.ToString(), nameof(TreatmentCourse), what: "follow-ups to book", cancellationToken: cancellationToken);
        }

        return new FollowUpList(rows, today, settings.FollowUpDays);
    }
}
