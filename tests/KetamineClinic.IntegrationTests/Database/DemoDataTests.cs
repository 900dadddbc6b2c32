using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Database;

/// <summary>
/// The Development demo data, seeded on a fresh database exactly as a Development start-up seeds it (twice, as two
/// start-ups would), must look like a real clinic's: no two live bookings in one chair at once, no patient in two
/// places, no clinician double-booked outside infusions they cover together, no nurse beyond capacity in past weeks,
/// and each past-treatment demo patient with the courses and sessions the demo's screens and tests rely on.
/// </summary>
public abstract class DemoDataTests<TApp>(TApp app) where TApp : ClinicAppFixture
{
    /// <summary>Courses (their states in order of start), infusion sessions, bookings other than follow-ups (those that
    /// fell due by today were attended, so their number depends on the day the test runs), and the bookings that were
    /// not fulfilled, of each past-treatment demo patient.</summary>
    private static readonly Dictionary<string, (CourseStatus[] Courses, int Sessions, int Bookings, AppointmentStatus[] NotFulfilled)> Expected = new()
    {
        ["Kaur"] = ([CourseStatus.Completed], 6, 7, []),
        ["Nakamura"] = ([CourseStatus.Completed], 6, 8, [AppointmentStatus.NoShow]),
        ["Patel"] = ([CourseStatus.Completed], 6, 8, [AppointmentStatus.Cancelled]),
        ["Rossi"] = ([CourseStatus.Completed], 6, 8, [AppointmentStatus.Cancelled]),
        ["Quinn"] = ([CourseStatus.Discontinued], 4, 6, [AppointmentStatus.EnteredInError]),
        ["O'Brien"] = ([CourseStatus.Completed], 6, 7, []),
        ["Nwosu"] = ([CourseStatus.Active], 6, 6, []),
        ["Reyes"] = ([CourseStatus.Completed], 6, 6, []),
        ["Okafor"] = ([CourseStatus.Active], 4, 4, []),
        ["Lindqvist"] = ([CourseStatus.Completed, CourseStatus.Completed], 8, 8, []),
    };

    private static bool Overlap(Appointment a, Appointment b) => a.StartUtc < b.EndUtc && b.StartUtc < a.EndUtc;

    private static string Describe(Appointment a, Appointment b) => $"{a.PatientId} {a.StartUtc:u}–{a.EndUtc:u} and {b.PatientId} {b.StartUtc:u}–{b.EndUtc:u}";

    private async Task SeedTwiceAsync()
    {
        for (var run = 0; run < 2; run++)
        {
            await using var scope = app.Factory.Services.CreateAsyncScope();
            await DatabaseInitializer.SeedDemoAsync(scope.ServiceProvider);
        }
    }

    [Fact]
    public async Task The_demo_has_no_overlapping_live_bookings_and_every_past_course_as_the_demo_shows_it()
    {
        await SeedTwiceAsync();
        await using var db = await app.Factory.CreateDbContextAsync();
        var live = await db.Appointments.AsNoTracking()
            .Where(a => a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError).ToListAsync();
        Assert.True(live.Count > 50, $"The demo should have been seeded; {live.Count} live bookings found.");
        var pairs = live.SelectMany((a, i) => live.Skip(i + 1).Where(b => Overlap(a, b)).Select(b => (A: a, B: b))).ToList();

        Assert.Empty(pairs.Where(p => p.A.ChairId is not null && p.A.ChairId == p.B.ChairId).Select(p => "chair: " + Describe(p.A, p.B)));
        Assert.Empty(pairs.Where(p => p.A.PatientId == p.B.PatientId).Select(p => "patient: " + Describe(p.A, p.B)));
        Assert.Empty(pairs.Where(p => p.A.ClinicianId is not null && p.A.ClinicianId == p.B.ClinicianId && !(IsInfusion(p.A) && IsInfusion(p.B)))
            .Select(p => "clinician: " + Describe(p.A, p.B)));

        // Past weeks only: today's floor deliberately shows three infusions at once for the one demo nurse.
        var settings = await app.Factory.Services.GetRequiredService<ClinicSettingsProvider>().GetAsync();
        var today = DateOnly.FromDateTime(settings.ToClinicTime(DateTime.UtcNow));
        var pastEnd = SeriesRule.ToUtc(today.AddDays(-1).ToDateTime(TimeOnly.MinValue), settings.TimeZone);
        var capacity = (await db.SchedulingSettings.AsNoTracking().SingleAsync()).NurseCapacity;
        var past = live.Where(a => a.NurseId is not null && a.EndUtc <= pastEnd).ToList();
        Assert.Empty(past.Where(a => past.Count(b => b.NurseId == a.NurseId && b.StartUtc <= a.StartUtc && a.StartUtc < b.EndUtc) > capacity)
            .Select(a => $"nurse beyond capacity at {a.StartUtc:u}"));

        var patients = await db.Patients.AsNoTracking().Where(p => Expected.Keys.Contains(p.FamilyName)).ToListAsync();
        Assert.Equal(Expected.Keys.Order(), patients.Select(p => p.FamilyName).Order());
        foreach (var patient in patients)
        {
            var (courses, sessions, bookings, notFulfilled) = Expected[patient.FamilyName];
            var actual = await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patient.Id).OrderBy(c => c.PlannedStart).Select(c => c.Status).ToListAsync();
            Assert.True(courses.SequenceEqual(actual), $"{patient.FamilyName}: courses {string.Join(", ", actual)}");
            Assert.Equal((patient.FamilyName, sessions), (patient.FamilyName, await db.InfusionSessions.CountAsync(s => s.PatientId == patient.Id)));
            Assert.Equal((patient.FamilyName, bookings),
                (patient.FamilyName, await db.Appointments.CountAsync(a => a.PatientId == patient.Id && a.Type != AppointmentType.FollowUp)));
            var followUps = await db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id && a.Type == AppointmentType.FollowUp).ToListAsync();
            var courseIds = await db.TreatmentCourses.AsNoTracking().Where(c => c.PatientId == patient.Id && c.Status == CourseStatus.Completed).Select(c => c.Id).ToListAsync();
            Assert.All(followUps, f => Assert.Contains(f.CourseId ?? Guid.Empty, courseIds));
            var missed = await db.Appointments.AsNoTracking().Where(a => a.PatientId == patient.Id && a.Status != AppointmentStatus.Fulfilled).Select(a => a.Status).ToListAsync();
            Assert.True(notFulfilled.SequenceEqual(missed), $"{patient.FamilyName}: not fulfilled {string.Join(", ", missed)}");
        }
    }

    private static bool IsInfusion(Appointment a) => a.Type is AppointmentType.InfusionSession or AppointmentType.Booster;
}

public sealed class DemoDataTestsOnSqlite(SqliteApp app) : DemoDataTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class DemoDataTestsOnPostgres(PostgresApp app) : DemoDataTests<PostgresApp>(app), IClassFixture<PostgresApp>;
