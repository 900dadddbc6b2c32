using System.Globalization;
using KetamineClinic.Domain.Clinic;

namespace KetamineClinic.Domain.Scheduling;

public enum ConflictKind
{
    Chair = 1,
    NurseCapacity = 2,
    Clinician = 3,
    Patient = 4,
    OutsideClinicHours = 5,
    OutsideStaffHours = 6,
    MinimumInterval = 7,
    NotReadyForInfusion = 8,
    InvalidTimes = 9,
}

public sealed record Conflict(ConflictKind Kind, string Message, Guid? WithBookingId = null);

/// <summary>Opening hours for one weekday, in the clinic's local time.</summary>
public sealed record DayHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes);

/// <summary>Everything the conflict check needs besides the other bookings.</summary>
public sealed record SchedulingContext(
    TimeZoneInfo ClinicTimeZone,
    IReadOnlyList<DayHours> ClinicHours,
    IReadOnlyCollection<DateOnly> ClosedDates,
    IReadOnlyDictionary<string, IReadOnlyList<DayHours>> StaffHours,
    int NurseCapacity = 2,
    int MinimumIntervalHours = 24,
    bool PatientReadyForInfusion = true,
    IReadOnlyDictionary<string, IReadOnlyList<DateRange>>? StaffTimeOff = null);

/// <summary>
/// The booking conflict rules (domain.md, "Scheduling"): the same chair, a nurse beyond capacity, the same clinician,
/// the same patient anywhere, outside clinic or staff hours, an infusion sooner than the minimum interval after the
/// patient's last one, and an infusion for a patient without an eligible decision and an active course. Cancelled
/// and entered-in-error bookings never conflict. The existing bookings passed in must hold every counting booking that
/// could touch the candidate: those overlapping it, and the patient's infusions within the minimum interval.
/// </summary>
public static class ConflictRules
{
    public static IReadOnlyList<Conflict> Check(BookingSlot candidate, IEnumerable<BookingSlot> existing, SchedulingContext context)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(context);
        var conflicts = new List<Conflict>();
        if (candidate.EndUtc <= candidate.StartUtc)
        {
            conflicts.Add(new(ConflictKind.InvalidTimes, "The booking must end after it starts."));
            return conflicts;
        }

        var others = existing.Where(b => b.Counts && b.Id != candidate.Id).ToList();
        var overlapping = others.Where(candidate.Overlaps).ToList();

        foreach (var b in overlapping.Where(b => candidate.ChairId is not null && b.ChairId == candidate.ChairId))
        {
            conflicts.Add(new(ConflictKind.Chair, $"The chair is booked {Describe(b, context)}.", b.Id));
        }

        if (candidate.NurseId is not null)
        {
            var nurseLoad = overlapping.Where(b => b.NurseId == candidate.NurseId).ToList();
            if (MaxConcurrent(candidate, nurseLoad) >= context.NurseCapacity)
            {
                conflicts.Add(new(ConflictKind.NurseCapacity,
                    $"The nurse already watches {context.NurseCapacity} chair(s) at that time (capacity {context.NurseCapacity}).",
                    nurseLoad[0].Id));
            }
        }

        foreach (var b in overlapping.Where(b => candidate.ClinicianId is not null && b.ClinicianId == candidate.ClinicianId
                     && !(candidate.IsInfusion && b.IsInfusion)))
        {
            // A clinician "on call" for infusions may cover several chairs; consultations need the clinician alone.
            conflicts.Add(new(ConflictKind.Clinician, $"The clinician is booked {Describe(b, context)}.", b.Id));
        }

        foreach (var b in overlapping.Where(b => b.PatientId == candidate.PatientId))
        {
            conflicts.Add(new(ConflictKind.Patient, $"The patient already has a booking {Describe(b, context)}.", b.Id));
        }

        if (!WithinHours(candidate, context.ClinicHours, context))
        {
            conflicts.Add(new(ConflictKind.OutsideClinicHours, "The clinic is not open for the whole booking."));
        }

        foreach (var staff in new[] { candidate.NurseId, candidate.ClinicianId }.OfType<string>())
        {
            var who = staff == candidate.NurseId ? "The nurse" : "The clinician";
            if (context.StaffHours.TryGetValue(staff, out var hours) && !WithinHours(candidate, hours, context, checkClosedDates: false))
            {
                conflicts.Add(new(ConflictKind.OutsideStaffHours, $"{who} is not working for the whole booking."));
            }

            if (context.StaffTimeOff is not null && context.StaffTimeOff.TryGetValue(staff, out var away)
                && away.Any(r => r.Contains(LocalDate(candidate.StartUtc, context)) || r.Contains(LocalDate(candidate.EndUtc.AddTicks(-1), context))))
            {
                conflicts.Add(new(ConflictKind.OutsideStaffHours, $"{who} has time off that day."));
            }
        }

        if (candidate.IsInfusion)
        {
            if (!context.PatientReadyForInfusion)
            {
                conflicts.Add(new(ConflictKind.NotReadyForInfusion, "An infusion needs an eligible intake decision and an active treatment course."));
            }

            var interval = TimeSpan.FromHours(context.MinimumIntervalHours);
            foreach (var b in others.Where(b => b.PatientId == candidate.PatientId && b.IsInfusion && !candidate.Overlaps(b)))
            {
                var gap = b.StartUtc < candidate.StartUtc ? candidate.StartUtc - b.StartUtc : b.StartUtc - candidate.StartUtc;
                if (gap < interval)
                {
                    conflicts.Add(new(ConflictKind.MinimumInterval,
                        $"Infusions must be at least {context.MinimumIntervalHours} h apart; another is {Describe(b, context)}.", b.Id));
                }
            }
        }

        return conflicts;
    }

    /// <summary>The most bookings of <paramref name="load"/> running at the same moment within the candidate.</summary>
    private static int MaxConcurrent(BookingSlot candidate, IReadOnlyList<BookingSlot> load)
    {
        var max = 0;
        var instants = load.Select(b => b.StartUtc).Append(candidate.StartUtc).Where(t => t >= candidate.StartUtc && t < candidate.EndUtc);
        foreach (var t in instants)
        {
            max = Math.Max(max, load.Count(b => b.StartUtc <= t && t < b.EndUtc));
        }

        return max;
    }

    private static bool WithinHours(BookingSlot b, IReadOnlyList<DayHours> hours, SchedulingContext context, bool checkClosedDates = true)
    {
        var start = ClinicTime.ToLocal(b.StartUtc, context.ClinicTimeZone);
        var end = ClinicTime.ToLocal(b.EndUtc, context.ClinicTimeZone);
        var day = DateOnly.FromDateTime(start);
        if (DateOnly.FromDateTime(end.AddTicks(-1)) != day || (checkClosedDates && context.ClosedDates.Contains(day)))
        {
            return false;
        }

        return hours.Any(h => h.Day == start.DayOfWeek && TimeOnly.FromDateTime(start) >= h.Opens && TimeOnly.FromDateTime(end.AddTicks(-1)) < h.Closes);
    }

    private static DateOnly LocalDate(DateTime utc, SchedulingContext context) =>
        DateOnly.FromDateTime(ClinicTime.ToLocal(utc, context.ClinicTimeZone));

    private static string Describe(BookingSlot b, SchedulingContext context)
    {
        var start = ClinicTime.ToLocal(b.StartUtc, context.ClinicTimeZone);
        var end = ClinicTime.ToLocal(b.EndUtc, context.ClinicTimeZone);
        return string.Create(CultureInfo.InvariantCulture, $"{start:ddd d MMM HH:mm}–{end:HH:mm}");
    }
}
