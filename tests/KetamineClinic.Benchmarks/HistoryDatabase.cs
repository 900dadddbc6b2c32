using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Benchmarks;

/// <summary>
/// A SQLite database holding a clinic's booking history: <c>sessions</c> past bookings at a constant density of
/// <see cref="PerDay"/> a day (15 infusions in three chairs and 15 consultations), ending the day before
/// <see cref="Day"/>, plus one ordinary day of bookings on <see cref="Day"/> itself. Built once per size and reused.
/// </summary>
public static class HistoryDatabase
{
    public const int PerDay = 30;
    public const int Patients = 2_000;

    /// <summary>The day the benchmarks look at (clinic local date), a Wednesday.</summary>
    public static readonly DateOnly Day = new(2026, 11, 25);

    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public const string Nurse = "bench-nurse";
    public const string Clinician = "bench-clinician";

    public static string PathFor(int sessions) =>
        Path.Combine(Environment.GetEnvironmentVariable("KC_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "kc-bench"), $"history-{sessions}.db");

    public static string ConnectionString(int sessions, bool foreignKeys = true) => new SqliteConnectionStringBuilder
    {
        DataSource = PathFor(sessions),
        Cache = SqliteCacheMode.Private,
        ForeignKeys = foreignKeys,
    }.ToString();

    public static DbContextOptions<ClinicDbContext> Options(int sessions, bool foreignKeys = true) =>
        ClinicDatabase.CreateOptions(DatabaseProvider.Sqlite, ConnectionString(sessions, foreignKeys));

    public static async Task EnsureAsync(int sessions)
    {
        var path = PathFor(sessions);
        if (File.Exists(path))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var building = path + ".building";
        File.Delete(building);
        // Seed without foreign keys: history bookings name courses and staff the benchmark does not need as rows.
        var options = ClinicDatabase.CreateOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = building, ForeignKeys = false }.ToString());
        await using (var db = new ClinicDbContext(options))
        {
            await ClinicDatabase.MigrateAsync(db);
            db.ClinicOpeningHours.AddRange(ClinicOpeningHours.Defaults);
            db.SchedulingSettings.Add(SchedulingSettings.Default());
            db.Chairs.AddRange(Enumerable.Range(1, 3).Select(n => Chair.Create($"Chair {n}", n).Value));
            await db.SaveChangesAsync();
        }

        List<Guid> chairs;
        await using (var db = new ClinicDbContext(options))
        {
            chairs = await db.Chairs.OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync();
        }

        var patientIds = await SeedPatientsAsync(options);
        var days = (sessions + PerDay - 1) / PerDay;
        var written = 0;
        var random = new Random(42);
        for (var offset = days; offset >= 0 && written < sessions + PerDay; offset -= 200)
        {
            await using var db = new ClinicDbContext(options);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var d = offset; d > Math.Max(offset - 200, -1); d--)
            {
                var date = Day.AddDays(-d);
                var count = d == 0 ? PerDay : Math.Min(PerDay, sessions - written);
                foreach (var appointment in DayOfBookings(date, count, chairs, patientIds, random))
                {
                    db.Appointments.Add(appointment);
                }

                if (d > 0)
                {
                    written += count;
                }
            }

            await db.SaveChangesAsync();
        }

        await using (var db = new ClinicDbContext(options))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        SqliteConnection.ClearAllPools();
        File.Move(building, path);
    }

    /// <summary>One day's bookings: infusions of 100 minutes in each chair from 08:00, consultations every 40 minutes.</summary>
    private static IEnumerable<Appointment> DayOfBookings(DateOnly date, int count, IReadOnlyList<Guid> chairs, IReadOnlyList<Guid> patients, Random random)
    {
        var made = 0;
        for (var slot = 0; slot < 5 && made < count; slot++)
        {
            foreach (var chair in chairs)
            {
                if (made == count)
                {
                    yield break;
                }

                yield return Book(date, new TimeOnly(8, 0).AddMinutes(slot * 105), 100, AppointmentType.InfusionSession, chair, patients[random.Next(patients.Count)]);
                made++;
            }
        }

        for (var slot = 0; made < count; slot++, made++)
        {
            yield return Book(date, new TimeOnly(8, 0).AddMinutes(slot * 40), 40, AppointmentType.IntakeConsultation, null, patients[random.Next(patients.Count)]);
        }
    }

    private static Appointment Book(DateOnly date, TimeOnly time, int minutes, AppointmentType type, Guid? chair, Guid patient)
    {
        var start = SeriesRule.ToUtc(date.ToDateTime(time), Zone);
        var place = new BookingPlace(start, start.AddMinutes(minutes), chair, chair is null ? null : Nurse, Clinician);
        var course = type == AppointmentType.InfusionSession ? patient : (Guid?)null;
        return Appointment.Book(patient, type, place, course, null, null, new Actor("bench", "Benchmark"), start).Value;
    }

    private static async Task<List<Guid>> SeedPatientsAsync(DbContextOptions<ClinicDbContext> options)
    {
        await using var db = new ClinicDbContext(options);
        var ids = new List<Guid>();
        for (var i = 0; i < Patients; i++)
        {
            var patient = Patient.Register(new PatientDetails($"Family{i:D5}", $"Given{i % 97}", new DateOnly(1970 + (i % 40), 1 + (i % 12), 1 + (i % 28)), Sex.Female), $"B{i:D6}", DateTime.UtcNow).Value;
            db.Patients.Add(patient);
            ids.Add(patient.Id);
        }

        await db.SaveChangesAsync();
        return ids;
    }
}
