using FsCheck;
using FsCheck.Fluent;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class ChairPropertyTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly DateTime DayStartUtc = new(2026, 12, 2, 13, 0, 0, DateTimeKind.Utc); // 08:00 in New York
    private static readonly Guid[] Chairs = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];

    private static readonly SchedulingContext Context = new(
        NewYork,
        [new DayHours(DayOfWeek.Wednesday, new TimeOnly(8, 0), new TimeOnly(18, 0))],
        [],
        new Dictionary<string, IReadOnlyList<DayHours>>(),
        NurseCapacity: 2);

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Booking_only_what_the_rules_accept_never_double_books_a_chair()
    {
        var request = from chair in Gen.Choose(0, Chairs.Length - 1)
                      from startQuarter in Gen.Choose(0, 36)
                      from quarters in Gen.Choose(1, 8)
                      from nurse in Gen.Elements("n1", "n2", "n3")
                      from cancelled in Gen.Frequency((1, Gen.Constant(true)), (4, Gen.Constant(false)))
                      select (chair, startQuarter, quarters, nurse, cancelled);

        return Prop.ForAll(request.ListOf().ToArbitrary(), requests =>
        {
            var booked = new List<BookingSlot>();
            foreach (var (chair, startQuarter, quarters, nurse, cancelled) in requests)
            {
                var start = DayStartUtc.AddMinutes(15 * startQuarter);
                var candidate = new BookingSlot(Guid.NewGuid(), Guid.NewGuid(), AppointmentType.InfusionSession, start, start.AddMinutes(15 * quarters), ChairId: Chairs[chair], NurseId: nurse);
                if (ConflictRules.Check(candidate, booked, Context).Count == 0)
                {
                    booked.Add(cancelled ? candidate with { Status = AppointmentStatus.Cancelled } : candidate);
                }
            }

            var active = booked.Where(b => b.Counts).ToList();
            return active.All(a => !active.Any(b => b.Id != a.Id && b.ChairId == a.ChairId && a.Overlaps(b)));
        });
    }
}
