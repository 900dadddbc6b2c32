using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Kiosk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Outcomes;

/// <summary>The measures of one visit: before an infusion (the infusion booking) or at a follow-up appointment.</summary>
/// <param name="RecordRead">Record the read in the audit trail (once per screen: a reload pushed by a change does not).</param>
public sealed record GetVisitMeasures(Guid AppointmentId, bool RecordRead = true);

/// <summary>A measure taken at the visit. <see cref="Total"/> and <see cref="Band"/> are null for a user without
/// <see cref="Policies.ViewClinical"/> (intake staff see that it was taken, not the answers).</summary>
public sealed record VisitMeasureTaken(Guid Id, InstrumentCode Instrument, DateTime TakenUtc, MeasureSource Source, int? Total, string? Band, bool? RaisedSuicideRiskAlert);

/// <summary>A kiosk link still open for the visit.</summary>
public sealed record OpenKioskLinkRow(Guid Id, InstrumentCode Instrument, MeasureContext Context, DateTime ExpiresUtc, string CreatedByName);

/// <summary>One instrument of the visit's checklist: asked for by the protocol (before an infusion) or suggested as the
/// course's primary measure (follow-up), or taken anyway.</summary>
public sealed record VisitInstrument(InstrumentCode Instrument, bool Asked, IReadOnlyList<VisitMeasureTaken> Taken, IReadOnlyList<OpenKioskLinkRow> OpenLinks)
{
    public bool IsTaken => Taken.Count > 0;

    /// <summary>Patient questionnaires can be filled on the kiosk; the clinician-rated MADRS cannot.</summary>
    public bool KioskAllowed => !OutcomeInstrument.Get(Instrument).ClinicianRated;
}

/// <summary>What the check-in panel or the follow-up page shows. <see cref="Context"/> is null for a visit that takes
/// no measures (an intake consultation).</summary>
public sealed record VisitMeasures(
    Guid AppointmentId, Guid PatientId, MeasureContext? Context, Guid? CourseId, bool ScoresVisible, IReadOnlyList<VisitInstrument> Instruments);

/// <summary>
/// Loads a visit's measures for <see cref="KioskLinks.Policy"/> (who may see the patient). Before an infusion the list is
/// the protocol's <c>PreInfusionMeasures</c> (the session's protocol snapshot once checked in, else the course's
/// protocol version); at a follow-up it is the course's primary instruments (<see cref="CourseOutcomes.PrimaryInstruments"/>).
/// Measures taken at the visit that were not asked for follow. A fixed number of queries.
/// </summary>
public sealed class GetVisitMeasuresHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    TimeProvider time)
{
    public async Task<Result<VisitMeasures>> HandleAsync(ClaimsPrincipal user, GetVisitMeasures query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var visit = await db.Appointments.AsNoTracking()
            .Where(a => a.Id == query.AppointmentId)
            .Select(a => new { a.PatientId, a.Type, a.CourseId })
            .SingleOrDefaultAsync(cancellationToken);
        if (visit is null)
        {
            return AppointmentErrors.NotFound;
        }

        if (!await access.AllowAsync(user, KioskLinks.Policy, nameof(OutcomeMeasure), null, visit.PatientId, "measures at a visit", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        var context = MeasureVisit.ContextFor(visit.Type);
        var scores = (await authorization.AuthorizeAsync(user, Policies.ViewClinical)).Succeeded;
        if (context is null)
        {
            return new VisitMeasures(query.AppointmentId, visit.PatientId, null, visit.CourseId, scores, []);
        }

        var courseId = visit.CourseId ?? await MeasureVisit.LatestStartedCourseAsync(db, visit.PatientId, cancellationToken);
        var asked = context == MeasureContext.PreInfusion
            ? (await PreInfusionMeasuresAsync(db, query.AppointmentId, courseId, cancellationToken)).Items
            : await FollowUpInstrumentsAsync(db, courseId, cancellationToken);

        var taken = await db.OutcomeMeasures.AsNoTracking()
            .Where(m => m.PatientId == visit.PatientId && m.AppointmentId == query.AppointmentId)
            .OrderBy(m => m.TakenUtc)
            .Select(m => new { m.Id, m.Instrument, m.TakenUtc, m.Source, m.Total, m.Band, m.RaisedSuicideRiskAlert })
            .ToListAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var links = await db.KioskLinks.AsNoTracking()
            .Where(k => k.PatientId == visit.PatientId && k.AppointmentId == query.AppointmentId && k.UsedUtc == null && k.WithdrawnUtc == null && k.ExpiresUtc > now)
            .OrderBy(k => k.CreatedUtc)
            .Select(k => new OpenKioskLinkRow(k.Id, k.Instrument, k.Context, k.ExpiresUtc, k.CreatedByName))
            .ToListAsync(cancellationToken);

        var instruments = asked.Concat(taken.Select(t => t.Instrument)).Concat(links.Select(l => l.Instrument)).Distinct()
            .Select(instrument => new VisitInstrument(
                instrument,
                asked.Contains(instrument),
                [.. taken.Where(t => t.Instrument == instrument).Select(t => new VisitMeasureTaken(
                    t.Id, t.Instrument, DateTime.SpecifyKind(t.TakenUtc, DateTimeKind.Utc), t.Source,
                    scores ? t.Total : null, scores ? t.Band : null, scores ? t.RaisedSuicideRiskAlert : null))],
                [.. links.Where(l => l.Instrument == instrument)]))
            .ToList();
        if (query.RecordRead)
        {
            await audit.RecordPatientReadAsync(visit.PatientId.ToString(), nameof(OutcomeMeasure), query.AppointmentId.ToString(), "measures at a visit", cancellationToken);
        }

        return new VisitMeasures(query.AppointmentId, visit.PatientId, context, courseId, scores, instruments);
    }

    /// <summary>The protocol version in force for the infusion: the session's snapshot once it is open, else the course's.</summary>
    private static async Task<InstrumentSet> PreInfusionMeasuresAsync(ClinicDbContext db, Guid appointmentId, Guid? courseId, CancellationToken cancellationToken)
    {
        var session = await db.InfusionSessions.AsNoTracking().Where(s => s.AppointmentId == appointmentId).SingleOrDefaultAsync(cancellationToken);
        if (session is not null)
        {
            return session.Protocol.PreInfusionMeasures;
        }

        var protocolId = courseId is { } id
            ? await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == id).Select(c => (Guid?)c.ProtocolId).SingleOrDefaultAsync(cancellationToken)
            : null;
        var protocol = protocolId is { } pid ? await db.Protocols.AsNoTracking().SingleOrDefaultAsync(p => p.Id == pid, cancellationToken) : null;
        return protocol?.Settings.PreInfusionMeasures ?? InstrumentSet.Empty;
    }

    private static async Task<IReadOnlyList<InstrumentCode>> FollowUpInstrumentsAsync(ClinicDbContext db, Guid? courseId, CancellationToken cancellationToken)
    {
        if (courseId is not { } id)
        {
            return [];
        }

        var indication = await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == id).Select(c => (Domain.Protocols.Indication?)c.Indication).SingleOrDefaultAsync(cancellationToken);
        return indication is { } i ? CourseOutcomes.PrimaryInstruments(i) : [];
    }
}
