using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Consent;

/// <summary>One published version of the consent text.</summary>
public sealed record ConsentVersionView(Guid Id, int VersionNumber, string Title, string Text, bool IsCurrent, DateTime PublishedUtc, string PublishedBy);

/// <summary>Every version of the consent text, newest first.</summary>
public sealed class ListConsentVersionsHandler(IDbContextFactory<ClinicDbContext> dbFactory, IAuthorizationService authorization)
{
    public async Task<Result<IReadOnlyList<ConsentVersionView>>> HandleAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.ConsentDocuments.AsNoTracking()
            .OrderByDescending(d => d.VersionNumber)
            .Select(d => new ConsentVersionView(d.Id, d.VersionNumber, d.Title, d.Text, d.IsCurrent, d.PublishedUtc, d.PublishedBy))
            .ToListAsync(cancellationToken);
    }
}
