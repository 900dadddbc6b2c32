using System.Security.Claims;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Patients;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>What the booking dialog is opened with for a proposed follow-up: the patient, the course it follows, and
/// the nearest free time on or after the due date (<see cref="SlotFound"/> false: none within two weeks, so the due
/// date at the last session's time is offered and the booking's own check proposes alternatives).</summary>
public sealed record FollowUpBookingDraft(
    PatientRow Patient,
    Guid CourseId,
    string CourseLabel,
    int DaysAfter,
    DateOnly DueDate,
    DateTime LocalStart,
    string? ClinicianId,
    bool SlotFound);

/// <summary>
/// Prepares the booking of one proposed follow-up (policy <see cref="Policies.Book"/>). The start is the nearest free
/// place for a follow-up of the clinic's length with the course's clinician (when still an active clinician): the
/// due date at the time of day of the last session if free, otherwise the nearest free slot found by
/// <see cref="FreeSlotFinder"/> from there, never before now. The booking itself is checked again when saved.
/// </summary>
public sealed class PrepareFollowUpBookingHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public const int SearchDays = 14;

    public async Task<Result<FollowUpBookingDraft>> HandleAsync(ClaimsPrincipal user, Guid courseId, int daysAfter, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patientId = await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == courseId).Select(c => (Guid?)c.PatientId).SingleOrDefaultAsync(cancellationToken);
        if (!(await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded)
        {
            await audit.RecordDeniedAsync(nameof(FollowUpDecision), courseId.ToString(), patientId?.ToString(), "book a follow-up", cancellationToken);
            return AccessErrors.NotAllowed;
        }

        if (patientId is null)
        {
            return CourseErrors.NotFound;
        }

        var snapshot = await clinic.GetAsync(cancellationToken);
        var zone = snapshot.TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(snapshot.ToClinicTime(now));
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var course = (await FollowUpQuery.LoadAsync(db, patientId, openOnly: false, settings.FollowUpDays, zone, cancellationToken)).FirstOrDefault(c => c.CourseId == courseId);
        var proposal = course?.Proposals.FirstOrDefault(p => p.DaysAfter == daysAfter);
        if (course is null || proposal is null)
        {
            return FollowUpErrors.NoSuchFollowUp;
        }

        if (proposal.State != FollowUpState.Open)
        {
            return FollowUpErrors.NotOpen;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId)
            .Select(p => new PatientRow(p.Id, p.FamilyName, p.GivenName, p.SearchName, p.Mrn, p.DateOfBirth, p.Sex, p.Phone, null, null, p.IsArchived))
            .SingleAsync(cancellationToken);
        if (patient.IsArchived)
        {
            return PatientErrors.Archived;
        }

        var clinicianId = await StaffDirectory.IsActiveInRoleAsync(db, course.PlannedBy, StaffRoles.Clinician, cancellationToken) ? course.PlannedBy : null;
        var day = proposal.DueDate < today ? today : proposal.DueDate;
        var wanted = day.ToDateTime(TimeOnly.FromDateTime(proposal.DueLocal));
        var start = SeriesRule.ToUtc(wanted, zone);
        var candidate = new BookingSlot(Guid.NewGuid(), patient.Id, AppointmentType.FollowUp, start, start.AddMinutes(settings.FollowUpMinutes), ClinicianId: clinicianId);
        var (fromUtc, _) = Calendar.CalendarQuery.Bounds(day, 1, zone);
        var (_, toUtc) = Calendar.CalendarQuery.Bounds(day.AddDays(SearchDays), 1, zone);
        var existing = await SchedulingChecks.NearbyAsync(db, patient.Id, fromUtc, toUtc, 24, cancellationToken);
        var context = await SchedulingChecks.ContextAsync(db, zone, settings, [clinicianId], 24, true, day, cancellationToken);
        var free = start >= now && ConflictRules.Check(candidate, existing, context).Count == 0
            ? new Alternative(candidate.StartUtc, candidate.EndUtc, null)
            : FreeSlotFinder.Find(candidate, existing, context, [], settings.SlotMinutes, now, SearchDays, take: 1).FirstOrDefault();
        await audit.RecordPatientReadAsync(patient.Id.ToString(), nameof(TreatmentCourse), courseId.ToString(), "follow-up booking", cancellationToken);
        var localStart = free is null ? wanted : ClinicTime.ToLocal(free.StartUtc, zone);
        return new FollowUpBookingDraft(patient, courseId, course.CourseLabel, daysAfter, proposal.DueDate, localStart, clinicianId, free is not null);
    }
}
