using System.Data.Common;
using BenchmarkDotNet.Attributes;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.History;
using KetamineClinic.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace KetamineClinic.Benchmarks;

/// <summary>
/// The treatment history's read (issue 6, item 6): <see cref="TreatmentHistoryReader.ReadAsync"/> for a patient with one
/// course of one session and for one with three courses of ten sessions, on a SQLite database that also holds
/// <see cref="TreatmentHistoryDatabase.OtherPatients"/> other patients' courses. The setup checks that both reads take
/// the same number of SQL statements (eleven) before anything is timed. Each read opens its own context, as the
/// handler does.
/// </summary>
[MemoryDiagnoser]
public class TreatmentHistoryBenchmarks
{
    private DbContextOptions<ClinicDbContext> _options = null!;
    private Guid _patient;

    [Params(TreatmentHistoryDatabase.Small, TreatmentHistoryDatabase.Large)]
    public string History { get; set; } = TreatmentHistoryDatabase.Large;

    [GlobalSetup]
    public void Setup()
    {
        var (small, large) = TreatmentHistoryDatabase.EnsureAsync().GetAwaiter().GetResult();
        _patient = History == TreatmentHistoryDatabase.Small ? small : large;
        _options = TreatmentHistoryDatabase.Options();
        var counter = new StatementCounter();
        using var db = new ClinicDbContext(new DbContextOptionsBuilder<ClinicDbContext>(_options).AddInterceptors(counter).Options);
        var history = TreatmentHistoryReader.ReadAsync(db, _patient, HistoryDatabase.Zone, DateTime.UtcNow).GetAwaiter().GetResult()!;
        var sessions = history.Courses.Sum(c => c.Sessions.Count);
        Console.WriteLine($"// {History}: {history.Courses.Count} course(s), {sessions} session(s), {counter.Statements} SQL statements");
        if (counter.Statements != 11)
        {
            throw new InvalidOperationException($"The history read took {counter.Statements} statements; expected 11 whatever its size.");
        }
    }

    [Benchmark]
    public async Task<int> TreatmentHistory()
    {
        await using var db = new ClinicDbContext(_options);
        var history = await TreatmentHistoryReader.ReadAsync(db, _patient, HistoryDatabase.Zone, DateTime.UtcNow);
        return history!.Courses.Sum(c => c.Sessions.Count);
    }

    private sealed class StatementCounter : DbCommandInterceptor
    {
        public int Statements { get; private set; }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Statements++;
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Statements++;
            return ValueTask.FromResult(result);
        }
    }
}

/// <summary>
/// A SQLite database of treatment histories built through the domain with <see cref="PastTreatment"/>: the two measured
/// patients (one course of one session; three courses of ten sessions) among <see cref="OtherPatients"/> others with
/// a six-session course each. Built once under $KC_BENCH_DIR and reused.
/// </summary>
public static class TreatmentHistoryDatabase
{
    public const string Small = "1 course x 1 session";
    public const string Large = "3 courses x 10 sessions";
    public const int OtherPatients = 300;

    private const string SmallName = "BenchSmall";
    private const string LargeName = "BenchLarge";

    public static string PathFor() =>
        Path.Combine(Environment.GetEnvironmentVariable("KC_BENCH_DIR") ?? Path.Combine(Path.GetTempPath(), "kc-bench"), "treatment-history.db");

