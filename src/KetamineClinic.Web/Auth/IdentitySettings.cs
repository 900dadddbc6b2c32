namespace KetamineClinic.Web.Auth;

/// <summary>The "Identity" configuration section: sign-in rules an administrator may tune.</summary>
public sealed class IdentitySettings
{
    public const string Section = "Identity";

    /// <summary>Sign the user out after this long without input in the browser (architecture.md: default 15 min).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often an open circuit re-checks the account's security stamp (at most 5 minutes).</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Require an authenticator app for Nurse, Clinician and Administrator. Defaults to true outside
    /// Development (set in Program.cs from the environment when not configured).</summary>
    public bool? RequireTwoFactorForClinicalRoles { get; set; }
}
