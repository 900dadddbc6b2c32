using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Kiosk;

/// <summary>Staff withdraw an open kiosk link (the patient left, the wrong questionnaire, the code was lost): the tablet
/// then shows the same neutral message as for any other closed code.</summary>
public sealed record WithdrawKioskLink(Guid PatientId, Guid LinkId);

public sealed class WithdrawKioskLinkHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    FloorEvents floor,
    TimeProvider time)
{
    public async Task<Result<Guid>> HandleAsync(ClaimsPrincipal user, WithdrawKioskLink command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, KioskLinks.Policy, nameof(KioskLink), command.LinkId, command.PatientId, "withdraw a kiosk link", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var result = await db.Database.CreateExecutionStrategy().ExecuteAsync(async Task<Result<Guid>> () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var link = await db.KioskLinks.SingleOrDefaultAsync(k => k.Id == command.LinkId && k.PatientId == command.PatientId, cancellationToken);
            if (link is null)
            {
                return KioskLinks.NotFound;
            }

            var withdrawn = link.Withdraw(now);
            if (!withdrawn.IsSuccess || !await KioskLinks.ClaimAsync(db, link.Id, now, null, cancellationToken))
            {
                return KioskLinks.AlreadyClosed;
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return link.Id;
        });
        if (result.IsSuccess)
        {
            floor.PublishPatient(command.PatientId);
        }

        return result;
    }
}
