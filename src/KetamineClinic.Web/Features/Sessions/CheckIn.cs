using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>
/// The pre-session checklist as typed at check-in. Times are clinic local times. The weight is either the latest one on
/// the patient's chart (<paramref name="UseLatestWeight"/>) or one measured now (<paramref name="NewWeightKg"/>), which
/// is then also recorded on the chart. <paramref name="ExpectedVersion"/> is the session the user saw (null before one
/// exists).
/// </summary>
public sealed record CheckIn(
    Guid AppointmentId,
    Guid? ExpectedVersion,
    DateTime? LastSolidFood,
    DateTime? LastClearLiquid,
    string? EscortName,
    string? EscortPhone,
    bool? MedicinesHeldAsInstructed,
    bool UseLatestWeight,
    decimal? NewWeightKg,
    int? Systolic,
    int? Diastolic,
    int? HeartRate,
    int? SpO2,
    int? RespiratoryRate,
    decimal? TemperatureC);

/// <summary>One problem with what was typed, at the field it concerns (a <see cref="CheckIn"/> property name, or
/// <see cref="CheckInFields.Baseline"/> for the vitals row, or empty for the patient's record: consent, eligibility).</summary>
public sealed record CheckInFieldProblem(string Field, string Text);

/// <summary>The result of a check-in and, when refused, every problem at once.</summary>
public sealed record CheckInOutcome(Result<InfusionSession> Result, IReadOnlyList<CheckInFieldProblem> Problems)
{
    public bool IsSuccess => Result.IsSuccess;
}

/// <summary>What the server knows before check-in, shown above the form: consent, eligibility and the latest weight.</summary>
public sealed record CheckInPreview(bool ConsentCurrent, bool EligibilityCurrent, string EligibilityText, decimal? LatestWeightKg, DateOnly? LatestWeightOn, bool LatestWeightStale);

public static class CheckInFields
{
    public const string Baseline = "Baseline";
    public const string Record = "";

    public const int MaxEscortNameLength = 200;
    public const int MaxEscortPhoneLength = 40;

    /// <summary>The weight both the chart and the dose accept.</summary>
    public const decimal MinWeightKg = Patient.MinWeightKg;

    public const decimal MaxWeightKg = DoseCalculation.MaxWeightKg;

    public static string For(CheckInItem item, bool useLatestWeight) => item switch
    {
        CheckInItem.SolidFood => nameof(CheckIn.LastSolidFood),
        CheckInItem.ClearLiquid => nameof(CheckIn.LastClearLiquid),
        CheckInItem.Escort => nameof(CheckIn.EscortName),
        CheckInItem.MedicinesHeld => nameof(CheckIn.MedicinesHeldAsInstructed),
        CheckInItem.Weight => useLatestWeight ? nameof(CheckIn.UseLatestWeight) : nameof(CheckIn.NewWeightKg),
        CheckInItem.Baseline => Baseline,
        _ => Record,
    };
}

/// <summary>The shape of what was typed. Whether the checklist is met (fasting, escort, medicines, weight age,
/// vitals) is the domain's rule, reported all at once by the handler.</summary>
public sealed class CheckInValidator : AbstractValidator<CheckIn>
{
    public CheckInValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty();
        RuleFor(c => c.EscortName).MaximumLength(CheckInFields.MaxEscortNameLength)
            .WithMessage($"The escort's name can be at most {CheckInFields.MaxEscortNameLength} characters.");
        RuleFor(c => c.EscortPhone).MaximumLength(CheckInFields.MaxEscortPhoneLength)
            .Matches(@"^[0-9+()\-. /]*$").WithMessage("Enter the phone number with digits, spaces and + ( ) - only.");
        RuleFor(c => c.NewWeightKg).NotNull().When(c => !c.UseLatestWeight).WithMessage("Enter the weight measured now, in kg.")
            .InclusiveBetween(CheckInFields.MinWeightKg, CheckInFields.MaxWeightKg)
            .WithMessage($"Enter a weight from {CheckInFields.MinWeightKg:0} to {CheckInFields.MaxWeightKg:0} kg.");
        RuleFor(c => c.Systolic).NotNull().When(AnyVital).WithMessage("Enter the systolic pressure.");
        RuleFor(c => c.Diastolic).NotNull().When(AnyVital).WithMessage("Enter the diastolic pressure.");
        RuleFor(c => c.HeartRate).NotNull().When(AnyVital).WithMessage("Enter the heart rate.");
        RuleFor(c => c.SpO2).NotNull().When(AnyVital).WithMessage("Enter the SpO2.");
        RuleFor(c => c.RespiratoryRate).NotNull().When(AnyVital).WithMessage("Enter the respiratory rate.");
    }

    private static bool AnyVital(CheckIn c) =>
        c.Systolic is not null || c.Diastolic is not null || c.HeartRate is not null || c.SpO2 is not null || c.RespiratoryRate is not null || c.TemperatureC is not null;
}

