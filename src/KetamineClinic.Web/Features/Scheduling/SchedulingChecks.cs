using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Courses;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>What an infusion's booking takes from its course and protocol.</summary>
public sealed record InfusionTerms(Guid CourseId, int PlannedSessions, int Minutes, int MinIntervalHours, int FastingSolidHours, int FastingClearLiquidHours, bool Ready);

/// <summary>
/// The database side of the conflict check: loads, with bounded range queries, every counting booking that could
/// touch a candidate, and the hours, closed dates, staff availability and settings the rules need. Run inside
/// <see cref="SchedulingLock"/> when the answer decides a write.
/// </summary>
public static class SchedulingChecks
{
    public static readonly DomainError NotANurse = new("appointment.not_nurse", "The chosen nurse is not an active nurse.");
    public static readonly DomainError NotAClinician = new("appointment.not_clinician", "The chosen clinician is not an active clinician.");
    public static readonly DomainError ChairInactive = new("appointment.chair_inactive", "The chosen chair is not in use.");
    public static readonly DomainError NoActiveCourse = new("appointment.no_course", "The patient has no active treatment course. A clinician plans and starts the course before infusions are booked.");

    public static async Task<SchedulingSettings> SettingsAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.SchedulingSettings.AsNoTracking().SingleOrDefaultAsync(cancellationToken) ?? SchedulingSettings.Default();
    }

    /// <summary>The course and protocol numbers for an infusion: the given course, or the patient's active one.</summary>
    public static async Task<Result<InfusionTerms>> InfusionTermsAsync(ClinicDbContext db, Guid patientId, Guid? courseId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var query = db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patientId);
        var course = await (courseId is { } id ? query.Where(c => c.Id == id) : query.Where(c => c.Status == CourseStatus.Active))
            .OrderByDescending(c => c.CreatedUtc)
            .Select(c => new { c.Id, c.Status, c.ProtocolId, c.PlannedSessions })
            .FirstOrDefaultAsync(cancellationToken);
        if (course is null)
        {
            return NoActiveCourse;
        }

        var protocol = await db.Protocols.AsNoTracking().Where(p => p.Id == course.ProtocolId).Select(p => p.Settings).SingleAsync(cancellationToken);
        var latest = await CoursePlanning.LatestDecidedAsync(db, patientId, cancellationToken);
        var ready = course.Status == CourseStatus.Active && latest?.Decision == EligibilityDecision.Eligible;
        return new InfusionTerms(course.Id, course.PlannedSessions, protocol.InfusionMinutes + protocol.ObservationMinutes, protocol.MinIntervalHours,
            protocol.FastingSolidHours, protocol.FastingClearLiquidHours, ready);
    }

    /// <summary>Refuses a nurse who is not an active nurse, a clinician who is not an active clinician, or a chair not in use.</summary>
    public static async Task<DomainError?> CheckPlaceAsync(ClinicDbContext db, BookingPlace place, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(place);
        if (place.NurseId is { } nurse && !await StaffDirectory.IsActiveInRoleAsync(db, nurse, StaffRoles.Nurse, cancellationToken))
        {
            return NotANurse;
        }

        if (place.ClinicianId is { } clinician && !await StaffDirectory.IsActiveInRoleAsync(db, clinician, StaffRoles.Clinician, cancellationToken))
        {
            return NotAClinician;
        }

        if (place.ChairId is { } chair && !await db.Chairs.AnyAsync(c => c.Id == chair && c.IsActive, cancellationToken))
        {
            return ChairInactive;
        }

        return null;
    }

    public static async Task<SchedulingContext> ContextAsync(
        ClinicDbContext db, TimeZoneInfo zone, SchedulingSettings settings, IEnumerable<string?> staffIds, int minimumIntervalHours, bool readyForInfusion,
        DateOnly fromDate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var staff = staffIds.OfType<string>().Distinct().ToList();
        var hours = await db.ClinicOpeningHours.AsNoTracking().ToListAsync(cancellationToken);
        var closed = await db.ClosedDates.AsNoTracking().Where(d => d.Date >= fromDate.AddDays(-1)).Select(d => d.Date).ToListAsync(cancellationToken);
        var staffHours = await db.StaffWorkingHours.AsNoTracking().Where(h => staff.Contains(h.StaffId)).ToListAsync(cancellationToken);
        var timeOff = await db.StaffTimeOff.AsNoTracking().Where(t => staff.Contains(t.StaffId) && t.LastDate >= fromDate.AddDays(-1)).ToListAsync(cancellationToken);
        return new SchedulingContext(
            zone,
            [.. hours.Select(h => h.ToDayHours())],
            closed.ToHashSet(),
            staffHours.GroupBy(h => h.StaffId).ToDictionary(g => g.Key, g => (IReadOnlyList<DayHours>)[.. g.Select(h => h.ToDayHours())]),
            settings.NurseCapacity,
            minimumIntervalHours,
            readyForInfusion,
            timeOff.GroupBy(t => t.StaffId).ToDictionary(g => g.Key, g => (IReadOnlyList<DateRange>)[.. g.Select(t => t.ToRange())]));
    }

    /// <summary>
    /// Every counting booking that overlaps [fromUtc, toUtc), plus the patient's infusions within the minimum interval
    /// of it. Both queries bound the start time from both sides (a booking lasts at most
    /// <see cref="Appointment.MaxLength"/>), so they read a constant slice of the (StartUtc) and (PatientId, StartUtc)
    /// indexes however long the history is.
    /// </summary>
    public static async Task<List<BookingSlot>> NearbyAsync(
        ClinicDbContext db, Guid patientId, DateTime fromUtc, DateTime toUtc, int minimumIntervalHours, CancellationToken cancellationToken)
    {
        var overlapping = await Overlapping(db, fromUtc, toUtc).Select(ToSlot).ToListAsync(cancellationToken);
        var infusions = await PatientInfusionsNear(db, patientId, fromUtc, toUtc, minimumIntervalHours).Select(ToSlot).ToListAsync(cancellationToken);
        return [.. overlapping.Concat(infusions).DistinctBy(s => s.Id)];
    }

    /// <summary>Counting bookings overlapping [fromUtc, toUtc): a range of the (StartUtc) index.</summary>
    public static IQueryable<Appointment> Overlapping(ClinicDbContext db, DateTime fromUtc, DateTime toUtc)
    {
        var lower = fromUtc - Appointment.MaxLength;
        return Counting(db).Where(a => a.StartUtc >= lower && a.StartUtc < toUtc && a.EndUtc > fromUtc);
    }

    /// <summary>The patient's counting infusions starting within the minimum interval of [fromUtc, toUtc): a range of
    /// the (PatientId, StartUtc) index.</summary>
    public static IQueryable<Appointment> PatientInfusionsNear(ClinicDbContext db, Guid patientId, DateTime fromUtc, DateTime toUtc, int minimumIntervalHours)
    {
        var interval = TimeSpan.FromHours(minimumIntervalHours);
        var from = fromUtc - interval;
        var to = toUtc + interval;
        return Counting(db).Where(a => a.PatientId == patientId && a.StartUtc > from && a.StartUtc < to
            && (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster));
    }

    /// <summary>Bookings that count: cancelled and entered-in-error ones never do.</summary>
    public static IQueryable<Appointment> Counting(ClinicDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Appointments.AsNoTracking()
            .Where(a => a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError);
    }

    public static readonly System.Linq.Expressions.Expression<Func<Appointment, BookingSlot>> ToSlot =
        a => new BookingSlot(a.Id, a.PatientId, a.Type, a.StartUtc, a.EndUtc, a.Status, a.ChairId, a.NurseId, a.ClinicianId);

    public static async Task<IReadOnlyList<Guid>> ActiveChairsAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name).Select(c => c.Id).ToListAsync(cancellationToken);
    }
}
