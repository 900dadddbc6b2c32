using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Outcomes;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Kiosk;

/// <summary>A patient's kiosk links that are still open (for the chart, where staff withdraw one). The codes are not
/// stored, so they cannot be shown again: a lost code is withdrawn and a new link opened.</summary>
public sealed record ListOpenKioskLinks(Guid PatientId);

public sealed class ListOpenKioskLinksHandler(IDbContextFactory<ClinicDbContext> dbFactory, ClinicalAccess access, TimeProvider time)
{
    public async Task<Result<IReadOnlyList<OpenKioskLinkRow>>> HandleAsync(ClaimsPrincipal user, ListOpenKioskLinks query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, KioskLinks.Policy, nameof(KioskLink), null, query.PatientId, "kiosk links", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var links = await db.KioskLinks.AsNoTracking()
            .Where(k => k.PatientId == query.PatientId && k.UsedUtc == null && k.WithdrawnUtc == null && k.ExpiresUtc > now)
            .OrderBy(k => k.CreatedUtc)
            .Select(k => new OpenKioskLinkRow(k.Id, k.Instrument, k.Context, k.ExpiresUtc, k.CreatedByName))
            .ToListAsync(cancellationToken);
        return Result<IReadOnlyList<OpenKioskLinkRow>>.Success(links);
    }
}
