using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Protocols;

/// <summary>Administrator saves changed numbers as the next version of a protocol. <paramref name="BaseVersionId"/>
/// is the version the form was opened on: if it is no longer current, someone else revised it meanwhile.</summary>
public sealed record ReviseProtocol(Guid BaseVersionId, ProtocolSettings Settings);

/// <summary>A saved protocol version.</summary>
public sealed record SavedProtocol(Guid FamilyId, Guid Id, int VersionNumber);

public sealed class ReviseProtocolValidator : AbstractValidator<ReviseProtocol>
{
    public ReviseProtocolValidator()
    {
        RuleFor(c => c.BaseVersionId).NotEmpty();
        RuleFor(c => c.Settings).NotNull().SetValidator(new ProtocolSettingsValidator());
    }
}

public sealed class ReviseProtocolHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<ReviseProtocol> validator,
    TimeProvider clock)
{
    public static readonly DomainError ChangedByAnother = new(
        "protocol.changed",
        "Someone else revised this protocol while you were editing. Their version is now shown as current; your changes are still in the form. Check them against it and save again.");

    public async Task<Result<SavedProtocol>> HandleAsync(ClaimsPrincipal user, ReviseProtocol command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Protocols.SingleOrDefaultAsync(p => p.Id == command.BaseVersionId, cancellationToken);
        if (current is null)
        {
            return ProtocolErrors.NotFound;
        }

        var revised = current.Revise(command.Settings, StaffIdentity.From(user).Name, clock.GetUtcNow().UtcDateTime);
        if (!revised.IsSuccess)
        {
            return revised.Error == ProtocolErrors.NotCurrent ? ChangedByAnother : revised.Error!;
        }

        db.Protocols.Add(revised.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two revisions of the same version raced: the unique (family, version number) index let one through.
            return ChangedByAnother;
        }

        return new SavedProtocol(revised.Value.FamilyId, revised.Value.Id, revised.Value.VersionNumber);
    }
}
