using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// In every environment, a new clinic starts with the default protocols from domain.md, a plain consent text, the
/// record-number counter, three chairs and weekday opening hours (08:00–18:00). Existing data is never touched.
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

        if (!await db.ClinicOpeningHours.AnyAsync(cancellationToken) && !await db.Chairs.AnyAsync(cancellationToken))
        {
            db.ClinicOpeningHours.AddRange(ClinicOpeningHours.Defaults);
            db.Chairs.AddRange(Enumerable.Range(1, 3).Select(n => Chair.Create($"Chair {n}", n).Value));
        }

        if (!await db.SchedulingSettings.AnyAsync(cancellationToken))
        {
            db.SchedulingSettings.Add(SchedulingSettings.Default());
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
