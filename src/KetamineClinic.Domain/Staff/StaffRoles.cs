namespace KetamineClinic.Domain.Staff;

/// <summary>The four kinds of staff member (domain.md, "Who uses it").</summary>
public static class StaffRoles
{
    public const string IntakeStaff = nameof(IntakeStaff);
    public const string Nurse = nameof(Nurse);
    public const string Clinician = nameof(Clinician);
    public const string Administrator = nameof(Administrator);

    public static readonly IReadOnlyList<string> All = [IntakeStaff, Nurse, Clinician, Administrator];

    /// <summary>Roles that handle clinical data and so must sign in with a second factor outside Development.</summary>
    public static readonly IReadOnlyList<string> RequireTwoFactor = [Nurse, Clinician, Administrator];

    public static string DisplayName(string role) => role switch
    {
        IntakeStaff => "Intake staff",
        _ => role,
    };
}
