using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.ChairsAndHours;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Scheduling;

public abstract class ChairsAndHoursTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private async Task<(ChairsAndHoursHandler Handler, System.Security.Claims.ClaimsPrincipal User, AsyncServiceScope Scope)> AsAsync(string role)
    {
        var staff = await app.CreateStaffAsync(role);
        var scope = app.Factory.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<KetamineClinic.Infrastructure.Identity.StaffUser>>().CreateAsync(staff);
        return (scope.ServiceProvider.GetRequiredService<ChairsAndHoursHandler>(), principal, scope);
    }

    [Fact]
    public async Task A_new_clinic_has_three_chairs_and_weekday_hours()
    {
        var (handler, _, scope) = await AsAsync(StaffRoles.Administrator);
        await using (scope)
        {
            var view = await handler.LoadAsync();

            Assert.True(view.Chairs.Count >= 3);
            Assert.Contains(view.Chairs, c => c.Name == "Chair 1" && c.IsActive);
            Assert.True(view.Week.Single(d => d.Day == DayOfWeek.Monday).Open);
            Assert.False(view.Week.Single(d => d.Day == DayOfWeek.Sunday).Open);
        }
    }

    [Fact]
    public async Task Administrator_adds_a_chair_and_a_duplicate_name_is_refused()
    {
        var (handler, admin, scope) = await AsAsync(StaffRoles.Administrator);
        await using (scope)
        {
            var name = "Recliner " + Guid.NewGuid().ToString("N")[..6];
            var added = await handler.AddChairAsync(admin, name);
            var again = await handler.AddChairAsync(admin, "  " + name + " ");

            Assert.True(added.IsSuccess, added.Error?.Message);
            Assert.Equal("scheduling.chair_name_taken", again.Error!.Code);
            await using var db = await app.Factory.CreateDbContextAsync();
            Assert.Contains(await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == "Chair" && e.EntityId == added.Value.Id.ToString()).ToListAsync(),
                e => e.Action == AuditAction.Create && e.UserId == admin.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value);
        }
    }

    [Fact]
    public async Task Opening_hours_that_close_before_they_open_are_refused_and_nothing_changes()
    {
        var (handler, admin, scope) = await AsAsync(StaffRoles.Administrator);
        await using (scope)
        {
            var before = await handler.LoadAsync();
            var week = before.Week.Select(d => d.Day == DayOfWeek.Tuesday ? d with { Open = true, Opens = new TimeOnly(18, 0), Closes = new TimeOnly(9, 0) } : d).ToList();

            var result = await handler.SaveWeekAsync(admin, week);

            Assert.Equal("scheduling.hours", result.Error!.Code);
            Assert.Equal(before.Week, (await handler.LoadAsync()).Week);
        }
    }

    [Fact]
    public async Task Saturday_morning_hours_and_a_closed_holiday_are_kept()
    {
        var (handler, admin, scope) = await AsAsync(StaffRoles.Administrator);
        await using (scope)
        {
            var week = (await handler.LoadAsync()).Week.Select(d => d.Day == DayOfWeek.Saturday ? d with { Open = true, Opens = new TimeOnly(9, 0), Closes = new TimeOnly(13, 0) } : d).ToList();
            Assert.True((await handler.SaveWeekAsync(admin, week)).IsSuccess);
            var holiday = new DateOnly(2026, 12, 25);
            await handler.RemoveClosedDateAsync(admin, holiday);
            Assert.True((await handler.AddClosedDateAsync(admin, holiday, "Christmas Day")).IsSuccess);
            Assert.Equal("scheduling.closed_reason", (await handler.AddClosedDateAsync(admin, holiday.AddDays(1), " ")).Error!.Code);

            var view = await handler.LoadAsync();
            Assert.Equal(new WeekdayHours(DayOfWeek.Saturday, true, new TimeOnly(9, 0), new TimeOnly(13, 0)), view.Week.Single(d => d.Day == DayOfWeek.Saturday));
            Assert.Contains(view.ClosedDates, d => d.Date == holiday && d.Reason == "Christmas Day");
        }
    }

    [Theory]
    [InlineData(StaffRoles.IntakeStaff)]
    [InlineData(StaffRoles.Nurse)]
    [InlineData(StaffRoles.Clinician)]
    public async Task Only_an_administrator_changes_chairs(string role)
    {
        var (handler, user, scope) = await AsAsync(role);
        await using (scope)
        {
            Assert.Equal(ChairsAndHoursHandler.NotAllowed, (await handler.AddChairAsync(user, "Sneaky chair")).Error);
        }
    }
}

public sealed class ChairsAndHoursTestsOnSqlite(SqliteApp app) : ChairsAndHoursTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ChairsAndHoursTestsOnPostgres(PostgresApp app) : ChairsAndHoursTests<PostgresApp>(app), IClassFixture<PostgresApp>;