/// <summary>
/// Checks the patient in (IntakeStaff or Nurse: <see cref="Policies.CheckIn"/>). The server decides what the user does
/// not type: consent is current when the patient consented to the clinic's current consent text; eligibility is current
/// when the latest decided intake assessment found the patient eligible and the booking's course is active; the planned
/// start is the booking's. A weight measured now is recorded on the chart in the same save. A high baseline then waits
/// for a clinician's go-ahead (<see cref="GiveGoAheadHandler"/>).
/// </summary>
public sealed class CheckInHandler(IDbContextFactory<ClinicDbContext> dbFactory, SessionWorkspace workspace, IAuthorizationService authorization, IValidator<CheckIn> validator)
{
    public const string Policy = Policies.CheckIn;

    private static readonly HashSet<string> VitalsFields =
        [nameof(CheckIn.Systolic), nameof(CheckIn.Diastolic), nameof(CheckIn.HeartRate), nameof(CheckIn.SpO2), nameof(CheckIn.RespiratoryRate), nameof(CheckIn.TemperatureC)];

    public async Task<CheckInOutcome> HandleAsync(ClaimsPrincipal user, CheckIn command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(command);
        var validation = await validator.ValidateAsync(command, cancellationToken);
        var facts = await FactsAsync(command.AppointmentId, cancellationToken);
        if (!validation.IsValid)
        {
            // Shape errors, and beside them every checklist item already known to be unmet, so the user sees all at once.
            var problems = validation.Errors.Select(e => new CheckInFieldProblem(e.PropertyName, e.ErrorMessage)).ToList();
            if (facts?.Protocol is { } protocol && (await authorization.AuthorizeAsync(user, Policy)).Succeeded)
            {
                var clock = await workspace.ClockAsync(cancellationToken);
                var (input, checkInFacts) = Input(command, facts, clock, command.UseLatestWeight ? null : command.NewWeightKg);
                var flagged = problems.Select(p => VitalsFields.Contains(p.Field) ? CheckInFields.Baseline : p.Field).ToHashSet();
                problems.AddRange(InfusionSession.CheckInFindings(protocol, input, checkInFacts, clock.NowUtc, clock.TodayInClinic)
                    .Select(f => new CheckInFieldProblem(CheckInFields.For(f.Item, command.UseLatestWeight), f.Text))
                    .Where(f => !flagged.Contains(f.Field)));
            }

            return new(new DomainError(ValidationResults.ValidationCode, problems[0].Text), problems);
        }

        IReadOnlyList<CheckInProblem> findings = [];
        var newWeightKg = command.UseLatestWeight ? (decimal?)null : Math.Round(command.NewWeightKg!.Value, 1);
        var result = await workspace.ChangeAsync(
            user,
            command.AppointmentId,
            command.ExpectedVersion,
            Policy,
            "check in",
            (session, actor, clock) =>
            {
                if (facts is null)
                {
                    return AppointmentErrors.NotFound;
                }

                var (input, checkInFacts) = Input(command, facts, clock, newWeightKg);
                findings = InfusionSession.CheckInFindings(session.Protocol, input, checkInFacts, clock.NowUtc, clock.TodayInClinic);
                return session.RecordCheckIn(input, checkInFacts, actor, clock.NowUtc, clock.TodayInClinic);
            },
            cancellationToken,
            openIfMissing: true,
            alongside: newWeightKg is { } measured ? (db, actor, clock, ct) => RecordWeightAsync(db, facts!.PatientId, measured, actor, clock, ct) : null);
        var refusedByChecklist = result.Error?.Code == SessionErrors.CheckInIncomplete([]).Code;
        return new(result, !refusedByChecklist ? [] : findings.Select(f => new CheckInFieldProblem(CheckInFields.For(f.Item, command.UseLatestWeight), f.Text)).ToList());
    }

