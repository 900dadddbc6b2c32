using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Auth;

/// <summary>The scopes API clients may be granted. One list, used by the server, the scope seeder, the admin page and
/// its validators.</summary>
public static class ApiScopes
{
    /// <summary>Read the clinic's public facts (name, time zone, version): <c>GET /api/v1/clinic</c>.</summary>
    public const string ClinicRead = "clinic.read";

    /// <summary>Scopes a machine client (client credentials, no person involved) may hold.</summary>
    public static readonly IReadOnlyList<string> ForMachineClients = [ClinicRead];

    /// <summary>Scopes an interactive client (a staff member signs in) may hold: the API, plus OpenID Connect's
    /// <c>openid</c>/<c>profile</c> so the client learns which staff member signed in.</summary>
    public static readonly IReadOnlyList<string> ForInteractiveClients = [ClinicRead, Scopes.OpenId, Scopes.Profile];

    public static string Describe(string scope) => scope switch
    {
        ClinicRead => "Read the clinic's name, time zone and app version",
        Scopes.OpenId => "Know which staff member signed in",
        Scopes.Profile => "See the staff member's display name",
        _ => scope,
    };
}
