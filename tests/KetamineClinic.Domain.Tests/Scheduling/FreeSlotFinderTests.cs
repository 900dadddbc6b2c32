using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class FreeSlotFinderTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateOnly Wednesday = new(2026, 12, 2);
    private static readonly Guid ChairA = Guid.NewGuid();
    private static readonly Guid ChairB = Guid.NewGuid();
    private static readonly DateTime LongAgo = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private static readonly IReadOnlyList<DayHours> WeekdaysEightToSix =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new DayHours(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))];

    private static DateTime Local(int hour, int minute = 0, DateOnly? date = null) =>
        TimeZoneInfo.ConvertTimeToUtc((date ?? Wednesday).ToDateTime(new TimeOnly(hour, minute)), NewYork);

    private static SchedulingContext Context(IReadOnlyDictionary<string, IReadOnlyList<DateRange>>? timeOff = null, params DateOnly[] closed) =>
        new(NewYork, WeekdaysEightToSix, closed, new Dictionary<string, IReadOnlyList<DayHours>>(), StaffTimeOff: timeOff);

    private static BookingSlot Infusion(DateTime start, Guid chair, string nurse = "n1", Guid? patient = null) =>
        new(Guid.NewGuid(), patient ?? Guid.NewGuid(), AppointmentType.InfusionSession, start, start.AddMinutes(100), ChairId: chair, NurseId: nurse, ClinicianId: "c1");

    private static void AssertConflictFree(IEnumerable<Alternative> alternatives, BookingSlot refused, IReadOnlyCollection<BookingSlot> existing, SchedulingContext context)
    {
        foreach (var a in alternatives)
        {
            var slot = refused with { StartUtc = a.StartUtc, EndUtc = a.EndUtc, ChairId = a.ChairId };
            Assert.Empty(ConflictRules.Check(slot, existing, context));
            Assert.Equal(refused.EndUtc - refused.StartUtc, a.EndUtc - a.StartUtc);
        }
    }

    [Fact]
    public void When_only_the_chair_is_taken_the_same_time_in_another_chair_comes_first()
    {
        BookingSlot[] existing = [Infusion(Local(9), ChairA, nurse: "n2")];
        var refused = Infusion(Local(9), ChairA);
        var context = Context();

        var found = FreeSlotFinder.Find(refused, existing, context, [ChairA, ChairB], 15, LongAgo);

        Assert.Equal(new Alternative(Local(9), Local(10, 40), ChairB), found[0]);
        AssertConflictFree(found, refused, existing, context);
    }

    [Fact]
    public void Alternatives_are_conflict_free_and_nearest_first()
    {
        // Chair A is the only chair and is busy 11:00–12:40: free starts are up to 09:20 and from 12:40.
        BookingSlot[] existing = [Infusion(Local(11), ChairA, nurse: "n2")];
        var refused = Infusion(Local(12), ChairA);
        var context = Context();

        var found = FreeSlotFinder.Find(refused, existing, context, [ChairA], 15, LongAgo, take: 5);

        Assert.Equal([Local(12, 45), Local(13), Local(13, 15), Local(13, 30), Local(13, 45)], found.Select(a => a.StartUtc));
        var distances = found.Select(a => (a.StartUtc - refused.StartUtc).Duration()).ToList();
        Assert.Equal(distances.Order(), distances);
        AssertConflictFree(found, refused, existing, context);
    }

    [Fact]
    public void The_same_chair_is_preferred_when_it_is_free_and_another_chair_when_it_is_not()
    {
        // Chair A is busy 09:00–10:40 and chair B is always free: a start whose session would meet that booking goes to
        // chair B, a start from 10:40 on goes back to chair A.
        BookingSlot[] existing = [Infusion(Local(9), ChairA, nurse: "n2")];
        var refused = Infusion(Local(9), ChairA);
        var context = Context();

        var found = FreeSlotFinder.Find(refused, existing, context, [ChairA, ChairB], 15, LongAgo, take: 14);

        Assert.All(found, a => Assert.Equal(a.StartUtc >= Local(10, 40) ? ChairA : ChairB, a.ChairId));
        Assert.Contains(found, a => a.ChairId == ChairA);
        Assert.Contains(found, a => a.ChairId == ChairB);
        AssertConflictFree(found, refused, existing, context);
    }

    [Fact]
    public void Closed_dates_are_skipped()
    {
        // The nurse is away on Wednesday and the clinic is closed on Thursday: the first answers are on Friday.
        var timeOff = new Dictionary<string, IReadOnlyList<DateRange>> { ["n1"] = [new DateRange(Wednesday, Wednesday)] };
        var context = Context(timeOff, Wednesday.AddDays(1));
        var refused = Infusion(Local(9), ChairA);

        var found = FreeSlotFinder.Find(refused, [], context, [ChairA], 15, LongAgo);

        Assert.Equal(3, found.Count);
        Assert.All(found, a => Assert.Equal(Wednesday.AddDays(2), DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, NewYork))));
        Assert.Equal(Local(8, date: Wednesday.AddDays(2)), found[0].StartUtc);
        AssertConflictFree(found, refused, [], context);
    }

    [Fact]
    public void Nothing_is_offered_before_the_earliest_allowed_time()
    {
        BookingSlot[] existing = [Infusion(Local(9), ChairA, nurse: "n2")];
        var refused = Infusion(Local(9), ChairA);
        var notBefore = Local(13, 5);

        var found = FreeSlotFinder.Find(refused, existing, Context(), [ChairA], 15, notBefore);

        Assert.NotEmpty(found);
        Assert.All(found, a => Assert.True(a.StartUtc >= notBefore, $"{a.StartUtc:u} is before {notBefore:u}"));
        Assert.Equal(Local(13, 15), found[0].StartUtc);
    }

    [Fact]
    public void Alternatives_start_on_the_slot_grid_inside_opening_hours()
    {
        BookingSlot[] existing = [Infusion(Local(9), ChairA, nurse: "n2")];

        var found = FreeSlotFinder.Find(Infusion(Local(9), ChairA), existing, Context(), [ChairA], 20, LongAgo, take: 10);

        Assert.Equal(10, found.Count);
        Assert.All(found, a =>
        {
            var local = TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, NewYork);
            var end = TimeZoneInfo.ConvertTimeFromUtc(a.EndUtc, NewYork);
            Assert.Equal(0, (local.Hour * 60 + local.Minute - 8 * 60) % 20);
            Assert.True(local.TimeOfDay >= TimeSpan.FromHours(8) && end.TimeOfDay <= TimeSpan.FromHours(18), $"{local:t}–{end:t}");
        });
    }
}
