using System.Net;
using System.Security.Claims;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using Microsoft.AspNetCore.Components.Authorization;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// The current caller for the audit trail. Inside a Blazor circuit the HttpContext is not the user's current request
/// (it may be null or belong to the connection that opened the circuit), so the user comes from the circuit's
/// <see cref="AuthenticationStateProvider"/>; for API requests, account endpoints and static rendering it comes from
/// <see cref="HttpContext.User"/>. With neither (start-up, background work) the actor is the system.
/// </summary>
public sealed class CurrentStaffAuditActor(IServiceProvider services, IHttpContextAccessor http) : IAuditActorAccessor
{
    private const int MaxUserNameLength = 256;
    private const int MaxAddressLength = 64;

    public async ValueTask<AuditActor> GetCurrentAsync()
    {
        var state = CircuitState();
        var user = state is null ? http.HttpContext?.User : (await state).User;
        return OrAmbient(From(user));
    }

    public AuditActor GetCurrent()
    {
        // Authentication state tasks are created completed (from the cookie or by revalidation); if one is not, fall
        // back to the request's user rather than block a thread on it.
        var state = CircuitState();
        var user = state is { IsCompletedSuccessfully: true } ? state.Result.User : http.HttpContext?.User;
        return OrAmbient(From(user));
    }

    /// <summary>The authentication state of a Razor component scope, or null outside one (the provider throws
    /// InvalidOperationException when no component scope has set its state).</summary>
    private Task<AuthenticationState>? CircuitState()
    {
        if (services.GetService<AuthenticationStateProvider>() is not { } provider)
        {
            return null;
        }

        try
        {
            return provider.GetAuthenticationStateAsync();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>A scope of its own (opened by a handler) has no user; the handler's ambient actor stands in.</summary>
    private static AuditActor OrAmbient(AuditActor actor) =>
        actor.UserId is null && AmbientAuditActor.Current is { } ambient ? ambient with { ClientAddress = ambient.ClientAddress ?? actor.ClientAddress } : actor;

    /// <summary>The audit actor for a known principal (a handler's caller).</summary>
    public static AuditActor ForPrincipal(ClaimsPrincipal user, string? clientAddress = null)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub");
        var name = user.FindFirstValue(ClaimTypes.Name) ?? user.FindFirstValue("name") ?? user.FindFirstValue("client_id");
        var roles = StaffRoles.All.Where(user.IsInRole).ToList();
        return new AuditActor(
            id,
            name is { Length: > MaxUserNameLength } ? name[..MaxUserNameLength] : name,
            roles.Count == 0 ? null : string.Join(',', roles),
            clientAddress);
    }

    private AuditActor From(ClaimsPrincipal? user)
    {
        var address = ClientAddress(http.HttpContext?.Connection.RemoteIpAddress);
        if (user?.Identity?.IsAuthenticated != true)
        {
            return AuditActor.System with { ClientAddress = address };
        }

        return ForPrincipal(user, address);
    }

    private static string? ClientAddress(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        var text = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return text.Length > MaxAddressLength ? text[..MaxAddressLength] : text;
    }
}
