using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Intake;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Outcomes;

/// <summary>A patient's outcome measures, newest first, and the PHQ-9 item-9 alerts they raised.</summary>
public sealed record ListOutcomeMeasures(Guid PatientId);

public sealed record OutcomeMeasureRow(
    Guid Id, InstrumentCode Instrument, MeasureContext Context, DateTime TakenUtc, int Total, string Band, bool RaisedSuicideRiskAlert, Guid? IntakeAssessmentId);

public sealed record PatientAlertRow(Guid Id, string Code, string Message, DateTime RaisedUtc, bool IsOpen, DateTime? AcknowledgedUtc, string? ActionTaken);

public sealed record PatientOutcomes(IReadOnlyList<OutcomeMeasureRow> Measures, IReadOnlyList<PatientAlertRow> SuicideRiskAlerts);

public sealed class ListOutcomeMeasuresHandler(IDbContextFactory<ClinicDbContext> dbFactory, ClinicalAccess access, PatientRecordAudit audit)
{
    public const string SuicideRiskAlertCode = "phq9.item9";

    public async Task<Result<PatientOutcomes>> HandleAsync(ClaimsPrincipal user, ListOutcomeMeasures query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.ViewClinical, nameof(OutcomeMeasure), null, query.PatientId, "outcome measures", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var measures = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => m.PatientId == query.PatientId)
            .OrderByDescending(m => m.TakenUtc)
            .Select(m => new OutcomeMeasureRow(m.Id, m.Instrument, m.Context, m.TakenUtc, m.Total, m.Band, m.RaisedSuicideRiskAlert, m.IntakeAssessmentId))
            .ToListAsync(cancellationToken);
        var alerts = await db.PatientAlerts.AsNoTracking()
            .Where(a => a.PatientId == query.PatientId && a.Code == SuicideRiskAlertCode)
            .OrderByDescending(a => a.RaisedUtc)
            .Select(a => new PatientAlertRow(a.Id, a.Code, a.Message, a.RaisedUtc, a.AcknowledgedUtc == null, a.AcknowledgedUtc, a.ActionTaken))
            .ToListAsync(cancellationToken);
        await audit.RecordPatientReadAsync(query.PatientId.ToString(), nameof(OutcomeMeasure), null, "outcome measures", cancellationToken);
        return new PatientOutcomes(measures, alerts);
    }
}
