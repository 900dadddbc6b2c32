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

/// <summary>Administrator adds a new clinic protocol (its version 1).</summary>
public sealed record CreateProtocol(ProtocolSettings Settings);

public sealed class CreateProtocolValidator : AbstractValidator<CreateProtocol>
{
    public CreateProtocolValidator()
    {
        RuleFor(c => c.Settings).NotNull().SetValidator(new ProtocolSettingsValidator());
    }
}

public sealed class CreateProtocolHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<CreateProtocol> validator,
    TimeProvider clock)
{
    public async Task<Result<SavedProtocol>> HandleAsync(ClaimsPrincipal user, CreateProtocol command, CancellationToken cancellationToken = default)
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

        var created = Protocol.Create(command.Settings, StaffIdentity.From(user).Name, clock.GetUtcNow().UtcDateTime);
        if (!created.IsSuccess)
        {
            return created.Error!;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Protocols.Add(created.Value);
        await db.SaveChangesAsync(cancellationToken);
        return new SavedProtocol(created.Value.FamilyId, created.Value.Id, created.Value.VersionNumber);
    }
}
