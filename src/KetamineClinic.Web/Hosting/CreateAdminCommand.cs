using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Staff;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// <c>dotnet run --project src/KetamineClinic.Web -- create-admin --email admin@clinic.org [--name "Ada Admin"]</c>:
/// the first administrator outside Development, where nothing is seeded. Uses the app's own configuration and
/// database (migrated first), creates an Administrator with a one-time password that must be changed at first
/// sign-in, prints the e-mail and password once, and exits. Exit code 0 on success, 2 on bad input or an existing
/// account.
/// </summary>
public sealed class CreateAdminCommand(IServiceProvider services, TextWriter output, TextWriter error)
{
    public const string Name = "create-admin";
    public const int Success = 0;
    public const int Refused = 2;

    private const string Usage = "Usage: create-admin --email <address> [--name \"Display name\"]";

    /// <summary>From Program.cs: prepares the database (migrations and roles, as at start-up) and runs the command.</summary>
    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        ArgumentNullException.ThrowIfNull(app);
        await app.InitializeClinicDatabaseAsync();
        return await new CreateAdminCommand(app.Services, Console.Out, Console.Error).RunAsync(args);
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!TryParse(args, out var email, out var displayName, out var problem))
        {
            await error.WriteLineAsync($"create-admin: {problem}");
            await error.WriteLineAsync(Usage);
            return Refused;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClinicDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
        NewStaffAccount created;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var result = await StaffAccountCreator.CreateAsync(users, displayName ?? email, email, [StaffRoles.Administrator]);
            if (!result.IsSuccess)
            {
                await transaction.RollbackAsync(cancellationToken);
                await error.WriteLineAsync($"create-admin: {result.Error!.Message} ({email})");
                return Refused;
            }

            await transaction.CommitAsync(cancellationToken);
            created = result.Value;
        }

        var time = scope.ServiceProvider.GetRequiredService<TimeProvider>();
        await scope.ServiceProvider.GetRequiredService<IAuditTrail>().RecordAsync(
            new AuditEntry(
                time.GetUtcNow().UtcDateTime,
                AuditAction.Create,
                AccountAudit.EntityType,
                EntityId: created.UserId,
                UserName: Name,
                Detail: "Administrator created from the command line"),
            cancellationToken);

        await output.WriteLineAsync($"Created administrator {created.Email}");
        await output.WriteLineAsync($"One-time password: {created.OneTimePassword}");
        await output.WriteLineAsync("It is shown only now. Sign in with it and choose a new password; set up two-factor sign-in when asked.");
        return Success;
    }

    private static bool TryParse(IReadOnlyList<string> args, out string email, out string? displayName, out string problem)
    {
        email = "";
        displayName = null;
        problem = "";
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : null;
            switch (args[i])
            {
                case "--email" when value is not null:
                    email = value.Trim();
                    i++;
                    break;
                case "--name" when value is not null:
                    displayName = value.Trim();
                    i++;
                    break;
                default:
                    problem = $"unexpected argument '{args[i]}'.";
                    return false;
            }
        }

        if (email.Length == 0)
        {
            problem = "--email is required.";
            return false;
        }

        if (!StaffEmail.IsValid(email))
        {
            problem = $"'{email}' is not a valid e-mail address.";
            return false;
        }

        if (displayName is { Length: > 100 })
        {
            problem = "--name can be at most 100 characters.";
            return false;
        }

        return true;
    }
}
