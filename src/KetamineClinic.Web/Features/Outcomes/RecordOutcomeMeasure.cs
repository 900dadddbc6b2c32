using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Intake;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Outcomes;

/// <summary>Staff record a completed outcome measure item by item; the total and band are computed, never typed. A
/// baseline may be linked to the intake assessment it belongs to; a measure before an infusion to the infusion booking
/// (<paramref name="AppointmentId"/>) and its course, a follow-up measure to the follow-up appointment (see
/// <see cref="MeasureVisit"/>).</summary>
public sealed record RecordOutcomeMeasure(
    Guid PatientId,
    InstrumentCode Instrument,
    IReadOnlyList<int?> Answers,
    MeasureContext Context,
    DateTime TakenUtc,
    Guid? IntakeAssessmentId = null,
    Guid? CourseId = null,
    Guid? AppointmentId = null);

/// <summary>The saved measure and whether it raised the PHQ-9 item-9 alert.</summary>
public sealed record RecordedMeasure(Guid MeasureId, int Total, string Band, Guid? AlertId);

public sealed class RecordOutcomeMeasureValidator : AbstractValidator<RecordOutcomeMeasure>
{
    public RecordOutcomeMeasureValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty().WithMessage("Choose the patient.");
        RuleFor(c => c.Instrument).IsInEnum().WithMessage("Choose the measure.");
        RuleFor(c => c.Context).IsInEnum().WithMessage("Say when the measure was taken (baseline, before an infusion, follow-up).");
        RuleFor(c => c.TakenUtc).NotEmpty().WithMessage("Enter when the measure was taken.");
        RuleFor(c => c.Answers).NotNull().WithMessage("Answer every item.");
        RuleFor(c => c.IntakeAssessmentId).Null().When(c => c.Context != MeasureContext.Baseline)
            .WithMessage("Only a baseline belongs to an intake assessment.");
    }
}

public sealed class RecordOutcomeMeasureHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    IValidator<RecordOutcomeMeasure> validator,
    FloorEvents floor,
    TimeProvider time)
{
    public static readonly DomainError PatientNotFound = new("outcome.patient_not_found", "There is no such patient.");

    /// <summary>Baselines and clinician-rated scales are clinician work; nurses record the patient's own answers
    /// before an infusion and at follow-up.</summary>
    public static string PolicyFor(InstrumentCode instrument, MeasureContext context) =>
        context == MeasureContext.Baseline || OutcomeInstrument.Get(instrument).ClinicianRated ? Policies.Assess : Policies.ViewClinical;

    public async Task<Result<RecordedMeasure>> HandleAsync(ClaimsPrincipal user, RecordOutcomeMeasure command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        if (!await access.AllowAsync(user, PolicyFor(command.Instrument, command.Context), nameof(OutcomeMeasure), null, command.PatientId, "record outcome measure", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!await db.Patients.AnyAsync(p => p.Id == command.PatientId, cancellationToken))
        {
            return PatientNotFound;
        }

        if (command.IntakeAssessmentId is { } assessmentId)
        {
            var assessment = await db.IntakeAssessments.AsNoTracking()
                .Where(a => a.Id == assessmentId && a.PatientId == command.PatientId)
                .Select(a => new { a.Status })
                .SingleOrDefaultAsync(cancellationToken);
            if (assessment is null)
            {
                return IntakeErrors.NotFound;
            }

            if (assessment.Status == AssessmentStatus.Decided)
            {
                return IntakeErrors.AlreadyDecided;
            }
        }

        var visit = await MeasureVisit.ResolveAsync(db, command.PatientId, command.Context, command.CourseId, command.AppointmentId, cancellationToken);
        if (!visit.IsSuccess)
        {
            return visit.Error!;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var staff = StaffIdentity.From(user);
        var recorded = OutcomeMeasure.Record(
            command.PatientId, command.Instrument, command.Answers, command.Context, command.TakenUtc, MeasureSource.Staff, staff.Id, now,
            command.IntakeAssessmentId, visit.Value.CourseId, visit.Value.AppointmentId);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        var measure = recorded.Value;
        db.OutcomeMeasures.Add(measure);
        var alert = RaiseAlerts(db, measure, now);
        await db.SaveChangesAsync(cancellationToken);
        floor.PublishPatient(command.PatientId);
        return new RecordedMeasure(measure.Id, measure.Total, measure.Band, alert?.Id);
    }

    /// <summary>Adds the alerts the measure's answers raise (the PHQ-9 item-9 alert) to the same save as the measure,
    /// so a positive item 9 can never be recorded without its alert. Returns the last alert raised, if any.</summary>
    public static PatientAlert? RaiseAlerts(ClinicDbContext db, OutcomeMeasure measure, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(measure);
        PatientAlert? alert = null;
        var score = OutcomeInstrument.Get(measure.Instrument).Score([.. measure.Items.Select(i => (int?)i)]).Value;
        foreach (var raised in score.Alerts)
        {
            alert = PatientAlert.Raise(measure.PatientId, raised.Code, raised.Message, measure.Id, nowUtc);
            db.PatientAlerts.Add(alert);
        }

        return alert;
    }
}
