using System.Globalization;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Kiosk;

/// <summary>What the tablet shows for an open code: the questionnaire and just enough to let the patient see it is
/// theirs (first name and the family name's initial).</summary>
public sealed record KioskQuestionnaireView(InstrumentCode Instrument, string PatientShortName);

public enum KioskSubmitStatus
{
    Saved = 1,

    /// <summary>Some items are unanswered: nothing was saved and the link stays open.</summary>
    Incomplete = 2,

    /// <summary>Unknown, expired, withdrawn or already used: one neutral answer for all four.</summary>
    NotUsable = 3,
}

/// <param name="MissingItems">The unanswered items, numbered from 1.</param>
public sealed record KioskSubmitOutcome(KioskSubmitStatus Status, IReadOnlyList<int> MissingItems)
{
    public static readonly KioskSubmitOutcome Saved = new(KioskSubmitStatus.Saved, []);
    public static readonly KioskSubmitOutcome NotUsable = new(KioskSubmitStatus.NotUsable, []);
}

/// <summary>
/// The tablet's side of a kiosk link, for anonymous requests: find the open link by the hash of the code typed, and
/// store the answers once. Nobody is signed in, so the audit rows name the link and the staff member who opened it
/// (<see cref="KioskLinks.Actor"/>). Expired, withdrawn, used and unknown codes all give the same answer, which tells a
/// guesser nothing about the patient or whether a code ever existed.
/// </summary>
public sealed class KioskQuestionnaireHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    PatientRecordAudit audit,
    FloorEvents floor,
    TimeProvider time)
{
    public const string AuditWhat = "kiosk questionnaire";

    /// <summary>Whether <paramref name="code"/> opens a questionnaire now (the start page's check; nothing is shown yet,
    /// so nothing is audited).</summary>
    public async Task<bool> IsOpenAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (KioskCode.Hash(code) is not { } hash)
        {
            return false;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.KioskLinks.AsNoTracking().SingleOrDefaultAsync(k => k.CodeHash == hash, cancellationToken);
        return link?.StateAt(time.GetUtcNow().UtcDateTime) == KioskLinkState.Open;
    }

    /// <summary>The questionnaire behind <paramref name="code"/>, or null when the code opens nothing.</summary>
    public async Task<KioskQuestionnaireView?> OpenAsync(string? code, CancellationToken cancellationToken = default)
    {
        if (KioskCode.Hash(code) is not { } hash)
        {
            return null;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var link = await db.KioskLinks.AsNoTracking().SingleOrDefaultAsync(k => k.CodeHash == hash, cancellationToken);
        if (link is null || link.StateAt(time.GetUtcNow().UtcDateTime) != KioskLinkState.Open)
        {
            return null;
        }

        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == link.PatientId)
            .Select(p => new { p.GivenName, p.FamilyName }).SingleAsync(cancellationToken);
        using (AmbientAuditActor.Use(KioskLinks.Actor(link)))
        {
            await audit.RecordPatientReadAsync(link.PatientId.ToString(), nameof(KioskLink), link.Id.ToString(), AuditWhat, cancellationToken);
        }

        return new KioskQuestionnaireView(link.Instrument, ShortName(patient.GivenName, patient.FamilyName));
    }

    /// <summary>Stores the answers as a kiosk measure (with the PHQ-9 item-9 alert in the same save) and locks the
    /// link. Incomplete answers save nothing and keep the link open.</summary>
    public async Task<KioskSubmitOutcome> SubmitAsync(string? code, IReadOnlyList<int?> answers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(answers);
        if (KioskCode.Hash(code) is not { } hash)
        {
            return KioskSubmitOutcome.NotUsable;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var found = await db.KioskLinks.AsNoTracking().SingleOrDefaultAsync(k => k.CodeHash == hash, cancellationToken);
        if (found is null || found.StateAt(now) != KioskLinkState.Open)
        {
            return KioskSubmitOutcome.NotUsable;
        }

        var missing = Missing(found.Instrument, answers);
        if (missing.Count > 0)
        {
            return new KioskSubmitOutcome(KioskSubmitStatus.Incomplete, missing);
        }

        using var actor = AmbientAuditActor.Use(KioskLinks.Actor(found));
        var saved = await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var link = await db.KioskLinks.SingleAsync(k => k.Id == found.Id, cancellationToken);
            var measure = link.Submit(answers, now);
            if (!measure.IsSuccess || !await KioskLinks.ClaimAsync(db, link.Id, now, measure.Value.Id, cancellationToken))
            {
                return false;
            }

            db.OutcomeMeasures.Add(measure.Value);
            RecordOutcomeMeasureHandler.RaiseAlerts(db, measure.Value, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        });
        if (!saved)
        {
            return KioskSubmitOutcome.NotUsable;
        }

        floor.PublishPatient(found.PatientId);
        return KioskSubmitOutcome.Saved;
    }

    /// <summary>The items without a valid answer, numbered from 1.</summary>
    public static IReadOnlyList<int> Missing(InstrumentCode instrument, IReadOnlyList<int?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var form = OutcomeInstrument.Get(instrument);
        return [.. Enumerable.Range(0, form.Items.Count)
            .Where(i => i >= answers.Count || answers[i] is not { } v || v < form.ItemMin || v > form.ItemMax)
            .Select(i => i + 1)];
    }

    /// <summary>Reads the answers of a posted questionnaire: field "item-N" holds item N's answer; anything else is unanswered.</summary>
    public static IReadOnlyList<int?> ReadAnswers(InstrumentCode instrument, Func<string, string?> field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var form = OutcomeInstrument.Get(instrument);
        return [.. Enumerable.Range(1, form.Items.Count).Select(n =>
            int.TryParse(field(FieldName(n)), NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= form.ItemMin && v <= form.ItemMax ? (int?)v : null)];
    }

    public static string FieldName(int itemNumber) => $"item-{itemNumber.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>"Jane D.": enough for the patient to recognise, little for anyone looking over their shoulder.</summary>
    public static string ShortName(string givenName, string familyName)
    {
        ArgumentNullException.ThrowIfNull(givenName);
        ArgumentNullException.ThrowIfNull(familyName);
        var family = familyName.Trim();
        return family.Length == 0 ? givenName.Trim() : $"{givenName.Trim()} {char.ToUpperInvariant(family[0])}.";
    }
}