    /// <summary>Consent, eligibility and the latest weight, for the form before anything is typed (the session page that
    /// shows it has already recorded the read of the patient's record).</summary>
    public async Task<Result<CheckInPreview>> PreviewAsync(ClaimsPrincipal user, Guid appointmentId, SessionClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(clock);
        if (!(await authorization.AuthorizeAsync(user, Policy)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        var facts = await FactsAsync(appointmentId, cancellationToken);
        if (facts is null)
        {
            return AppointmentErrors.NotFound;
        }

        var weightOn = facts.LatestWeightOn(clock);
        return new CheckInPreview(facts.ConsentCurrent, facts.EligibilityCurrent, facts.EligibilityText, facts.LatestWeightKg, weightOn,
            weightOn is not { } on || DoseCalculation.WeightIsStale(on, clock.TodayInClinic, facts.MaxWeightAgeDays));
    }

    private static (CheckInInput Input, CheckInFacts Facts) Input(CheckIn command, Facts facts, SessionClock clock, decimal? newWeightKg)
    {
        var (weightKg, weightOn) = newWeightKg is { } kg ? (kg, clock.TodayInClinic) : (facts.LatestWeightKg, facts.LatestWeightOn(clock));
        var input = new CheckInInput(
            command.LastSolidFood is { } solid ? clock.ToUtc(solid) : null,
            command.LastClearLiquid is { } liquid ? clock.ToUtc(liquid) : null,
            command.EscortName,
            command.EscortPhone,
            command.MedicinesHeldAsInstructed,
            weightKg,
            weightOn,
            Baseline(command));
        return (input, new CheckInFacts(facts.ConsentCurrent, facts.EligibilityCurrent, facts.PlannedStartUtc));
    }

    private static VitalsInput? Baseline(CheckIn c) =>
        c is { Systolic: { } sys, Diastolic: { } dia, HeartRate: { } hr, SpO2: { } spo2, RespiratoryRate: { } rr }
            ? new VitalsInput(sys, dia, hr, spo2, rr, c.TemperatureC)
            : null;

    private static async Task<DomainError?> RecordWeightAsync(ClinicDbContext db, Guid patientId, decimal weightKg, SessionActor actor, SessionClock clock, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.SingleAsync(p => p.Id == patientId, cancellationToken);
        if (patient.IsArchived)
        {
            return PatientErrors.Archived;
        }

        var recorded = patient.RecordWeight(weightKg, clock.NowUtc, actor.Name, clock.NowUtc);
        return recorded.Error;
    }

    private async Task<Facts?> FactsAsync(Guid appointmentId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var booking = await db.Appointments.AsNoTracking().Where(a => a.Id == appointmentId)
            .Select(a => new { a.PatientId, a.CourseId, a.StartUtc }).SingleOrDefaultAsync(cancellationToken);
        if (booking is null)
        {
            return null;
        }

        var currentConsent = await db.ConsentDocuments.AsNoTracking().Where(d => d.IsCurrent).Select(d => (Guid?)d.Id).FirstOrDefaultAsync(cancellationToken);
        var consent = currentConsent is { } documentId
            && await db.ConsentRecords.AsNoTracking().AnyAsync(r => r.PatientId == booking.PatientId && r.ConsentDocumentId == documentId, cancellationToken);
        var latest = await CoursePlanning.LatestDecidedAsync(db, booking.PatientId, cancellationToken);
        var course = booking.CourseId is { } courseId
            ? await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == courseId).Select(c => new { c.Status, c.ProtocolId }).SingleOrDefaultAsync(cancellationToken)
            : null;
        var protocol = course is null ? null : await db.Protocols.AsNoTracking().SingleOrDefaultAsync(p => p.Id == course.ProtocolId, cancellationToken);
        var eligible = latest?.Decision == EligibilityDecision.Eligible;
        var active = course?.Status == CourseStatus.Active;
        var eligibilityText = (eligible, active) switch
        {
            (true, true) => "Eligible at the latest intake assessment; the course is active.",
            (false, _) => "The latest intake decision is not 'eligible': a clinician reviews the patient first.",
            _ => "The course of this booking is not active: a clinician reviews the plan first.",
        };
        var weight = await db.WeightMeasurements.AsNoTracking().Where(w => w.PatientId == booking.PatientId)
            .OrderByDescending(w => w.MeasuredUtc).ThenByDescending(w => w.RecordedUtc)
            .Select(w => new { w.WeightKg, w.MeasuredUtc }).FirstOrDefaultAsync(cancellationToken);
        return new Facts(booking.PatientId, DateTime.SpecifyKind(booking.StartUtc, DateTimeKind.Utc), consent, eligible && active, eligibilityText,
            weight?.WeightKg, weight is null ? null : DateTime.SpecifyKind(weight.MeasuredUtc, DateTimeKind.Utc), protocol?.Settings);
    }

    private sealed record Facts(
        Guid PatientId, DateTime PlannedStartUtc, bool ConsentCurrent, bool EligibilityCurrent, string EligibilityText,
        decimal? LatestWeightKg, DateTime? LatestWeightUtc, ProtocolSettings? Protocol)
    {
        /// <summary>The course's protocol's limit (the session keeps the protocol version in force at check-in).</summary>
        public int MaxWeightAgeDays => Protocol?.MaxWeightAgeDays ?? 30;

        public DateOnly? LatestWeightOn(SessionClock clock) => LatestWeightUtc is { } utc ? DateOnly.FromDateTime(clock.ToLocal(utc)) : null;
    }
}
