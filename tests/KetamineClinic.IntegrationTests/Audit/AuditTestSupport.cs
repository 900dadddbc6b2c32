using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Audit;

internal static class AuditTestSupport
{
    /// <summary>A DI scope that behaves like a Blazor circuit signed in as <paramref name="user"/>: its
    /// authentication state is the principal the app's claims factory builds for that user.</summary>
    public static async Task<AsyncServiceScope> CircuitScopeAsync(ClinicAppFixture app, StaffUser user)
    {
        var scope = app.Factory.Services.CreateAsyncScope();
        var principal = await PrincipalAsync(scope.ServiceProvider, user);
        var state = (IHostEnvironmentAuthenticationStateProvider)scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        state.SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        return scope;
    }

    public static async Task<ClaimsPrincipal> PrincipalAsync(IServiceProvider services, StaffUser user) =>
        await services.GetRequiredService<IUserClaimsPrincipalFactory<StaffUser>>().CreateAsync(user);

    public static async Task<List<AuditEvent>> AllRowsAsync(ClinicAppFixture app)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync();
    }

    /// <summary>Raw SQL as someone with direct database access would run it, bypassing the app.</summary>
    public static Task<int> RawAsync(ClinicDbContext db, FormattableString sql) => db.Database.ExecuteSqlAsync(sql);
}
