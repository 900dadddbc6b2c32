using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Infrastructure.Identity;

/// <summary>A staff account. Patients never sign in; staff are created by an administrator.</summary>
public sealed class StaffUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>A disabled account cannot sign in, and its open circuits end at the next revalidation.</summary>
    public bool IsDisabled { get; set; }

    /// <summary>Set for a one-time password (create-admin, an administrator's reset): the user must change it first.</summary>
    public bool MustChangePassword { get; set; }

    public DateTime CreatedUtc { get; set; } = DateTime.UtcNow;
}
