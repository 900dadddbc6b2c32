using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>The audit events of one patient's record, newest first, a page at a time (keyset on the chain
/// sequence): who opened or changed what, when. Clinical roles only.</summary>
public sealed record GetPatientHistory(Guid PatientId, long? OlderThan = null, int PageSize = GetPatientHistory.DefaultPageSize)
{
    public const int DefaultPageSize = 25;
}

public sealed record PatientHistoryRow(long Sequence, DateTime OccurredClinicTime, string? UserName, string? Roles, AuditAction Action, string EntityType, AuditOutcome Outcome, string? Detail);

public sealed record PatientHistoryPage(IReadOnlyList<PatientHistoryRow> Rows, long? OlderThan);

public sealed class GetPatientHistoryHandler(IDbContextFactory<ClinicDbContext> dbFactory, PatientAccess access, ClinicSettingsProvider settings)
{
    public async Task<Result<PatientHistoryPage>> HandleAsync(ClaimsPrincipal user, GetPatientHistory query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await access.DemandAsync(user, Policies.ViewClinical, "patient history", query.PatientId, cancellationToken) is { } refused)
        {
            return refused;
        }

        var size = Math.Clamp(query.PageSize, 1, 100);
        var patientId = query.PatientId.ToString();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking().Where(e => e.PatientId == patientId);
        if (query.OlderThan is { } older)
        {
            events = events.Where(e => e.Sequence < older);
        }

        var rows = await events.OrderByDescending(e => e.Sequence).Take(size + 1).ToListAsync(cancellationToken);
        var clinic = await settings.GetAsync(cancellationToken);
        var more = rows.Count > size;
        var page = rows.Take(size)
            .Select(e => new PatientHistoryRow(e.Sequence, clinic.ToClinicTime(e.OccurredUtc), e.UserName, e.Roles, e.Action, e.EntityType, e.Outcome, e.Detail))
            .ToList();
        return new PatientHistoryPage(page, more ? page[^1].Sequence : null);
    }
}
