namespace KetamineClinic.Web.Auth;

/// <summary>Claims the clinic adds to a staff member's sign-in cookie (regenerated whenever the security stamp is
/// revalidated or the user signs in again).</summary>
public static class ClinicClaims
{
    public const string DisplayName = "kc:display_name";

    /// <summary>"true" once the account has an authenticator app enrolled.</summary>
    public const string TwoFactorEnabled = "kc:2fa";

    /// <summary>"true" while the account still has a one-time password that must be changed.</summary>
    public const string MustChangePassword = "kc:must_change_password";
}
