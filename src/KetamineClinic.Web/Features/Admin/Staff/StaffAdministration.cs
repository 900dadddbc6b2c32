using System.Data;
using System.Data.Common;
using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Staff;

/// <summary>The administrator making a change, as the audit trail records them.</summary>
public sealed record StaffActor(ClaimsPrincipal Principal)
{
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public string? UserName => Principal.FindFirstValue(ClaimTypes.Email) ?? Principal.Identity?.Name;

    public string Roles => string.Join(',', Principal.FindAll(ClaimTypes.Role).Select(c => c.Value));
}

/// <summary>
/// What every staff-administration handler shares: one DI scope (so one UserManager and one DbContext) per operation,
/// the Administer policy checked again in the handler, a serializable write transaction so the "last administrator"
/// rule holds when two administrators act at once, and one audit event per change.
/// </summary>
public sealed class StaffAdministration(IServiceScopeFactory scopes, TimeProvider time)
{
    public const string EntityType = AccountAudit.EntityType;

    public TimeProvider Time => time;

    /// <summary><see cref="RunAsync{T}"/> for work on one staff account, which must exist.</summary>
    public Task<Result<T>> RunOnStaffAsync<T>(
        StaffActor actor,
        string userId,
        Func<StaffOperation, StaffUser, Task<Result<T>>> work,
        Func<T, StaffAuditNote> describe,
        CancellationToken cancellationToken) =>
        RunAsync(
            actor,
            async operation =>
            {
                var found = await operation.FindAsync(userId);
                return found.IsSuccess ? await work(operation, found.Value) : found.Error!;
            },
            describe,
            cancellationToken);

    /// <summary>Runs <paramref name="work"/> for an authorized administrator inside a write transaction, then records
    /// the audit event it describes. Nothing is saved when the work returns an error.</summary>
    public async Task<Result<T>> RunAsync<T>(
        StaffActor actor,
        Func<StaffOperation, Task<Result<T>>> work,
        Func<T, StaffAuditNote> describe,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentNullException.ThrowIfNull(describe);
        // The work runs in a scope of its own: its data changes are audited as this administrator.
        using var auditActor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(actor.Principal));
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var authorization = services.GetRequiredService<IAuthorizationService>();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        if (!(await authorization.AuthorizeAsync(actor.Principal, Policies.Administer)).Succeeded
            || !await IsActiveAdministratorAsync(users, actor.UserId))
        {
            return StaffErrors.NotAllowed;
        }

        var db = services.GetRequiredService<ClinicDbContext>();
        var operation = new StaffOperation(db, users);
        Result<T> result;
        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(IsolationLevel.Serializable, cancellationToken);
            result = await work(operation);
            if (!result.IsSuccess)
            {
                await transaction.RollbackAsync(cancellationToken);
                return result;
            }

            await transaction.CommitAsync(cancellationToken);
        }
        catch (Exception ex) when (IsSerializationFailure(ex))
        {
            return StaffErrors.ChangedConcurrently;
        }

        var note = describe(result.Value);
        await services.GetRequiredService<IAuditTrail>().RecordAsync(
            new AuditEntry(
                time.GetUtcNow().UtcDateTime,
                note.Action,
                EntityType,
                EntityId: note.StaffUserId,
                UserId: actor.UserId,
                UserName: actor.UserName,
                Roles: actor.Roles,
                Detail: note.Detail),
            cancellationToken);
        return result;
    }

    /// <summary>The session's claims may be minutes old: the acting account must still be an enabled administrator.</summary>
    private static async Task<bool> IsActiveAdministratorAsync(UserManager<StaffUser> users, string? userId)
    {
        var user = userId is null ? null : await users.FindByIdAsync(userId);
        return user is { IsDisabled: false } && await users.IsInRoleAsync(user, StaffRoles.Administrator);
    }

    /// <summary>PostgreSQL reports a serializable conflict as SQLSTATE 40001 (SQLite serializes writers instead).</summary>
    private static bool IsSerializationFailure(Exception? ex)
    {
        for (; ex is not null; ex = ex.InnerException)
        {
            if (ex is DbException { SqlState: "40001" or "40P01" })
            {
                return true;
            }
        }

        return false;
    }
}

/// <summary>The audit event a change produces: never a password, only what changed.</summary>
public sealed record StaffAuditNote(AuditAction Action, string StaffUserId, string Detail);

/// <summary>The context and user manager of one staff-administration operation (same scope, same transaction).</summary>
public sealed class StaffOperation(ClinicDbContext db, UserManager<StaffUser> users)
{
    public ClinicDbContext Db => db;

    public UserManager<StaffUser> Users => users;

    public async Task<Result<StaffUser>> FindAsync(string userId)
    {
        var user = await users.FindByIdAsync(userId);
        return user is null ? StaffErrors.NotFound : user;
    }

    public async Task<StaffAccountState> StateAsync(StaffUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new StaffAccountState(await users.IsInRoleAsync(user, StaffRoles.Administrator), user.IsDisabled);
    }

    /// <summary>Enabled accounts holding the Administrator role, counted inside the operation's transaction.</summary>
    public async Task<int> CountActiveAdministratorsAsync(CancellationToken cancellationToken)
    {
        var normalized = users.NormalizeName(StaffRoles.Administrator);
        return await (
            from userRole in db.UserRoles
            join role in db.Roles on userRole.RoleId equals role.Id
            join user in db.Users on userRole.UserId equals user.Id
            where role.NormalizedName == normalized && !user.IsDisabled
            select user.Id).CountAsync(cancellationToken);
    }

    /// <summary>Turns an Identity failure into a domain error (the first description is what the user reads).</summary>
    public static DomainError Failed(IdentityResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var first = result.Errors.FirstOrDefault();
        return first?.Code is "DuplicateEmail" or "DuplicateUserName"
            ? StaffErrors.EmailTaken
            : new DomainError("staff.identity", first?.Description ?? "The account could not be changed.");
    }
}

public static class StaffAdministrationSetup
{
    public static IServiceCollection AddStaffAdministration(this IServiceCollection services)
    {
        services.AddScoped<StaffAdministration>();
        services.AddScoped<ListStaffHandler>();
        services.AddScoped<AddStaffHandler>();
        services.AddScoped<ChangeStaffRolesHandler>();
        services.AddScoped<SetStaffDisabledHandler>();
        services.AddScoped<ResetStaffTwoFactorHandler>();
        services.AddScoped<ResetStaffPasswordHandler>();
        return services;
    }
}
