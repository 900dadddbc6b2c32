using System.Security.Claims;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>A patient's open chart alerts (e.g. a positive PHQ-9 item 9), oldest first, for a screen other than the
/// chart (the session page). Nurses and clinicians only.</summary>
/// <param name="RecordRead">Record the read in the audit trail (once per screen: a reload pushed by a change does not).</param>
public sealed record ListOpenPatientAlerts(Guid PatientId, bool RecordRead = true);

public sealed class ListOpenPatientAlertsHandler(IDbContextFactory<ClinicDbContext> dbFactory, ClinicalAccess access, PatientRecordAudit audit)
{
    public async Task<Result<IReadOnlyList<PatientAlert>>> HandleAsync(ClaimsPrincipal user, ListOpenPatientAlerts query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.ViewClinical, nameof(PatientAlert), null, query.PatientId, "open chart alerts", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var alerts = await db.PatientAlerts.AsNoTracking()
            .Where(a => a.PatientId == query.PatientId && a.AcknowledgedUtc == null)
            .OrderBy(a => a.RaisedUtc)
            .ToListAsync(cancellationToken);
        if (query.RecordRead && alerts.Count > 0)
        {
            await audit.RecordPatientReadAsync(query.PatientId.ToString(), nameof(PatientAlert), null, "open chart alerts", cancellationToken);
        }

        return Result<IReadOnlyList<PatientAlert>>.Success(alerts);
    }
}
