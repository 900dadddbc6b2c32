using BenchmarkDotNet.Attributes;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Calendar;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Benchmarks;

/// <summary>
/// The conflict check and the day calendar over 10k, 100k and 1M past bookings (issue 4, item 7): both must cost about
/// the same whatever the history's size, because every overlap query bounds the start time on both sides and reads a
/// range of the (StartUtc) and (PatientId, StartUtc) indexes. Each operation opens its own context, as the handlers do.
/// </summary>
[MemoryDiagnoser]
public class SchedulingBenchmarks
{
    private DbContextOptions<ClinicDbContext> _options = null!;
    private BookingSlot _candidate = null!;
    private SchedulingSettings _settings = null!;
    private (DateTime FromUtc, DateTime ToUtc) _day;

    [Params(10_000, 100_000, 1_000_000)]
    public int Sessions { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        HistoryDatabase.EnsureAsync(Sessions).GetAwaiter().GetResult();
        _options = HistoryDatabase.Options(Sessions);
        using var db = new ClinicDbContext(_options);
        var chair = db.Chairs.OrderBy(c => c.SortOrder).Select(c => c.Id).First();
        var patient = db.Appointments.Where(a => a.Type == AppointmentType.InfusionSession).Select(a => a.PatientId).First();
        _settings = db.SchedulingSettings.Single();
        var start = SeriesRule.ToUtc(HistoryDatabase.Day.ToDateTime(new TimeOnly(10, 0)), HistoryDatabase.Zone);
        // A new infusion on the busy day: it meets the chair's other bookings, so the rules have real work to do.
        _candidate = new BookingSlot(Guid.NewGuid(), patient, AppointmentType.InfusionSession, start, start.AddMinutes(100), AppointmentStatus.Booked,
            chair, HistoryDatabase.Nurse, HistoryDatabase.Clinician);
        _day = CalendarQuery.Bounds(HistoryDatabase.Day, 1, HistoryDatabase.Zone);
    }

    /// <summary>What BookingService does inside its lock: the nearby bookings, the hours and availability, the rules.</summary>
    [Benchmark]
    public async Task<int> ConflictCheck()
    {
        await using var db = new ClinicDbContext(_options);
        var existing = await SchedulingChecks.NearbyAsync(db, _candidate.PatientId, _candidate.StartUtc, _candidate.EndUtc, 24, CancellationToken.None);
        var context = await SchedulingChecks.ContextAsync(db, HistoryDatabase.Zone, _settings, [_candidate.NurseId, _candidate.ClinicianId], 24, true,
            HistoryDatabase.Day, CancellationToken.None);
        var conflicts = ConflictRules.Check(_candidate, existing, context);
        return conflicts.Count == 0 ? throw new InvalidOperationException("The candidate should meet the chair's booking.") : conflicts.Count;
    }

    /// <summary>The calendar's day view read.</summary>
    [Benchmark]
    public async Task<int> DayCalendar()
    {
        await using var db = new ClinicDbContext(_options);
        var bookings = await CalendarQuery.BookingsAsync(db, _day.FromUtc, _day.ToUtc, new CalendarFilter(), CancellationToken.None);
        return bookings.Count == HistoryDatabase.PerDay ? bookings.Count : throw new InvalidOperationException($"Expected {HistoryDatabase.PerDay} bookings, got {bookings.Count}.");
    }
}
