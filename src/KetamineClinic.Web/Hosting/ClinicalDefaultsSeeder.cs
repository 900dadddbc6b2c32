using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// In every environment, a new clinic starts with the default protocols from domain.md, a plain consent text and the
/// record-number counter. Existing data is never touched.
/// </summary>
public sealed class ClinicalDefaultsSeeder(IDbContextFactory<ClinicDbContext> dbFactory, TimeProvider clock) : IStartupSeeder
{
    public const string SystemUser = "system";

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        if (!await db.Protocols.AnyAsync(cancellationToken))
        {
            foreach (var settings in Protocol.Defaults)
            {
                db.Protocols.Add(Protocol.Create(settings, SystemUser, now).Value);
            }
        }

        if (!await db.ConsentDocuments.AnyAsync(cancellationToken))
        {
            db.ConsentDocuments.Add(ConsentDocument.Publish(ConsentDocument.DefaultTitle, ConsentDocument.DefaultText, null, SystemUser, now).Value);
        }

        if (!await db.SequenceCounters.AnyAsync(c => c.Name == SequenceCounter.MedicalRecordNumber, cancellationToken))
        {
            db.SequenceCounters.Add(new SequenceCounter(SequenceCounter.MedicalRecordNumber));
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
