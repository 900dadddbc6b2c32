using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class ConflictRulesTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly Guid ChairA = Guid.NewGuid();
    private static readonly Guid ChairB = Guid.NewGuid();

    // Wednesday 2 December 2026, New York (UTC-5).
    private static DateTime Local(int hour, int minute = 0, int day = 2) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 12, day, hour, minute, 0, DateTimeKind.Unspecified), NewYork);

    private static readonly IReadOnlyList<DayHours> WeekdaysEightToSix =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new DayHours(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))];

    private static SchedulingContext Context(bool ready = true, IReadOnlyDictionary<string, IReadOnlyList<DayHours>>? staff = null, params DateOnly[] closed) =>
        new(NewYork, WeekdaysEightToSix, closed, staff ?? new Dictionary<string, IReadOnlyList<DayHours>>(), NurseCapacity: 2, MinimumIntervalHours: 24, PatientReadyForInfusion: ready);

    private static BookingSlot Infusion(DateTime start, Guid? chair = null, string nurse = "n1", Guid? patient = null, AppointmentStatus status = AppointmentStatus.Booked, int minutes = 100) =>
        new(Guid.NewGuid(), patient ?? Guid.NewGuid(), AppointmentType.InfusionSession, start, start.AddMinutes(minutes), status, chair ?? ChairA, nurse, "c1");

    private static BookingSlot Consultation(DateTime start, string clinician = "c1", Guid? patient = null) =>
        new(Guid.NewGuid(), patient ?? Guid.NewGuid(), AppointmentType.IntakeConsultation, start, start.AddMinutes(60), ClinicianId: clinician);

    private static IReadOnlyList<ConflictKind> Kinds(BookingSlot candidate, params BookingSlot[] existing) =>
        ConflictRules.Check(candidate, existing, Context()).Select(c => c.Kind).ToList();

    [Fact]
    public void A_free_slot_in_opening_hours_has_no_conflict()
    {
        Assert.Empty(Kinds(Infusion(Local(9))));
    }

    [Fact]
    public void The_same_chair_at_an_overlapping_time_is_refused_with_the_other_booking_named()
    {
        var existing = Infusion(Local(9));

        var conflicts = ConflictRules.Check(Infusion(Local(10), nurse: "n2"), [existing], Context());

        var chair = Assert.Single(conflicts, c => c.Kind == ConflictKind.Chair);
        Assert.Equal(existing.Id, chair.WithBookingId);
        Assert.Contains("09:00–10:40", chair.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Back_to_back_bookings_of_one_chair_do_not_overlap()
    {
        Assert.Empty(Kinds(Infusion(Local(10, 40), nurse: "n2"), Infusion(Local(9))));
    }

    [Theory]
    [InlineData(AppointmentStatus.Cancelled)]
    [InlineData(AppointmentStatus.EnteredInError)]
    public void Cancelled_and_entered_in_error_bookings_never_conflict(AppointmentStatus status)
    {
        Assert.Empty(Kinds(Infusion(Local(9)), Infusion(Local(9), status: status)));
    }

    [Fact]
    public void A_nurse_watches_two_chairs_at_once_but_not_three()
    {
        var first = Infusion(Local(9), ChairA);
        var second = Infusion(Local(9, 30), ChairB);

        Assert.DoesNotContain(ConflictKind.NurseCapacity, Kinds(Infusion(Local(9, 15), Guid.NewGuid()), first));
        Assert.Contains(ConflictKind.NurseCapacity, Kinds(Infusion(Local(10), Guid.NewGuid()), first, second));
    }

    [Fact]
    public void Nurse_capacity_counts_bookings_running_at_the_same_moment_not_all_that_touch_the_slot()
    {
        // 08:00–09:40 and 10:00–11:40 never run together, so a third nurse booking 09:00–10:40 meets at most one.
        var early = Infusion(Local(8), ChairA);
        var late = Infusion(Local(10), ChairB);

        Assert.DoesNotContain(ConflictKind.NurseCapacity, Kinds(Infusion(Local(9), Guid.NewGuid()), early, late));
    }

    [Fact]
    public void The_same_clinician_cannot_hold_two_consultations_at_once()
    {
        Assert.Contains(ConflictKind.Clinician, Kinds(Consultation(Local(11)), Consultation(Local(11, 30))));
        Assert.Empty(Kinds(Consultation(Local(11), "c2"), Consultation(Local(11, 30))));
    }

    [Fact]
    public void The_clinician_on_call_may_cover_several_infusions()
    {
        Assert.DoesNotContain(ConflictKind.Clinician, Kinds(Infusion(Local(9), ChairB, "n2"), Infusion(Local(9))));
    }

    [Fact]
    public void The_same_patient_cannot_be_in_two_places_even_with_different_staff()
    {
        var patient = Guid.NewGuid();

        Assert.Contains(ConflictKind.Patient, Kinds(Consultation(Local(9), "c2", patient), Infusion(Local(9, 30), ChairB, "n2", patient)));
    }

    [Theory]
    [InlineData(7, 0)] // before opening
    [InlineData(17, 0)] // runs past 18:00
    public void Bookings_outside_clinic_hours_are_refused(int hour, int minute)
    {
        Assert.Contains(ConflictKind.OutsideClinicHours, Kinds(Infusion(Local(hour, minute))));
    }

    [Fact]
    public void Weekends_and_closed_dates_are_refused()
    {
        var saturday = Infusion(Local(9, day: 5));
        var closed = ConflictRules.Check(Infusion(Local(9)), [], Context(closed: new DateOnly(2026, 12, 2)));

        Assert.Contains(ConflictKind.OutsideClinicHours, Kinds(saturday));
        Assert.Contains(closed, c => c.Kind == ConflictKind.OutsideClinicHours);
    }

    [Fact]
    public void A_nurse_outside_their_working_hours_is_refused()
    {
        var staff = new Dictionary<string, IReadOnlyList<DayHours>> { ["n1"] = [new DayHours(DayOfWeek.Wednesday, new TimeOnly(12, 0), new TimeOnly(18, 0))] };

        var conflicts = ConflictRules.Check(Infusion(Local(9)), [], Context(staff: staff));

        Assert.Contains(conflicts, c => c.Kind == ConflictKind.OutsideStaffHours && c.Message.StartsWith("The nurse", StringComparison.Ordinal));
    }

    [Fact]
    public void A_second_infusion_sooner_than_the_minimum_interval_is_refused()
    {
        var patient = Guid.NewGuid();
        var yesterdayAfternoon = Infusion(Local(14, day: 1), patient: patient);

        Assert.Contains(ConflictKind.MinimumInterval, Kinds(Infusion(Local(9), ChairB, patient: patient), yesterdayAfternoon));
        Assert.DoesNotContain(ConflictKind.MinimumInterval, Kinds(Infusion(Local(14), ChairB, patient: patient), yesterdayAfternoon));
    }

    [Fact]
    public void An_infusion_needs_an_eligible_patient_with_an_active_course_but_a_consultation_does_not()
    {
        Assert.Contains(ConflictRules.Check(Infusion(Local(9)), [], Context(ready: false)), c => c.Kind == ConflictKind.NotReadyForInfusion);
        Assert.Empty(ConflictRules.Check(Consultation(Local(9)), [], Context(ready: false)));
    }

    [Fact]
    public void Moving_a_booking_does_not_conflict_with_itself()
    {
        var booking = Infusion(Local(9));

        Assert.Empty(Kinds(booking with { StartUtc = Local(9, 30), EndUtc = Local(11, 10) }, booking));
    }

    [Fact]
    public void A_booking_that_ends_before_it_starts_is_refused()
    {
        Assert.Equal([ConflictKind.InvalidTimes], Kinds(Infusion(Local(9)) with { EndUtc = Local(8) }));
    }
}