    public static DbContextOptions<ClinicDbContext> Options(string? path = null, bool foreignKeys = true) =>
        ClinicDatabase.CreateOptions(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path ?? PathFor(), Cache = SqliteCacheMode.Private, ForeignKeys = foreignKeys }.ToString());

    public static async Task<(Guid Small, Guid Large)> EnsureAsync()
    {
        var path = PathFor();
        if (!File.Exists(path))
        {
            await BuildAsync(path);
        }

        await using var db = new ClinicDbContext(Options());
        var ids = await db.Patients.Where(p => p.FamilyName == SmallName || p.FamilyName == LargeName).ToDictionaryAsync(p => p.FamilyName, p => p.Id);
        return (ids[SmallName], ids[LargeName]);
    }

    private static async Task BuildAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var building = path + ".building";
        File.Delete(building);
        // Staff are named by id only (no accounts), so foreign keys are off while seeding, as in HistoryDatabase.
        var options = Options(building, foreignKeys: false);
        var now = HistoryDatabase.Day.ToDateTime(new TimeOnly(12, 0));
        // Six chairs, each with its own nurse: PastTreatment places every booking where no other is, as a real clinic's would be.
        List<Guid> chairs;
        await using (var db = new ClinicDbContext(options))
        {
            await ClinicDatabase.MigrateAsync(db);
            db.Protocols.Add(Protocol.Create(Protocol.Defaults[0], "bench", now.AddYears(-2)).Value);
            db.ConsentDocuments.Add(ConsentDocument.Publish(ConsentDocument.DefaultTitle, ConsentDocument.DefaultText, null, "bench", now.AddYears(-2)).Value);
            var created = Enumerable.Range(1, 6).Select(n => Chair.Create($"Chair {n}", n).Value).ToList();
            db.Chairs.AddRange(created);
            chairs = [.. created.Select(c => c.Id)];
            await db.SaveChangesAsync();
        }

        PastTreatmentStaff Staff(int n) => new(new SessionActor("bench-clinician", "Dr Bench", true), new SessionActor($"bench-nurse-{n}", $"Nurse Bench {n}", false),
            new Actor("bench", "Benchmark"), chairs[n]);
        // Three induction courses of ten (a booster course has at most three sessions).
        await PatientAsync(options, Staff(0), LargeName, [(CourseKind.Induction, 52), (CourseKind.Induction, 30), (CourseKind.Induction, 8)], 10, hour: 9);
        await PatientAsync(options, Staff(1), SmallName, [(CourseKind.Induction, 3)], 1, hour: 11);
        for (var i = 0; i < OtherPatients; i++)
        {
            await PatientAsync(options, Staff(i % chairs.Count), $"Other{i:D4}", [(CourseKind.Induction, 4 + (i % 80))], 6, hour: 13 + (i % 4));
        }

        await using (var db = new ClinicDbContext(options))
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE");
        }

        SqliteConnection.ClearAllPools();
        File.Move(building, path);
    }

    private static async Task PatientAsync(DbContextOptions<ClinicDbContext> options, PastTreatmentStaff staff, string family, (CourseKind Kind, int WeeksAgo)[] courses, int sessions, int hour)
    {
        await using var db = new ClinicDbContext(options);
        var past = new PastTreatment(db, staff, HistoryDatabase.Zone);
        var first = HistoryDatabase.Day.AddDays(-7 * courses.Max(c => c.WeeksAgo));
        var patient = Patient.Register(new PatientDetails(family, "Bench", new DateOnly(1975, 3, 1), Sex.Female), "B" + family, first.AddDays(-30).ToDateTime(TimeOnly.MinValue)).Value;
        db.Patients.Add(patient);
        var consent = await db.ConsentDocuments.SingleAsync();
        var protocol = await db.Protocols.AsNoTracking().SingleAsync();
        var assessment = past.AssessEligible(patient, consent, past.Utc(first.AddDays(-14).ToDateTime(new TimeOnly(10, 0))), 22);
        foreach (var (kind, weeksAgo) in courses)
        {
            var start = HistoryDatabase.Day.AddDays(-7 * weeksAgo);
            var course = past.PlanActive(patient.Id, assessment, protocol, kind, start.AddDays(-7), start, sessions, Math.Min(2, sessions), Math.Min(4, sessions), "Bench course");
            for (var i = 0; i < sessions; i++)
            {
                var day = start.AddDays((i / 2 * 7) + (i % 2 * 3));
                await past.InfuseAsync(course, day.ToDateTime(new TimeOnly(hour, 0)), new PastSession(0.5m, 75m, Phq9Before: Math.Max(2, 20 - (2 * i)),
                    SideEffect: i % 3 == 1 ? new PastSideEffect(SideEffectType.Dissociation, SideEffectSeverity.Mild, SideEffectAction.Reassurance, 20, DissociationRating: 1) : null,
                    Amendment: i == 2 ? new PastAmendment("Nurse's note", "Corrected escort name.", "Typo") : null));
            }

            course.Complete(EndOf(start, sessions));
        }

        await db.SaveChangesAsync();

        static DateTime EndOf(DateOnly start, int sessions) => start.AddDays(7 * ((sessions / 2) + 1)).ToDateTime(new TimeOnly(18, 0), DateTimeKind.Utc);
    }
}
