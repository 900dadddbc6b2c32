using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Protocols;

/// <summary>One version of a protocol as the administrator reads it.</summary>
public sealed record ProtocolVersionView(Guid Id, int VersionNumber, bool IsCurrent, DateTime CreatedUtc, string CreatedBy, ProtocolSettings Settings);

/// <summary>A protocol with every version, newest first (the first is the current one).</summary>
public sealed record ProtocolFamilyView(Guid FamilyId, IReadOnlyList<ProtocolVersionView> Versions)
{
    public ProtocolVersionView Current => Versions.FirstOrDefault(v => v.IsCurrent) ?? Versions[0];
}

public sealed class GetProtocolHandler(IDbContextFactory<ClinicDbContext> dbFactory, IAuthorizationService authorization)
{
    public async Task<Result<ProtocolFamilyView>> HandleAsync(ClaimsPrincipal user, Guid familyId, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var versions = await db.Protocols.AsNoTracking()
            .Where(p => p.FamilyId == familyId)
            .OrderByDescending(p => p.VersionNumber)
            .ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return ProtocolErrors.NotFound;
        }

        return new ProtocolFamilyView(
            familyId,
            versions.Select(p => new ProtocolVersionView(p.Id, p.VersionNumber, p.IsCurrent, p.CreatedUtc, p.CreatedBy, p.Settings)).ToList());
    }
}
