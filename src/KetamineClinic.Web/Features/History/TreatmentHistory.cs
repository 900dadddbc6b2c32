using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Features.History.Charts;

namespace KetamineClinic.Web.Features.History;

/// <summary>Who the history is about, as the page header and the printed summary name them.</summary>
public sealed record HistoryPatient(Guid Id, string GivenName, string FamilyName, string Mrn, DateOnly DateOfBirth, Sex Sex, string? ReferringClinician)
{
    public string DisplayName => $"{FamilyName}, {GivenName}";
}

/// <summary>A score as the history lists it (under its session, and in the course's score table).</summary>
public sealed record HistoryScore(
    Guid MeasureId, InstrumentCode Instrument, MeasureContext Context, DateTime TakenUtc, int Total, string Band, bool RaisedSuicideRiskAlert,
    Guid? IntakeAssessmentId, Guid? CourseId, Guid? AppointmentId);

/// <summary>
/// One infusion booking of a course and its session (null until check-in): the dose ordered, the minutes the drug ran
/// (<see cref="InfusionSession.InfusedFor"/>: pauses left out), the vitals curve, side effects, alerts and amendments.
/// A cancelled or entered-in-error booking is not listed; a missed one (no-show) is, without a number.
/// </summary>
public sealed record SessionHistory(
    Guid AppointmentId,
    DateTime StartUtc,
    AppointmentType Type,
    AppointmentStatus Status,
    SessionNumber? Number,
    InfusionSession? Session,
    VitalsCurve? Curve,
    TimeSpan Infused,
    IReadOnlyList<HistoryScore> ScoresBefore)
{
    public DoseOrder? Order => Session?.CurrentOrder;

    /// <summary>Orders replaced by a later one, oldest first (the current order is <see cref="Order"/>).</summary>
    public IReadOnlyList<DoseOrder> ReplacedOrders => Session is null ? [] : [.. Session.Orders.Where(o => !o.IsCurrent).OrderBy(o => o.OrderedUtc)];

    public bool InfusionGiven => Session?.InfusionStartUtc is not null;

    public bool NotStarted => Session?.Phase == SessionPhase.NotStarted;

    /// <summary>The dose order outside the protocol's usual range, with its reason (the current order's).</summary>
    public string? OverrideReason => Order?.OverrideReason;

    /// <summary>Still to come: booked, no session opened yet.</summary>
    public bool Upcoming => Session is null && Status == AppointmentStatus.Booked;
}

/// <summary>One instrument over one course: its trajectory and response worked out by <see cref="CourseOutcomes"/>,
/// the plain label, and the chart.</summary>
public sealed record InstrumentHistory(InstrumentTrajectory Trajectory, string Label, ScoreChartModel Chart)
{
    public InstrumentCode Instrument => Trajectory.Instrument;
}

/// <summary>A course on the timeline: its plan, its bookings in time order, the outcome (response, remission, review
/// prompt) and the instruments' trajectories.</summary>
public sealed record CourseHistory(
    TreatmentCourse Course,
    IReadOnlyList<SessionHistory> Sessions,
    CourseOutcome Outcome,
    IReadOnlyList<InstrumentHistory> Instruments,
    int InfusionsGiven,
    DateTime? FirstInfusionUtc,
    DateTime? LastInfusionUtc)
{
    public ReviewPoint Review => Outcome.Review;

    /// <summary>Every score of the course in time order (baselines included), for the score table.</summary>
    public IReadOnlyList<ScorePoint> Scores =>
        [.. Outcome.Instruments.SelectMany(t => t.Baseline is { } b ? t.Scores.Prepend(b) : t.Scores).OrderBy(s => s.TakenUtc).ThenBy(s => s.Instrument)];
}

/// <summary>A patient's treatment history: every course, newest first, in the clinic's time zone.</summary>
public sealed record TreatmentHistory(HistoryPatient Patient, IReadOnlyList<CourseHistory> Courses, TimeZoneInfo Zone, DateTime LoadedUtc)
{
    public DateTime ToLocal(DateTime utc) => ClinicTime.ToLocal(utc, Zone);
}
