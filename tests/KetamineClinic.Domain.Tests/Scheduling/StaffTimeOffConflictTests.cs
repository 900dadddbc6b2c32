using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class StaffTimeOffConflictTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly Wednesday = new(2026, 12, 2);

    private static readonly IReadOnlyList<DayHours> WeekdaysEightToSix =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new DayHours(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))];

    private static DateTime Local(DateOnly date, int hour) => TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(new TimeOnly(hour, 0)), NewYork);

    private static SchedulingContext Away(string staffId, DateOnly first, DateOnly last) =>
        new(NewYork, WeekdaysEightToSix, [], new Dictionary<string, IReadOnlyList<DayHours>>(),
            StaffTimeOff: new Dictionary<string, IReadOnlyList<DateRange>> { [staffId] = [new DateRange(first, last)] });

    private static BookingSlot Infusion(DateOnly date, int hour = 9) =>
        new(Guid.NewGuid(), Guid.NewGuid(), AppointmentType.InfusionSession, Local(date, hour), Local(date, hour).AddMinutes(100), ChairId: Guid.NewGuid(), NurseId: "n1", ClinicianId: "c1");

    [Fact]
    public void A_booking_on_a_nurses_day_off_is_outside_staff_hours()
    {
        var conflicts = ConflictRules.Check(Infusion(Wednesday), [], Away("n1", Wednesday, Wednesday));

        var conflict = Assert.Single(conflicts);
        Assert.Equal(ConflictKind.OutsideStaffHours, conflict.Kind);
        Assert.Equal("The nurse has time off that day.", conflict.Message);
    }

    [Fact]
    public void The_clinicians_time_off_is_named_as_the_clinicians()
    {
        var conflict = Assert.Single(ConflictRules.Check(Infusion(Wednesday), [], Away("c1", Wednesday.AddDays(-2), Wednesday)));

        Assert.Equal("The clinician has time off that day.", conflict.Message);
    }

    [Fact]
    public void The_day_after_time_off_and_the_day_before_are_bookable()
    {
        var context = Away("n1", Wednesday, Wednesday);

        Assert.Empty(ConflictRules.Check(Infusion(Wednesday.AddDays(1)), [], context));
        Assert.Empty(ConflictRules.Check(Infusion(Wednesday.AddDays(-1), hour: 16), [], context));
    }

    [Fact]
    public void Time_off_is_read_in_clinic_dates_not_utc_dates()
    {
        // 16:00–17:40 in New York on Tuesday is 21:00–22:40 UTC, still Tuesday; 19:30 local would be Wednesday in UTC.
        var lateTuesday = new BookingSlot(Guid.NewGuid(), Guid.NewGuid(), AppointmentType.IntakeConsultation,
            Local(Wednesday.AddDays(-1), 17), Local(Wednesday.AddDays(-1), 17).AddMinutes(60), ClinicianId: "c1");

        Assert.Empty(ConflictRules.Check(lateTuesday, [], Away("c1", Wednesday, Wednesday)));
        Assert.Contains(ConflictRules.Check(lateTuesday, [], Away("c1", Wednesday.AddDays(-1), Wednesday.AddDays(-1))), c => c.Kind == ConflictKind.OutsideStaffHours);
    }
}
