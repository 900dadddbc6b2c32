namespace KetamineClinic.Web.Features.Calendar;

/// <summary>A column group of the day view: one chair, or the lane of bookings without a chair. A lane is as many
/// tracks wide as it has bookings at one moment (two consultations at 10:00, or a cancelled booking shown beside
/// the one that took its place).</summary>
public sealed record GridLane(string Key, string Name, Guid? ChairId, int FirstColumn, int Tracks);

/// <summary>A booking placed on the grid: CSS grid row and column (1-based), and how many slot rows it spans.</summary>
public sealed record GridBlock(CalendarBooking Booking, string LaneKey, int Row, int Span, int Column);

/// <summary>
/// The day view's layout, worked out apart from the markup so it can be tested: slot rows from opening to closing
/// (stretched to show any booking outside the hours), one lane per chair plus "Consultations", and each booking's
/// place. Row 1 is the lane headers, column 1 the times.
/// </summary>
public sealed record DayGrid(DateOnly Date, int SlotMinutes, IReadOnlyList<TimeOnly> Slots, IReadOnlyList<GridLane> Lanes, IReadOnlyList<GridBlock> Blocks)
{
    public const string ConsultationsKey = "consult";

    public int Columns => Lanes.Count == 0 ? 1 : Lanes[^1].FirstColumn + Lanes[^1].Tracks - 1;

    public int RowOf(TimeOnly slot) => 2 + Slots.ToList().IndexOf(slot);

    public static DayGrid Build(CalendarView view, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(view);
        var slot = Math.Max(5, view.SlotMinutes);
        var day = view.Dates.FirstOrDefault(d => d.Date == date);
        var bookings = view.On(date).ToList();

        var from = day is { IsOpen: true } ? day.Opens!.Value : (TimeOnly?)null;
        var to = day is { IsOpen: true } ? day.Closes!.Value : (TimeOnly?)null;
        foreach (var booking in bookings)
        {
            var start = TimeOnly.FromDateTime(booking.LocalStart);
            var end = booking.LocalEnd.Date > booking.LocalStart.Date ? TimeOnly.MaxValue : TimeOnly.FromDateTime(booking.LocalEnd);
            from = from is null || start < from ? start : from;
            to = to is null || end > to ? end : to;
        }

        var slots = new List<TimeOnly>();
        if (from is { } first && to is { } last)
        {
            var minute = first.Hour * 60 + first.Minute;
            minute -= minute % slot;
            var endMinute = last == TimeOnly.MaxValue ? 24 * 60 : last.Hour * 60 + last.Minute;
            for (; minute < endMinute; minute += slot)
            {
                slots.Add(new TimeOnly(minute / 60, minute % 60));
            }
        }

        var lanes = view.Chairs.Select(c => (Key: c.Id.ToString(), Name: c.Name, ChairId: (Guid?)c.Id))
            .Append((Key: ConsultationsKey, Name: "Consultations", ChairId: null)).ToList();
        var laneKeys = lanes.Select(l => l.Key).ToHashSet();
        var placed = new List<(CalendarBooking Booking, string Lane, int Row, int Span, int Track)>();
        var slotStart = slots.Count == 0 ? 0 : slots[0].Hour * 60 + slots[0].Minute;
        foreach (var lane in bookings.GroupBy(b => b.Entry.ChairId is { } chair && laneKeys.Contains(chair.ToString()) ? chair.ToString() : ConsultationsKey))
        {
            var trackEnds = new List<int>();
            foreach (var booking in lane.OrderBy(b => b.LocalStart).ThenBy(b => b.Entry.Status is Domain.Scheduling.AppointmentStatus.Cancelled or Domain.Scheduling.AppointmentStatus.EnteredInError))
            {
                var startMinute = booking.LocalStart.Hour * 60 + booking.LocalStart.Minute;
                var endMinute = booking.LocalEnd.Date > booking.LocalStart.Date ? 24 * 60 : booking.LocalEnd.Hour * 60 + booking.LocalEnd.Minute;
                var row = (startMinute - slotStart) / slot;
                var span = Math.Max(1, (int)Math.Ceiling((endMinute - slotStart) / (double)slot) - row);
                var track = trackEnds.FindIndex(end => end <= row);
                if (track < 0)
                {
                    trackEnds.Add(row + span);
                    track = trackEnds.Count - 1;
                }
                else
                {
                    trackEnds[track] = row + span;
                }

                placed.Add((booking, lane.Key, row + 2, span, track));
            }
        }

        var gridLanes = new List<GridLane>();
        var column = 2;
        foreach (var (key, name, chairId) in lanes)
        {
            var tracks = Math.Max(1, placed.Where(p => p.Lane == key).Select(p => p.Track + 1).DefaultIfEmpty(1).Max());
            gridLanes.Add(new GridLane(key, name, chairId, column, tracks));
            column += tracks;
        }

        var firstColumns = gridLanes.ToDictionary(l => l.Key, l => l.FirstColumn);
        var blocks = placed.Select(p => new GridBlock(p.Booking, p.Lane, p.Row, p.Span, firstColumns[p.Lane] + p.Track)).ToList();
        return new DayGrid(date, slot, slots, gridLanes, blocks);
    }
}
