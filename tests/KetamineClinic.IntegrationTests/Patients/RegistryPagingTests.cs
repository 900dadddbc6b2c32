using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Patients.PatientTestSupport;

namespace KetamineClinic.IntegrationTests.Patients;

/// <summary>An app whose registry holds 10,000 patients (many sharing a name, so the Id breaks ties), 1 in 50 archived.</summary>
public abstract class TenThousandPatients<TApp> : IAsyncLifetime
    where TApp : ClinicAppFixture, new()
{
    public const int Count = 10_000;

    private static readonly string[] Families =
    [
        "Garcia", "Garner", "Garrison", "Smith", "Smithers", "Nguyen", "Okafor", "O'Brien", "Müller", "Kowalski",
        "Johnson", "Jones", "Brown", "Davis", "Miller", "Wilson", "Moore", "Taylor", "Anderson", "Thomas",
        "Jackson", "White", "Harris", "Martin", "Thompson", "Lee", "Perez", "Clark", "Lewis", "Robinson",
        "Walker", "Young", "Allen", "King", "Wright", "Scott", "Torres", "Hill", "Flores", "Green",
    ];

    private static readonly string[] Givens =
    [
        "Ada", "Ben", "Chloé", "Dev", "Elena", "Farah", "Gus", "Hana", "Ivan", "Jia",
        "Kofi", "Lena", "Maya", "Nils", "Omar", "Priya", "Quinn", "Rosa", "Sam", "Tariq",
        "Uma", "Vera", "Wes", "Ximena", "Yusuf",
    ];

    public TApp App { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await App.InitializeAsync();
        var now = DateTime.UtcNow;
        for (var batch = 0; batch < Count / 1000; batch++)
        {
            await using var db = await App.Factory.CreateDbContextAsync();
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var patients = new List<Patient>(1000);
            for (var i = batch * 1000; i < (batch + 1) * 1000; i++)
            {
                var details = new PatientDetails(
                    Families[i % Families.Length],
                    Givens[i / Families.Length % Givens.Length],
                    new DateOnly(1940, 1, 1).AddDays(i % 20_000),
                    Sex.Unknown,
                    Phone: $"555{i:D7}");
                var patient = Patient.Register(details, $"PG{i:D7}", now).Value;
                if (i % 50 == 0)
                {
                    patient.Archive("Test archive", now);
                }

                patients.Add(patient);
            }

            db.Patients.AddRange(patients);
            await db.SaveChangesAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}

public sealed class TenThousandPatientsOnSqlite : TenThousandPatients<SqliteApp>;

public sealed class TenThousandPatientsOnPostgres : TenThousandPatients<PostgresApp>;

/// <summary>Keyset paging through the whole registry: every page is the next slice of the database's own order, no
/// patient is shown twice or skipped, and going back returns the same pages.</summary>
public abstract class RegistryPagingTests<TFixture, TApp>(TFixture fixture)
    where TFixture : TenThousandPatients<TApp>
    where TApp : ClinicAppFixture, new()
{
    private ClinicAppFixture App => fixture.App;

    [Fact]
    public async Task Paging_forward_through_ten_thousand_patients_shows_each_active_patient_once_in_registry_order()
    {
        var staff = await StaffAsync(App, StaffRoles.IntakeStaff);
        List<Guid> expected;
        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            expected = await db.Patients.Where(p => !p.IsArchived).OrderBy(p => p.SearchName).ThenBy(p => p.Id).Select(p => p.Id).ToListAsync();
        }

        var seen = new List<Guid>();
        var pages = new List<PatientPage>();
        PatientCursor? after = null;
        do
        {
            var page = (await SearchAsync(App, staff, new SearchPatients(After: after))).Value;
            Assert.InRange(page.Rows.Count, 1, SearchPatients.DefaultPageSize);
            Assert.All(page.Rows, r => Assert.False(r.IsArchived));
            seen.AddRange(page.Rows.Select(r => r.Id));
            pages.Add(page);
            after = page.Next;
        }
        while (after is not null);

        Assert.Equal(TenThousandPatients<TApp>.Count - (TenThousandPatients<TApp>.Count / 50), expected.Count);
        Assert.Equal(expected, seen);
        Assert.Null(pages[0].Previous);

        // Back from the last page: the same pages, in the same order.
        var back = pages[^1];
        for (var i = pages.Count - 2; i >= pages.Count - 4; i--)
        {
            back = (await SearchAsync(App, staff, new SearchPatients(Before: back.Previous))).Value;
            Assert.Equal(pages[i].Rows.Select(r => r.Id), back.Rows.Select(r => r.Id));
        }
    }

    [Fact]
    public async Task Name_prefix_search_pages_through_exactly_the_matching_patients()
    {
        var staff = await StaffAsync(App, StaffRoles.Clinician);
        List<Guid> expected;
        await using (var db = await App.Factory.CreateDbContextAsync())
        {
            expected = (await db.Patients.Where(p => !p.IsArchived).Select(p => new { p.Id, p.SearchName }).ToListAsync())
                .Where(p => p.SearchName.StartsWith("GAR", StringComparison.Ordinal))
                .Select(p => p.Id).ToList();
        }

        var seen = new List<Guid>();
        PatientCursor? after = null;
        do
        {
            var page = (await SearchAsync(App, staff, new SearchPatients("gar", After: after))).Value;
            Assert.All(page.Rows, r => Assert.StartsWith("GAR", r.SearchName, StringComparison.Ordinal));
            seen.AddRange(page.Rows.Select(r => r.Id));
            after = page.Next;
        }
        while (after is not null);

        // Garcia, Garner and Garrison: 3 of the 40 family names, 250 patients each, 50 of them archived.
        Assert.Equal(700, expected.Count);
        Assert.Equal(expected.Order(), seen.Order());
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task First_page_of_a_name_search_reads_the_search_name_index()
    {
        await using var db = await App.Factory.CreateDbContextAsync();
        var query = new SearchPatients("gar");
        var sql = QueryPlans.Inline(SearchPatientsHandler.PageQuery(db, query, PatientSearchTerm.Parse(query.Text)).ToQueryString());

        if (App.DatabaseProvider == DatabaseProvider.Sqlite)
        {
            var plan = await QueryPlans.ExplainAsync(db, "EXPLAIN QUERY PLAN " + sql, column: 3);
            Assert.Matches("SEARCH [^\\n]*USING (COVERING )?INDEX IX_Patients_SearchName_Id \\(SearchName>\\? AND SearchName<\\?\\)", plan);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE \"Patients\"");
            var plan = await QueryPlans.ExplainAsync(db, "EXPLAIN " + sql, column: 0);
            Assert.Matches("Index Scan using \"?IX_Patients_SearchName_Id\"?", plan);
            Assert.Contains("Index Cond", plan, StringComparison.Ordinal);
        }
    }
}

public sealed class RegistryPagingTestsOnSqlite(TenThousandPatientsOnSqlite fixture)
    : RegistryPagingTests<TenThousandPatientsOnSqlite, SqliteApp>(fixture), IClassFixture<TenThousandPatientsOnSqlite>;

public sealed class RegistryPagingTestsOnPostgres(TenThousandPatientsOnPostgres fixture)
    : RegistryPagingTests<TenThousandPatientsOnPostgres, PostgresApp>(fixture), IClassFixture<TenThousandPatientsOnPostgres>;
