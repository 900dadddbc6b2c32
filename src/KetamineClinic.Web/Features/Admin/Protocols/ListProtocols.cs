using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Protocols;

/// <summary>The current version of every clinic protocol, for the administrator's list.</summary>
public sealed record ProtocolListItem(
    Guid FamilyId,
    Guid Id,
    string Name,
    Indication Indication,
    DoseUnit DoseUnit,
    decimal DefaultDose,
    decimal UsualMinDose,
    decimal UsualMaxDose,
    decimal CeilingDose,
    int InfusionMinutes,
    int VersionNumber,
    DateTime ChangedUtc,
    string ChangedBy);

public sealed class ListProtocolsHandler(IDbContextFactory<ClinicDbContext> dbFactory, IAuthorizationService authorization)
{
    public async Task<Result<IReadOnlyList<ProtocolListItem>>> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Settings are one JSON column: load the few current rows whole and project in memory.
        var current = await db.Protocols.AsNoTracking().Where(p => p.IsCurrent).ToListAsync(cancellationToken);
        return current
            .OrderBy(p => p.Name, StringComparer.CurrentCultureIgnoreCase)
            .Select(p => new ProtocolListItem(
                p.FamilyId, p.Id, p.Name, p.Settings.Indication, p.Settings.DoseUnit, p.Settings.DefaultDose, p.Settings.UsualMinDose,
                p.Settings.UsualMaxDose, p.Settings.CeilingDose, p.Settings.InfusionMinutes, p.VersionNumber, p.CreatedUtc, p.CreatedBy))
            .ToList();
    }
}
