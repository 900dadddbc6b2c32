using System.Security.Claims;

namespace KetamineClinic.Web.Auth;

/// <summary>Who a signed-in staff member is, as handlers record it (id for the record, name for people to read).</summary>
public sealed record StaffIdentity(string Id, string Name)
{
    public static StaffIdentity From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("The user is not signed in.");
        var name = user.FindFirstValue(ClinicClaims.DisplayName) ?? user.Identity?.Name ?? id;
        return new StaffIdentity(id, name);
    }
}
