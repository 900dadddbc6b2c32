using System.Security.Claims;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Calendar;

public sealed record CalendarChair(Guid Id, string Name, bool IsActive);

/// <summary>One clinic-local date of a view: its opening hours, or why it is closed.</summary>
public sealed record CalendarDate(DateOnly Date, TimeOnly? Opens, TimeOnly? Closes, string? ClosedReason)
{
    public bool IsOpen => Opens is not null && Closes is not null && ClosedReason is null;
}

/// <summary>A booking as a view shows it: clinic-local times, its session number, chair and staff names.</summary>
public sealed record CalendarBooking(CalendarEntry Entry, DateTime LocalStart, DateTime LocalEnd, SessionNumber? Session, string? ChairName, string? NurseName, string? ClinicianName)
{
    public Guid Id => Entry.Id;

    public DateOnly LocalDate => DateOnly.FromDateTime(LocalStart);

    public int Minutes => (int)(Entry.EndUtc - Entry.StartUtc).TotalMinutes;
}

/// <summary>What a day or week view shows. <see cref="Chairs"/> are the active chairs plus any chair out of use that
/// still holds a booking shown, so no booking is ever hidden.</summary>
public sealed record CalendarView(
    DateOnly First,
    int DayCount,
    int SlotMinutes,
    IReadOnlyList<CalendarChair> Chairs,
    IReadOnlyList<CalendarDate> Dates,
    IReadOnlyList<CalendarBooking> Bookings,
    DateTime NowLocal,
    bool MayBook)
{
    public DateOnly Today => DateOnly.FromDateTime(NowLocal);

    public IEnumerable<CalendarBooking> On(DateOnly date) => Bookings.Where(b => b.LocalDate == date);
}

/// <summary>The choices of the booking and move forms.</summary>
public sealed record BookingOptions(
    IReadOnlyList<CalendarChair> Chairs,
    IReadOnlyList<StaffOption> Nurses,
    IReadOnlyList<StaffOption> Clinicians,
    int ConsultationMinutes,
    int FollowUpMinutes,
    int SlotMinutes,
    TimeZoneInfo Zone);

/// <summary>
/// Loads the calendar's day and week views (through <see cref="CalendarQuery"/>, its one bounded read of bookings),
/// the booking form's choices, and an infusion's terms from the patient's course.
/// </summary>
public sealed class CalendarHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    TimeProvider clock)
{
    public const int MaxDays = 7;

    public async Task<Result<CalendarView>> LoadAsync(ClaimsPrincipal user, DateOnly first, int days, CalendarFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (await DenyAsync(user, Policies.ViewCalendar, "calendar", cancellationToken) is { } denied)
        {
            return denied;
        }

        days = Math.Clamp(days, 1, MaxDays);
        var snapshot = await clinic.GetAsync(cancellationToken);
        var zone = snapshot.TimeZone;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var (fromUtc, toUtc) = CalendarQuery.Bounds(first, days, zone);
        var entries = await CalendarQuery.BookingsAsync(db, fromUtc, toUtc, filter, cancellationToken);
        var sessions = await SessionNumbering.ForCoursesAsync(db, entries.Select(e => e.CourseId).OfType<Guid>(), cancellationToken);
        var chairIds = entries.Select(e => e.ChairId).OfType<Guid>().Distinct().ToList();
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.IsActive || chairIds.Contains(c.Id))
            .OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CalendarChair(c.Id, c.Name, c.IsActive)).ToListAsync(cancellationToken);
        var names = await StaffDirectory.NamesAsync(db, entries.SelectMany(e => new[] { e.NurseId, e.ClinicianId }), cancellationToken);
        var last = first.AddDays(days - 1);
        var hours = await db.ClinicOpeningHours.AsNoTracking().ToListAsync(cancellationToken);
        var closed = await db.ClosedDates.AsNoTracking().Where(d => d.Date >= first && d.Date <= last).ToListAsync(cancellationToken);
        var dates = Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(date =>
        {
            var open = hours.FirstOrDefault(h => h.Day == date.DayOfWeek);
            var closedReason = closed.FirstOrDefault(c => c.Date == date)?.Reason ?? (open is null ? $"The clinic is closed on {date.DayOfWeek}s." : null);
            return new CalendarDate(date, open?.Opens, open?.Closes, closedReason);
        }).ToList();

        var chairNames = chairs.ToDictionary(c => c.Id, c => c.Name);
        var bookings = entries.Select(e => new CalendarBooking(
            e,
            ClinicTime.ToLocal(e.StartUtc, zone),
            ClinicTime.ToLocal(e.EndUtc, zone),
            sessions.TryGetValue(e.Id, out var session) ? session : null,
            e.ChairId is { } chair ? chairNames.GetValueOrDefault(chair) : null,
            e.NurseId is { } nurse ? names.GetValueOrDefault(nurse) : null,
            e.ClinicianId is { } clinician ? names.GetValueOrDefault(clinician) : null)).ToList();
        var mayBook = (await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded;
        return new CalendarView(first, days, settings.SlotMinutes, chairs, dates, bookings, snapshot.ToClinicTime(clock.GetUtcNow().UtcDateTime), mayBook);
    }

    /// <summary>Active chairs, enabled nurses and clinicians, default lengths: what the booking and move forms offer.</summary>
    public async Task<Result<BookingOptions>> OptionsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (await DenyAsync(user, Policies.ViewCalendar, "calendar", cancellationToken) is { } denied)
        {
            return denied;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new CalendarChair(c.Id, c.Name, c.IsActive)).ToListAsync(cancellationToken);
        var nurses = await StaffDirectory.InRoleAsync(db, StaffRoles.Nurse, cancellationToken);
        var clinicians = await StaffDirectory.InRoleAsync(db, StaffRoles.Clinician, cancellationToken);
        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        return new BookingOptions(chairs, nurses, clinicians, settings.ConsultationMinutes, settings.FollowUpMinutes, settings.SlotMinutes, zone);
    }

    /// <summary>The length and course an infusion for this patient would take, or why none can be booked. Reading the
    /// patient's course is a read of the record, so it is audited.</summary>
    public async Task<Result<InfusionTerms>> InfusionTermsAsync(ClaimsPrincipal user, Guid patientId, CancellationToken cancellationToken = default)
    {
        if (await DenyAsync(user, Policies.Book, "infusion terms", cancellationToken, patientId) is { } denied)
        {
            return denied;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var terms = await SchedulingChecks.InfusionTermsAsync(db, patientId, null, cancellationToken);
        await audit.RecordPatientReadAsync(patientId.ToString(), nameof(Domain.Courses.TreatmentCourse), terms.IsSuccess ? terms.Value.CourseId.ToString() : null, "infusion terms for booking", cancellationToken);
        return terms;
    }

    private async Task<DomainError?> DenyAsync(ClaimsPrincipal user, string policy, string what, CancellationToken cancellationToken, Guid? patientId = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return null;
        }

        await audit.RecordDeniedAsync(nameof(Appointment), patientId: patientId?.ToString(), what: what, cancellationToken: cancellationToken);
        return AccessErrors.NotAllowed;
    }
}

/// <summary>The booking dialog hands an infusion over to the series dialog with what was chosen so far.</summary>
public sealed record SeriesRequest(Guid PatientId, DateTime LocalStart, Guid? ChairId, string? NurseId, string? ClinicianId);
