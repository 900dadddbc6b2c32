using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Kiosk;

/// <summary>What the kiosk handlers share: the staff policy, the refusals, the audit actor of a kiosk submission, and
/// the one conditional update that lets a link be used or withdrawn only once.</summary>
public static class KioskLinks
{
    /// <summary>Opening and withdrawing a link: whoever may see the patient (intake staff, nurses, clinicians). Scores
    /// stay behind <see cref="Policies.ViewClinical"/>: intake staff see "taken", never the answers.</summary>
    public const string Policy = Policies.ViewPatients;

    /// <summary>The role written on the audit rows of a kiosk submission.</summary>
    public const string AuditRole = "Kiosk";

    public static readonly DomainError PatientArchived = new("kiosk.archived", "The patient's record is archived; restore it before opening a kiosk link.");
    public static readonly DomainError NotFound = new("kiosk.not_found", "There is no such kiosk link for this patient.");
    public static readonly DomainError AlreadyClosed = new("kiosk.closed", "The link was already used, withdrawn or expired.");

    /// <summary>
    /// The actor of a kiosk submission: nobody is signed in on the tablet, so the rows name the link and the staff member
    /// who opened it (their id, so a search for them on the audit page finds it), with the role "Kiosk". The client
    /// address stays the tablet's (taken from the request).
    /// </summary>
    public static AuditActor Actor(KioskLink link)
    {
        ArgumentNullException.ThrowIfNull(link);
        var name = $"Kiosk link {link.Id.ToString("N")[..8]} (opened by {link.CreatedByName})";
        return new AuditActor(link.CreatedBy, name.Length > 256 ? name[..256] : name, AuditRole, null);
    }

    /// <summary>
    /// Marks the link used (with <paramref name="measureId"/>) or withdrawn, in the caller's transaction, only while it is
    /// still open in the database: of two submissions (or a submission and a withdrawal) racing, exactly one changes
    /// the row and the other is refused. The caller then saves the same change through the change tracker, so the
    /// audit trail records it.
    /// </summary>
    public static async Task<bool> ClaimAsync(ClinicDbContext db, Guid linkId, DateTime nowUtc, Guid? measureId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var open = db.KioskLinks.Where(k => k.Id == linkId && k.UsedUtc == null && k.WithdrawnUtc == null && k.ExpiresUtc > nowUtc);
        var changed = measureId is { } id
            ? await open.ExecuteUpdateAsync(s => s.SetProperty(k => k.UsedUtc, nowUtc).SetProperty(k => k.MeasureId, id), cancellationToken)
            : await open.ExecuteUpdateAsync(s => s.SetProperty(k => k.WithdrawnUtc, nowUtc), cancellationToken);
        return changed == 1;
    }
}
