using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.FollowUps;

/// <summary>A course whose last planned session is fulfilled, with every proposed follow-up and where it stands
/// (rule: <see cref="FollowUpProposals"/>), and the follow-ups recorded as not needed.</summary>
public sealed record FinishedCourse(
    Guid CourseId,
    Guid PatientId,
    string PatientName,
    string Mrn,
    DateOnly DateOfBirth,
    CourseKind Kind,
    string ProtocolName,
    int ProtocolVersion,
    CourseStatus Status,
    int PlannedSessions,
    int FulfilledSessions,
    string PlannedBy,
    IReadOnlyList<FollowUpProposal> Proposals,
    IReadOnlyList<FollowUpDecision> NotNeeded)
{
    public string CourseLabel => $"{CourseText.Kind(Kind)} course, {ProtocolName} (version {ProtocolVersion})";

    public DateOnly LastSessionDate => Proposals.Count > 0 ? Proposals[0].LastSessionDate : default;
}

/// <summary>
/// Reads the facts the follow-up rule needs in a fixed number of queries, however many courses: (1) the courses whose
/// fulfilled infusions reach their planned sessions, with the count and latest start aggregated in the database and
/// the patient's name joined; (2) those courses' follow-up bookings; (3) their decisions still in force. The proposals
/// themselves are computed by the domain rule, from the clinic's follow-up days as they are now.
/// </summary>
public static class FollowUpQuery
{
    /// <param name="patientId">One patient's courses (the Course tab), or every patient's (the follow-ups list).</param>
    /// <param name="openOnly">Only courses that may still have a follow-up to book: fewer live follow-up bookings than
    /// the clinic proposes (checked in the database, so courses long followed up are not read). Archived patients are
    /// then left out too: nothing can be booked for them.</param>
    public static async Task<List<FinishedCourse>> LoadAsync(
        ClinicDbContext db, Guid? patientId, bool openOnly, IReadOnlyList<int> followUpDays, TimeZoneInfo clinicZone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(followUpDays);
        if (openOnly && followUpDays.Count == 0)
        {
            return [];
        }

        var fulfilled = db.Appointments
            .Where(a => a.CourseId != null && a.Status == AppointmentStatus.Fulfilled
                && (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster))
            .GroupBy(a => a.CourseId!.Value)
            .Select(g => new { CourseId = g.Key, Count = g.Count(), Last = g.Max(a => a.StartUtc) });
        var courses = db.TreatmentCourses.AsNoTracking().Where(c => c.Status == CourseStatus.Active || c.Status == CourseStatus.Completed);
        var patients = db.Patients.AsNoTracking();
        if (patientId is { } onlyPatient)
        {
            courses = courses.Where(c => c.PatientId == onlyPatient);
            patients = patients.Where(p => p.Id == onlyPatient);
        }

        if (openOnly)
        {
            var wanted = followUpDays.Count;
            patients = patients.Where(p => !p.IsArchived);
            courses = courses.Where(c => db.Appointments.Count(a => a.CourseId == c.Id && a.Type == AppointmentType.FollowUp
                && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError) < wanted);
        }

        var rows = await (from c in courses
                          join f in fulfilled on c.Id equals f.CourseId
                          join p in patients on c.PatientId equals p.Id
                          where f.Count >= c.PlannedSessions || c.Status == CourseStatus.Completed
                          select new
                          {
                              c.Id, c.PatientId, p.FamilyName, p.GivenName, p.Mrn, p.DateOfBirth, c.Kind, c.ProtocolName, c.ProtocolVersion, c.Status,
                              c.PlannedSessions, c.CreatedBy, f.Count, f.Last,
                          }).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select(r => r.Id).ToList();
        var followUps = (await db.Appointments.AsNoTracking()
                .Where(a => a.Type == AppointmentType.FollowUp && a.CourseId != null && ids.Contains(a.CourseId.Value))
                .Select(a => new { CourseId = a.CourseId!.Value, a.Id, a.StartUtc, a.Status })
                .ToListAsync(cancellationToken))
            .ToLookup(a => a.CourseId, a => new FollowUpBooking(a.Id, DateTime.SpecifyKind(a.StartUtc, DateTimeKind.Utc), a.Status));
        var decisions = (await db.FollowUpDecisions.AsNoTracking()
                .Where(d => ids.Contains(d.CourseId) && d.WithdrawnUtc == null)
                .ToListAsync(cancellationToken))
            .ToLookup(d => d.CourseId);

        return [.. rows.Select(r =>
        {
            var notNeeded = decisions[r.Id].OrderBy(d => d.DaysAfter).ToList();
            var facts = new CourseFollowUpFacts(r.Id, r.Status, r.PlannedSessions, r.Count, DateTime.SpecifyKind(r.Last, DateTimeKind.Utc),
                [.. followUps[r.Id]], notNeeded.Select(d => d.DaysAfter).ToHashSet());
            return new FinishedCourse(r.Id, r.PatientId, $"{r.FamilyName}, {r.GivenName}", r.Mrn, r.DateOfBirth, r.Kind, r.ProtocolName, r.ProtocolVersion,
                r.Status, r.PlannedSessions, r.Count, r.CreatedBy, FollowUpProposals.For(facts, followUpDays, clinicZone), notNeeded);
        })];
    }
}
