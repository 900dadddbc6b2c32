using KetamineClinic.Domain.Clinic;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>A free place offered instead of a refused one.</summary>
public sealed record Alternative(DateTime StartUtc, DateTime EndUtc, Guid? ChairId);

/// <summary>
/// Finds the nearest free alternatives to a refused booking: the same length, on the same day or the following days,
/// starting on the calendar's slot grid within clinic hours, with the same staff, in the same chair or (for infusions)
/// any other active chair. Every alternative passes <see cref="ConflictRules.Check"/> against the same bookings.
/// </summary>
public static class FreeSlotFinder
{
    public static IReadOnlyList<Alternative> Find(
        BookingSlot refused,
        IReadOnlyCollection<BookingSlot> existing,
        SchedulingContext context,
        IReadOnlyList<Guid> activeChairs,
        int slotMinutes,
        DateTime notBeforeUtc,
        int searchDays = 14,
        int take = 3)
    {
        ArgumentNullException.ThrowIfNull(refused);
        ArgumentNullException.ThrowIfNull(existing);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(activeChairs);
        var length = refused.EndUtc - refused.StartUtc;
        if (length <= TimeSpan.Zero || slotMinutes <= 0)
        {
            return [];
        }

        IReadOnlyList<Guid?> chairs = refused.ChairId is { } chosen
            ? [chosen, .. activeChairs.Where(c => c != chosen).Select(c => (Guid?)c)]
            : [null];
        var zone = context.ClinicTimeZone;
        var firstDay = DateOnly.FromDateTime(ClinicTime.ToLocal(refused.StartUtc, zone));
        var found = new List<Alternative>();
        for (var offset = 0; offset <= searchDays && found.Count < take; offset++)
        {
            var day = firstDay.AddDays(offset);
            if (context.ClosedDates.Contains(day))
            {
                continue;
            }

            var dayCandidates = new List<Alternative>();
            foreach (var hours in context.ClinicHours.Where(h => h.Day == day.DayOfWeek))
            {
                for (var local = day.ToDateTime(hours.Opens); local + length <= day.ToDateTime(hours.Closes); local = local.AddMinutes(slotMinutes))
                {
                    var start = SeriesRule.ToUtc(local, zone);
                    if (start < notBeforeUtc)
                    {
                        continue;
                    }

                    foreach (var chairId in chairs)
                    {
                        // The refused place itself is no alternative, but the same time in another chair is the nearest one.
                        if (start == refused.StartUtc && chairId == refused.ChairId)
                        {
                            continue;
                        }

                        var slot = refused with { StartUtc = start, EndUtc = start + length, ChairId = chairId };
                        if (ConflictRules.Check(slot, existing, context).Count == 0)
                        {
                            dayCandidates.Add(new Alternative(slot.StartUtc, slot.EndUtc, chairId));
                            break;
                        }
                    }
                }
            }

            // Nearest in time to what was asked for, then earlier first.
            found.AddRange(dayCandidates
                .OrderBy(a => Math.Abs((a.StartUtc - refused.StartUtc).Ticks))
                .ThenBy(a => a.StartUtc)
                .Take(take - found.Count));
        }

        return found;
    }
}
