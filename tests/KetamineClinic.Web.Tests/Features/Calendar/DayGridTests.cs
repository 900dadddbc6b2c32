using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Web.Features.Calendar;

namespace KetamineClinic.Web.Tests.Features.Calendar;

public sealed class DayGridTests
{
    private static readonly DateOnly Day = new(2026, 3, 10);
    private static readonly CalendarChair Chair = new(Guid.NewGuid(), "Chair 1", true);

    [Fact]
    public void Slot_rows_run_from_opening_to_closing_in_slot_steps()
    {
        var grid = DayGrid.Build(View([]), Day);

        Assert.Equal(new TimeOnly(8, 0), grid.Slots[0]);
        Assert.Equal(new TimeOnly(17, 45), grid.Slots[^1]);
        Assert.Equal(40, grid.Slots.Count);
        Assert.Equal(["Chair 1", "Consultations"], grid.Lanes.Select(l => l.Name));
    }

    [Fact]
    public void A_booking_spans_the_rows_of_its_length_in_its_chairs_column()
    {
        var infusion = Booking(Chair.Id, new TimeOnly(9, 0), minutes: 100);

        var block = Assert.Single(DayGrid.Build(View([infusion]), Day).Blocks);

        Assert.Equal(Chair.Id.ToString(), block.LaneKey);
        Assert.Equal(2 + 4, block.Row);
        Assert.Equal(7, block.Span);
        Assert.Equal(2, block.Column);
    }

    [Fact]
    public void Two_consultations_at_once_sit_side_by_side_in_a_wider_lane()
    {
        var first = Booking(null, new TimeOnly(10, 0), minutes: 60);
        var second = Booking(null, new TimeOnly(10, 30), minutes: 60);

        var grid = DayGrid.Build(View([first, second]), Day);

        var lane = grid.Lanes.Single(l => l.Key == DayGrid.ConsultationsKey);
        Assert.Equal(2, lane.Tracks);
        Assert.Equal([lane.FirstColumn, lane.FirstColumn + 1], grid.Blocks.Select(b => b.Column).Order());
    }

    [Fact]
    public void A_booking_outside_the_opening_hours_stretches_the_grid_so_it_is_never_hidden()
    {
        var early = Booking(null, new TimeOnly(7, 0), minutes: 30);

        var grid = DayGrid.Build(View([early]), Day);

        Assert.Equal(new TimeOnly(7, 0), grid.Slots[0]);
        Assert.Equal(2, Assert.Single(grid.Blocks).Row);
    }

    private static CalendarView View(IReadOnlyList<CalendarBooking> bookings) =>
        new(Day, 1, 15, [Chair], [new CalendarDate(Day, new TimeOnly(8, 0), new TimeOnly(18, 0), null)], bookings, Day.ToDateTime(new TimeOnly(7, 0)), MayBook: true);

    private static CalendarBooking Booking(Guid? chairId, TimeOnly start, int minutes)
    {
        var local = Day.ToDateTime(start);
        var entry = new CalendarEntry(Guid.NewGuid(), Guid.NewGuid(), "Doe, Jane", "MRN1", chairId is null ? AppointmentType.IntakeConsultation : AppointmentType.InfusionSession,
            AppointmentStatus.Booked, local, local.AddMinutes(minutes), chairId, null, null, null, false, Guid.NewGuid());
        return new CalendarBooking(entry, local, local.AddMinutes(minutes), null, null, null, null);
    }
}
