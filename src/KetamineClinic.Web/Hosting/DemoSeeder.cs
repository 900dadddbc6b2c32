using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// Development only: one demo account per role so a newcomer can click through every role. Never runs elsewhere
/// (DatabaseInitializer checks the environment), so no default credentials exist outside Development.
/// </summary>
public sealed class DemoSeeder(UserManager<StaffUser> users, ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Demo-Clinic-2026";

    public static readonly IReadOnlyList<(string Email, string Name, string Role)> DemoStaff =
    [
        ("intake@demo.clinic", "Ivy Intake", StaffRoles.IntakeStaff),
        ("nurse@demo.clinic", "Noah Nurse", StaffRoles.Nurse),
        ("clinician@demo.clinic", "Dr Clara Clinician", StaffRoles.Clinician),
        ("admin@demo.clinic", "Ada Admin", StaffRoles.Administrator),
    ];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        foreach (var (email, name, role) in DemoStaff)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var user = new StaffUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name };
            var created = await users.CreateAsync(user, DemoPassword);
            if (!created.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed demo account {email}: {string.Join("; ", created.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, role);
            logger.LogInformation("Seeded Development demo account for role {Role}", role);
        }
    }
}
