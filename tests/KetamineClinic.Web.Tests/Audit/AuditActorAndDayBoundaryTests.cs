using System.Net;
using System.Security.Claims;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Audit;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.Web.Tests.Audit;

public sealed class AuditActorAndDayBoundaryTests
{
    private static ClaimsPrincipal Staff(string id, string email, params string[] roles) =>
        new(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, id), new Claim(ClaimTypes.Name, email), .. roles.Select(r => new Claim(ClaimTypes.Role, r))],
            "test"));

    private static (CurrentStaffAuditActor Actor, ServerAuthenticationStateProvider State, HttpContextAccessor Http) Create()
    {
        var state = new ServerAuthenticationStateProvider();
        var services = new ServiceCollection().AddSingleton<AuthenticationStateProvider>(state).BuildServiceProvider();
        var http = new HttpContextAccessor();
        return (new CurrentStaffAuditActor(services, http), state, http);
    }

    [Fact]
    public async Task In_a_circuit_the_actor_is_the_circuit_user_not_the_stale_connection_request()
    {
        var (actor, state, http) = Create();
        http.HttpContext = new DefaultHttpContext { User = Staff("old", "old@test.clinic", StaffRoles.Nurse) };
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(Staff("u1", "nurse@test.clinic", StaffRoles.Nurse, StaffRoles.Clinician))));

        var current = await actor.GetCurrentAsync();

        Assert.Equal("u1", current.UserId);
        Assert.Equal("nurse@test.clinic", current.UserName);
        Assert.Equal("Nurse,Clinician", current.Roles);
        Assert.Equal(current, actor.GetCurrent());
    }

    [Fact]
    public async Task Outside_a_circuit_the_actor_is_the_request_user_with_its_address()
    {
        var (actor, _, http) = Create();
        var request = new DefaultHttpContext { User = Staff("u2", "admin@test.clinic", StaffRoles.Administrator) };
        request.Connection.RemoteIpAddress = IPAddress.Parse("::ffff:192.0.2.7");
        http.HttpContext = request;

        var current = await actor.GetCurrentAsync();

        Assert.Equal(("u2", "admin@test.clinic", StaffRoles.Administrator, "192.0.2.7"), (current.UserId, current.UserName, current.Roles, current.ClientAddress));
    }

    [Fact]
    public async Task With_no_request_and_no_circuit_the_actor_is_the_system()
    {
        var (actor, _, _) = Create();

        var current = await actor.GetCurrentAsync();

        Assert.Null(current.UserId);
        Assert.Null(current.UserName);
        Assert.Null(current.ClientAddress);
    }

    [Fact]
    public void A_clinic_day_starts_at_local_midnight_in_utc()
    {
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

        Assert.Equal(new DateTime(2026, 1, 15, 5, 0, 0, DateTimeKind.Utc), SearchAuditEventsHandler.ClinicDayStartUtc(new DateOnly(2026, 1, 15), newYork));
        Assert.Equal(new DateTime(2026, 7, 15, 4, 0, 0, DateTimeKind.Utc), SearchAuditEventsHandler.ClinicDayStartUtc(new DateOnly(2026, 7, 15), newYork));
    }

    [Fact]
    public void Where_daylight_saving_skips_midnight_the_day_starts_at_the_first_local_time_that_exists()
    {
        // A zone at UTC-4 whose clocks jump from 00:00 to 01:00 on the first Sunday of September.
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2000, 1, 1), DateTime.MaxValue.Date, TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 9, 1, DayOfWeek.Sunday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 0, 0, 0), 4, 1, DayOfWeek.Sunday));
        var zone = TimeZoneInfo.CreateCustomTimeZone("Test/MidnightShift", TimeSpan.FromHours(-4), "Midnight shift", "Standard", "Daylight", [rule]);

        var start = SearchAuditEventsHandler.ClinicDayStartUtc(new DateOnly(2026, 9, 6), zone);

        Assert.Equal(new DateTime(2026, 9, 6, 4, 0, 0, DateTimeKind.Utc), start);
    }
}
