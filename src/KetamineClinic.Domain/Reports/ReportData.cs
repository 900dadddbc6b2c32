using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Reports;

/// <summary>A booking as the reports read it: no patient, only what is counted.</summary>
public sealed record ReportBooking(
    Guid Id, AppointmentType Type, AppointmentStatus Status, DateTime StartUtc, DateTime EndUtc, Guid? ChairId, bool LateCancellation)
{
    /// <summary>Cancelled and entered-in-error bookings never count (domain.md, "Scheduling").</summary>
    public bool Counts => ReportRules.Counts(Status);

    /// <summary>The patient came: checked in, in progress or fulfilled (a no-show or a booking never marked did not).</summary>
    public bool Attended => Status is AppointmentStatus.Arrived or AppointmentStatus.InProgress or AppointmentStatus.Fulfilled;

    public bool IsInfusion => Type is AppointmentType.InfusionSession or AppointmentType.Booster;
}

/// <summary>A side effect recorded during an infusion.</summary>
public sealed record ReportSideEffect(SideEffectType Type, SideEffectSeverity Severity);

/// <summary>An infusion session whose infusion was started, with its booking's status (a booking later marked entered in
/// error does not count), the check-in and discharge times and its side effects.</summary>
public sealed record ReportInfusion(
    Guid AppointmentId,
    AppointmentStatus BookingStatus,
    DateTime InfusionStartUtc,
    DateTime? CheckedInUtc,
    DateTime? DischargedUtc,
    IReadOnlyList<ReportSideEffect> SideEffects)
{
    public bool Counts => ReportRules.Counts(BookingStatus);
}

/// <summary>A chair, active or taken out of use.</summary>
public sealed record ReportChair(Guid Id, string Name, bool IsActive);

/// <summary>One infusion of a course: when it started and its booking's status.</summary>
public sealed record CourseInfusion(DateTime InfusionStartUtc, AppointmentStatus BookingStatus);

/// <summary>A treatment course with every infusion given in it (not only those in the range: the first one decides when
/// it started, the n-th when it reached its review point) and every score of its patient.</summary>
public sealed record ReportCourse(
    Guid Id,
    Guid IntakeAssessmentId,
    Indication Indication,
    CourseStatus Status,
    DateTime? StatusChangedUtc,
    int ReviewAfterInfusions,
    IReadOnlyList<CourseInfusion> Infusions,
    IReadOnlyList<ScorePoint> PatientMeasures)
{
    /// <summary>The course's infusions that count, in time order.</summary>
    public IReadOnlyList<DateTime> Given => [.. Infusions.Where(i => ReportRules.Counts(i.BookingStatus)).Select(i => i.InfusionStartUtc).Order()];
}

/// <summary>Everything a report is computed from, loaded for the range.</summary>
public sealed record ReportData(
    IReadOnlyList<ReportBooking> Bookings,
    IReadOnlyList<ReportInfusion> Infusions,
    IReadOnlyList<ReportChair> Chairs,
    IReadOnlyList<DayHours> OpeningHours,
    IReadOnlyList<DateOnly> ClosedDates,
    IReadOnlyList<ReportCourse> Courses)
{
    public static ReportData Empty { get; } = new([], [], [], [], [], []);
}

public static class ReportRules
{
    public static bool Counts(AppointmentStatus status) => status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError);
}
