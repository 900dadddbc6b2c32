using System.Net;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Audit;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Audit;

public abstract class AuditPageQueryTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly DateOnly Day = new(2026, 3, 11);

    /// <summary>Records events for a user named <paramref name="user"/> at clinic-local times on the days around
    /// <see cref="Day"/>; returns the clinic's time zone.</summary>
    private async Task<TimeZoneInfo> RecordAsync(string user, params (int DayOffset, int Hour, int Minute, AuditAction Action)[] events)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var zone = (await scope.ServiceProvider.GetRequiredService<ClinicSettingsProvider>().GetAsync()).TimeZone;
        var trail = scope.ServiceProvider.GetRequiredService<IAuditTrail>();
        foreach (var (offset, hour, minute, action) in events)
        {
            var local = Day.AddDays(offset).ToDateTime(new TimeOnly(hour, minute));
            var utc = TimeZoneInfo.ConvertTimeToUtc(local, zone);
            await trail.RecordAsync(new AuditEntry(utc, action, "Patient", UserId: "u-" + user, UserName: user));
        }

        return zone;
    }

    private async Task<AuditEventPage> SearchAsync(SearchAuditEvents query)
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SearchAuditEventsHandler>().HandleAsync(query);
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private static string NewUser() => $"audit-{Guid.NewGuid():N}@test.clinic";

    [Fact]
    public async Task Filtering_by_user_finds_only_that_users_events_newest_first()
    {
        var alice = NewUser();
        await RecordAsync(alice, (0, 9, 0, AuditAction.Read), (0, 10, 0, AuditAction.Read));
        await RecordAsync(NewUser(), (0, 11, 0, AuditAction.Read));

        var page = await SearchAsync(new SearchAuditEvents(User: alice[..14].ToUpperInvariant()));

        Assert.Equal(2, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal(alice, r.UserName));
        Assert.True(page.Rows[0].Sequence > page.Rows[1].Sequence);
        Assert.False(page.HasOlder);
        Assert.False(page.HasNewer);
    }

    [Fact]
    public async Task Filtering_by_action_finds_only_that_action()
    {
        var user = NewUser();
        await RecordAsync(user, (0, 9, 0, AuditAction.Read), (0, 9, 5, AuditAction.Export), (0, 9, 10, AuditAction.Read));

        var page = await SearchAsync(new SearchAuditEvents(User: user, Action: AuditAction.Export));

        var row = Assert.Single(page.Rows);
        Assert.Equal(AuditAction.Export, row.Action);
    }

    [Fact]
    public async Task Date_range_is_whole_days_in_the_clinics_time_zone()
    {
        var user = NewUser();
        // 23:30 clinic time on the day is already the next day in UTC; 00:30 the day after is outside the range.
        var zone = await RecordAsync(user, (-1, 23, 30, AuditAction.Read), (0, 0, 15, AuditAction.Read), (0, 23, 30, AuditAction.Read), (1, 0, 30, AuditAction.Read));

        var page = await SearchAsync(new SearchAuditEvents(User: user, From: Day, To: Day));

        Assert.Equal(2, page.Rows.Count);
        Assert.All(page.Rows, r => Assert.Equal(Day, DateOnly.FromDateTime(r.OccurredClinicTime)));
        Assert.Equal(new TimeOnly(23, 30), TimeOnly.FromDateTime(page.Rows[0].OccurredClinicTime));
        Assert.Equal(zone.Id, page.TimeZoneId);
    }

    [Fact]
    public async Task Pages_go_older_and_back_newer_without_gaps_or_repeats()
    {
        var user = NewUser();
        await RecordAsync(user, [.. Enumerable.Range(0, 7).Select(i => (0, 8, i, AuditAction.Read))]);

        var first = await SearchAsync(new SearchAuditEvents(User: user, PageSize: 3));
        var second = await SearchAsync(new SearchAuditEvents(User: user, PageSize: 3, OlderThan: first.Rows[^1].Sequence));
        var third = await SearchAsync(new SearchAuditEvents(User: user, PageSize: 3, OlderThan: second.Rows[^1].Sequence));
        var backToSecond = await SearchAsync(new SearchAuditEvents(User: user, PageSize: 3, NewerThan: third.Rows[0].Sequence));
        var backToFirst = await SearchAsync(new SearchAuditEvents(User: user, PageSize: 3, NewerThan: backToSecond.Rows[0].Sequence));

        Assert.Equal([3, 3, 1], new[] { first.Rows.Count, second.Rows.Count, third.Rows.Count });
        var all = first.Rows.Concat(second.Rows).Concat(third.Rows).Select(r => r.Sequence).ToList();
        Assert.Equal(all.OrderDescending(), all);
        Assert.Equal(7, all.Distinct().Count());
        Assert.True(first.HasOlder && !first.HasNewer);
        Assert.True(second.HasOlder && second.HasNewer);
        Assert.True(!third.HasOlder && third.HasNewer);
        Assert.Equal(second.Rows.Select(r => r.Sequence), backToSecond.Rows.Select(r => r.Sequence));
        Assert.Equal(first.Rows.Select(r => r.Sequence), backToFirst.Rows.Select(r => r.Sequence));
        Assert.False(backToFirst.HasNewer);
    }

    [Fact]
    public async Task Opening_at_a_sequence_starts_the_page_at_that_row()
    {
        var user = NewUser();
        await RecordAsync(user, (0, 12, 0, AuditAction.Read), (0, 12, 1, AuditAction.Read), (0, 12, 2, AuditAction.Read));
        var rows = (await SearchAsync(new SearchAuditEvents(User: user))).Rows;

        var page = await SearchAsync(new SearchAuditEvents(AtSequence: rows[1].Sequence));

        Assert.Equal(rows[1].Sequence, page.Rows[0].Sequence);
        Assert.True(page.HasNewer);
    }

    [Fact]
    public async Task Administrator_opens_the_audit_page_and_sees_the_newest_events_in_clinic_time()
    {
        var admin = await app.CreateStaffAsync(StaffRoles.Administrator);
        var user = NewUser();
        await RecordAsync(user, (0, 14, 45, AuditAction.Export));
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, admin.Email!);

        var response = await client.GetAsync(new Uri("/admin/audit", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Audit trail", html, StringComparison.Ordinal);
        Assert.Contains(user, html, StringComparison.Ordinal);
        Assert.Contains("2026-03-11 14:45:00", html, StringComparison.Ordinal);
        Assert.Contains("Verify chain", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nothing_matching_gives_an_empty_page()
    {
        var page = await SearchAsync(new SearchAuditEvents(PatientId: "no-such-patient-" + Guid.NewGuid().ToString("N")));

        Assert.Empty(page.Rows);
        Assert.False(page.HasOlder);
        Assert.False(page.HasNewer);
    }
}

public sealed class AuditPageQueryTestsOnSqlite(SqliteApp app) : AuditPageQueryTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class AuditPageQueryTestsOnPostgres(PostgresApp app) : AuditPageQueryTests<PostgresApp>(app), IClassFixture<PostgresApp>;
