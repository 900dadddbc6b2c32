using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Reports;

public sealed record WeekInfusions(ReportWeek Week, int Given);

/// <summary>Open and attended chair time of a week, a chair or the whole range, in minutes.</summary>
public sealed record UtilisationRow(string Label, int Chairs, int OpenMinutes, int AttendedMinutes)
{
    public Rate Utilisation => new(AttendedMinutes, OpenMinutes);
}

/// <summary>Bookings due, no-shows and late cancellations of a week or the whole range.</summary>
public sealed record AttendanceRow(string Label, int Due, int NoShows, int DueInclCancelled, int LateCancellations)
{
    /// <summary>No-shows ÷ bookings due that were not cancelled or entered in error.</summary>
    public Rate NoShowRate => new(NoShows, Due);

    /// <summary>Late cancellations ÷ bookings due that were not entered in error (cancelled ones included).</summary>
    public Rate LateCancellationRate => new(LateCancellations, DueInclCancelled);
}

/// <summary>Courses started, completed and discontinued in the range, for one indication (null: all).</summary>
public sealed record CourseCounts(Indication? Indication, int Started, int Completed, int Discontinued);

/// <summary>Whether a course's primary measures let its response be judged.</summary>
public enum CourseJudgement
{
    /// <summary>A primary measure has a usable baseline and a score after it.</summary>
    Judged = 1,

    /// <summary>Scores after the baseline, but no usable baseline (none recorded, or 0).</summary>
    NoBaseline = 2,

    /// <summary>No primary score after the baseline (or no primary measure at all).</summary>
    NoScores = 3,
}

/// <summary>How one course did: judged or why not, a response on any judged primary measure, and remission when a
/// judged primary measure defines it (PHQ-9, MADRS; null otherwise).</summary>
public sealed record CourseVerdict(Guid CourseId, Indication Indication, CourseJudgement Judgement, bool Responder, bool? InRemission);

/// <summary>Response and remission of the courses of one indication (null: all).</summary>
public sealed record OutcomeCounts(Indication? Indication, int Courses, int Judged, int Responders, int RemissionJudged, int InRemission, int NoBaseline, int NoScores)
{
    public Rate ResponseRate => new(Responders, Judged);

    public Rate RemissionRate => new(InRemission, RemissionJudged);
}

/// <summary>Infusions with a side effect of one type (null: any type) by severity, out of the infusions given.</summary>
public sealed record SideEffectCounts(SideEffectType? Type, int Mild, int Moderate, int Severe, int AnySeverity, int InfusionsGiven)
{
    public Rate Rate(int count) => new(count, InfusionsGiven);
}

/// <summary>Mean time in chair of the discharged infusions of a week or the whole range.</summary>
public sealed record TimeInChairRow(string Label, int Discharged, Average CheckInToDischarge, Average StartToDischarge);

/// <summary>The chair-utilisation figures by week, by chair and for the whole range.</summary>
public sealed record Utilisation(IReadOnlyList<UtilisationRow> ByWeek, IReadOnlyList<UtilisationRow> ByChair, UtilisationRow Total);

/// <summary>
/// The clinic reports' arithmetic, as pure functions of the rows loaded for a range. Cancelled and entered-in-error
/// bookings never count — not as infusions, chair time, attendance or anything else — except as the numerator of the
/// late-cancellation rate (a late cancellation is a cancelled booking). Instants are bucketed in the clinic-local week
/// (Monday first) of their local date.
/// </summary>
public sealed class ClinicReport
{
    public const string TotalLabel = "Total";

    private IReadOnlyList<ReportTable>? _tables;

    private ClinicReport(ReportRange range, DateTime nowUtc)
    {
        Range = range;
        NowUtc = nowUtc;
    }

    public ReportRange Range { get; }

    public DateTime NowUtc { get; }

    public IReadOnlyList<WeekInfusions> InfusionsPerWeek { get; private init; } = [];

    public int InfusionsGiven => InfusionsPerWeek.Sum(w => w.Given);

    public Utilisation Utilisation { get; private init; } = null!;

    public IReadOnlyList<AttendanceRow> Attendance { get; private init; } = [];

    public IReadOnlyList<CourseCounts> Courses { get; private init; } = [];

    public IReadOnlyList<OutcomeCounts> Outcomes { get; private init; } = [];

    public IReadOnlyList<SideEffectCounts> SideEffects { get; private init; } = [];

    public IReadOnlyList<TimeInChairRow> TimeInChair { get; private init; } = [];

    /// <summary>Nothing happened in the range: no booking due, no infusion, no course started or ended.</summary>
    public bool IsEmpty =>
        InfusionsGiven == 0 && Attendance[^1].DueInclCancelled == 0 && Utilisation.Total.AttendedMinutes == 0
        && Courses[^1] is { Started: 0, Completed: 0, Discontinued: 0 } && Outcomes[^1].Courses == 0;

    /// <summary>The tables (with their charts) the page shows and the CSV files hold, in page order.</summary>
    public IReadOnlyList<ReportTable> Tables => _tables ??= ReportTables.For(this);

    public static ClinicReport Build(ReportRange range, DateTime nowUtc, ReportData data)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(data);
        return new ClinicReport(range, nowUtc)
        {
            InfusionsPerWeek = CountInfusionsPerWeek(range, data.Infusions),
            Utilisation = ChairUtilisation(range, nowUtc, data.Chairs, data.OpeningHours, data.ClosedDates, data.Bookings),
            Attendance = CountAttendance(range, nowUtc, data.Bookings),
            Courses = CountCourses(range, data.Courses),
            Outcomes = CountOutcomes(range, data.Courses),
            SideEffects = CountSideEffects(range, data.Infusions),
            TimeInChair = MeasureTimeInChair(range, data.Infusions),
        };
    }

    /// <summary>The infusions given (started, on a booking that counts) in each week, by the infusion's start.</summary>
    public static IReadOnlyList<WeekInfusions> CountInfusionsPerWeek(ReportRange range, IEnumerable<ReportInfusion> infusions)
    {
        ArgumentNullException.ThrowIfNull(range);
        var byWeek = Given(range, infusions).GroupBy(i => range.WeekOf(i.InfusionStartUtc)!.Monday).ToDictionary(g => g.Key, g => g.Count());
        return [.. range.Weeks.Select(w => new WeekInfusions(w, byWeek.GetValueOrDefault(w.Monday)))];
    }

    /// <summary>
    /// Attended chair time ÷ open chair time. Open time: each chair's opening hours on each date of the range that is not
    /// a closed date, in real elapsed time (a day with a daylight-saving change may be an hour shorter or longer), up to
    /// <paramref name="nowUtc"/>. Attended time: the booked interval of infusion and booster bookings that were attended
    /// (checked in, in progress, fulfilled), within those opening hours; overlapping bookings of one chair count once.
    /// Active chairs count every week; a chair taken out of use counts only in the weeks it held a booking.
    /// </summary>
    public static Utilisation ChairUtilisation(
        ReportRange range, DateTime nowUtc, IEnumerable<ReportChair> chairs, IEnumerable<DayHours> openingHours,
        IEnumerable<DateOnly> closedDates, IEnumerable<ReportBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(chairs);
        ArgumentNullException.ThrowIfNull(openingHours);
        ArgumentNullException.ThrowIfNull(closedDates);
        ArgumentNullException.ThrowIfNull(bookings);
        var end = nowUtc < range.ToUtc ? nowUtc : range.ToUtc;
        var hours = openingHours.GroupBy(h => h.Day).ToDictionary(g => g.Key, g => g.First());
        var closed = closedDates.ToHashSet();
        var openDays = new List<(ReportWeek Week, DateTime Start, DateTime End)>();
        foreach (var date in range.Dates())
        {
            if (closed.Contains(date) || !hours.TryGetValue(date.DayOfWeek, out var day))
            {
                continue;
            }

            var opens = range.ToUtcAt(date, day.Opens);
            var closes = range.ToUtcAt(date, day.Closes);
            closes = closes < end ? closes : end;
            if (closes > opens)
            {
                openDays.Add((range.WeekOf(date)!, opens, closes));
            }
        }

        var inChairs = bookings.Where(b => b.IsInfusion && b.Counts && b.ChairId is not null).ToList();
        var attended = inChairs.Where(b => b.Attended).GroupBy(b => b.ChairId!.Value)
            .ToDictionary(g => g.Key, g => Merge(g.Select(b => (b.StartUtc, b.EndUtc))));
        var heldBookingIn = inChairs.Select(b => (Chair: b.ChairId!.Value, Week: range.WeekOf(b.StartUtc)?.Monday)).Where(x => x.Week is not null).ToHashSet();

        var cells = new List<(ReportChair Chair, ReportWeek Week, double Open, double Attended)>();
        foreach (var chair in chairs)
        {
            var intervals = attended.GetValueOrDefault(chair.Id) ?? [];
            foreach (var (week, opens, closes) in openDays)
            {
                if (!chair.IsActive && !heldBookingIn.Contains((chair.Id, week.Monday)))
                {
                    continue;
                }

                var used = intervals.Sum(i => Overlap(i.Start, i.End, opens, closes).TotalMinutes);
                cells.Add((chair, week, (closes - opens).TotalMinutes, used));
            }
        }

        var cellsByWeek = cells.ToLookup(c => c.Week.Monday);
        var byWeek = range.Weeks.Select(w =>
        {
            var ofWeek = cellsByWeek[w.Monday].ToList();
            return new UtilisationRow(w.Label, ofWeek.Select(c => c.Chair.Id).Distinct().Count(), Minutes(ofWeek.Sum(c => c.Open)), Minutes(ofWeek.Sum(c => c.Attended)));
        }).ToList();
        var byChair = cells.GroupBy(c => c.Chair)
            .Select(g => new UtilisationRow(g.Key.IsActive ? g.Key.Name : $"{g.Key.Name} (out of use)", 1, Minutes(g.Sum(c => c.Open)), Minutes(g.Sum(c => c.Attended))))
            .ToList();
        var total = new UtilisationRow(TotalLabel, cells.Select(c => c.Chair.Id).Distinct().Count(), Minutes(cells.Sum(c => c.Open)), Minutes(cells.Sum(c => c.Attended)));
        return new Utilisation(byWeek, byChair, total);
    }

    /// <summary>
    /// Per week and for the whole range (last row): bookings of every type whose start lies in the range and has passed
    /// by <paramref name="nowUtc"/> ("due"). No-show rate = no-shows ÷ bookings due that were not cancelled or entered in
    /// error. Late-cancellation rate = bookings cancelled within 24 h of their start ÷ bookings due that were not entered
    /// in error (cancelled ones included).
    /// </summary>
    public static IReadOnlyList<AttendanceRow> CountAttendance(ReportRange range, DateTime nowUtc, IEnumerable<ReportBooking> bookings)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(bookings);
        var due = bookings.Where(b => range.Contains(b.StartUtc) && b.StartUtc < nowUtc && b.Status != AppointmentStatus.EnteredInError).ToList();
        AttendanceRow Row(string label, IReadOnlyCollection<ReportBooking> of) => new(
            label,
            of.Count(b => b.Counts),
            of.Count(b => b.Status == AppointmentStatus.NoShow),
            of.Count,
            of.Count(b => b.Status == AppointmentStatus.Cancelled && b.LateCancellation));
        var byWeek = due.ToLookup(b => range.WeekOf(b.StartUtc)!.Monday);
        return [.. range.Weeks.Select(w => Row(w.Label, [.. byWeek[w.Monday]])), Row(TotalLabel, due)];
    }

    /// <summary>
    /// Per indication and in total (last row): courses started (their first infusion that counts was given in the
    /// range), completed and discontinued (marked so in the range).
    /// </summary>
    public static IReadOnlyList<CourseCounts> CountCourses(ReportRange range, IEnumerable<ReportCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(courses);
        var facts = courses.Select(c =>
        {
            var given = c.Given;
            return (c.Indication,
                Started: given.Count > 0 && range.Contains(given[0]),
                Completed: EndedInRange(range, c, CourseStatus.Completed),
                Discontinued: EndedInRange(range, c, CourseStatus.Discontinued));
        }).ToList();
        CourseCounts Row(Indication? indication) =>
            new(indication, facts.Count(f => (indication is null || f.Indication == indication) && f.Started),
                facts.Count(f => (indication is null || f.Indication == indication) && f.Completed),
                facts.Count(f => (indication is null || f.Indication == indication) && f.Discontinued));
        return [.. Indications.Select(i => Row(i)), Row(null)];
    }

    /// <summary>The courses whose outcome the report judges: those that ended (completed or discontinued) in the range,
    /// or whose review-point infusion (the n-th that counts) was given in it.</summary>
    public static IEnumerable<ReportCourse> OutcomeCohort(ReportRange range, IEnumerable<ReportCourse> courses)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(courses);
        return courses.Where(c =>
        {
            var given = c.Given;
            var reviewReached = c.ReviewAfterInfusions >= 1 && given.Count >= c.ReviewAfterInfusions && range.Contains(given[c.ReviewAfterInfusions - 1]);
            return reviewReached || EndedInRange(range, c, CourseStatus.Completed) || EndedInRange(range, c, CourseStatus.Discontinued);
        });
    }

    /// <summary>
    /// Judges a course with <see cref="CourseOutcomes.Evaluate"/> on its indication's primary measures, from every score
    /// recorded so far: judged when a primary measure has a usable baseline and a later score; a responder when any
    /// judged primary measure shows a response (≥ 50 % reduction); in remission when any judged primary measure that
    /// defines remission (PHQ-9, MADRS) is in remission — null when none defines it.
    /// </summary>
    public static CourseVerdict Judge(ReportCourse course)
    {
        ArgumentNullException.ThrowIfNull(course);
        var given = course.Given;
        var outcome = CourseOutcomes.Evaluate(
            course.Id, course.IntakeAssessmentId, course.Indication, course.Status, course.ReviewAfterInfusions, given.Count,
            given.Count > 0 ? given[0] : null, course.PatientMeasures);
        var primary = outcome.Instruments.Where(t => t.IsPrimary).ToList();
        var judged = primary.Where(t => t.Response is { Status: not (ResponseStatus.NoBaseline or ResponseStatus.BaselineZero) }).ToList();
        if (judged.Count == 0)
        {
            var judgement = primary.Any(t => t.Response is not null) ? CourseJudgement.NoBaseline : CourseJudgement.NoScores;
            return new CourseVerdict(course.Id, course.Indication, judgement, false, null);
        }

        var responder = judged.Any(t => t.Response!.Status == ResponseStatus.Response);
        var definesRemission = judged.Where(t => OutcomeInstrument.Get(t.Instrument).RemissionAtOrBelow is not null).ToList();
        bool? remission = definesRemission.Count == 0 ? null : definesRemission.Any(t => t.Response!.Remission);
        return new CourseVerdict(course.Id, course.Indication, CourseJudgement.Judged, responder, remission);
    }

    /// <summary>Response and remission of the <see cref="OutcomeCohort"/>, per indication and in total (last row).
    /// Rates are of the judged courses; the remission rate only of those judged on a measure that defines remission.</summary>
    public static IReadOnlyList<OutcomeCounts> CountOutcomes(ReportRange range, IEnumerable<ReportCourse> courses)
    {
        var verdicts = OutcomeCohort(range, courses).Select(Judge).ToList();
        OutcomeCounts Row(Indication? indication)
        {
            var of = verdicts.Where(v => indication is null || v.Indication == indication).ToList();
            return new OutcomeCounts(
                indication,
                of.Count,
                of.Count(v => v.Judgement == CourseJudgement.Judged),
                of.Count(v => v.Responder),
                of.Count(v => v.InRemission is not null),
                of.Count(v => v.InRemission == true),
                of.Count(v => v.Judgement == CourseJudgement.NoBaseline),
                of.Count(v => v.Judgement == CourseJudgement.NoScores));
        }

        return [.. Indications.Select(i => Row(i)), Row(null)];
    }

    /// <summary>
    /// Per side-effect type that occurred (then any type, last row): the infusions given in the range with at least one
    /// side effect of that type at each severity, and at any severity, out of all infusions given. An infusion with two
    /// severities of one type counts under each, and once under "any severity".
    /// </summary>
    public static IReadOnlyList<SideEffectCounts> CountSideEffects(ReportRange range, IEnumerable<ReportInfusion> infusions)
    {
        var given = Given(range, infusions).ToList();
        SideEffectCounts Row(SideEffectType? type)
        {
            bool Has(ReportInfusion i, SideEffectSeverity? severity) =>
                i.SideEffects.Any(s => (type is null || s.Type == type) && (severity is null || s.Severity == severity));
            return new SideEffectCounts(type,
                given.Count(i => Has(i, SideEffectSeverity.Mild)),
                given.Count(i => Has(i, SideEffectSeverity.Moderate)),
                given.Count(i => Has(i, SideEffectSeverity.Severe)),
                given.Count(i => Has(i, null)),
                given.Count);
        }

        return [.. Enum.GetValues<SideEffectType>().Select(t => Row(t)).Where(r => r.AnySeverity > 0), Row(null)];
    }

    /// <summary>Per week and for the whole range (last row): the infusions given and discharged, their mean time from
    /// check-in to discharge (where a check-in was recorded) and from the infusion's start to discharge.</summary>
    public static IReadOnlyList<TimeInChairRow> MeasureTimeInChair(ReportRange range, IEnumerable<ReportInfusion> infusions)
    {
        var discharged = Given(range, infusions).Where(i => i.DischargedUtc is not null).ToList();
        TimeInChairRow Row(string label, IReadOnlyCollection<ReportInfusion> of) => new(
            label,
            of.Count,
            Average.Of(of.Where(i => i.CheckedInUtc is not null).Select(i => i.DischargedUtc!.Value - i.CheckedInUtc!.Value)),
            Average.Of(of.Select(i => i.DischargedUtc!.Value - i.InfusionStartUtc)));
        var byWeek = discharged.ToLookup(i => range.WeekOf(i.InfusionStartUtc)!.Monday);
        return [.. range.Weeks.Select(w => Row(w.Label, [.. byWeek[w.Monday]])), Row(TotalLabel, discharged)];
    }

    /// <summary>The indications in the order the tables list them.</summary>
    public static IReadOnlyList<Indication> Indications { get; } =
        [Indication.TreatmentResistantDepression, Indication.ChronicPain, Indication.Ptsd, Indication.Other];

    private static IEnumerable<ReportInfusion> Given(ReportRange range, IEnumerable<ReportInfusion> infusions)
    {
        ArgumentNullException.ThrowIfNull(range);
        ArgumentNullException.ThrowIfNull(infusions);
        return infusions.Where(i => i.Counts && range.Contains(i.InfusionStartUtc));
    }

    private static bool EndedInRange(ReportRange range, ReportCourse course, CourseStatus status) =>
        course.Status == status && course.StatusChangedUtc is { } at && range.Contains(at);

    private static int Minutes(double minutes) => (int)Math.Round(minutes, MidpointRounding.AwayFromZero);

    private static TimeSpan Overlap(DateTime aStart, DateTime aEnd, DateTime bStart, DateTime bEnd)
    {
        var start = aStart > bStart ? aStart : bStart;
        var end = aEnd < bEnd ? aEnd : bEnd;
        return end > start ? end - start : TimeSpan.Zero;
    }

    /// <summary>The union of intervals, as disjoint intervals in order.</summary>
    private static List<(DateTime Start, DateTime End)> Merge(IEnumerable<(DateTime Start, DateTime End)> intervals)
    {
        var merged = new List<(DateTime Start, DateTime End)>();
        foreach (var (start, end) in intervals.Where(i => i.End > i.Start).OrderBy(i => i.Start))
        {
            if (merged.Count > 0 && start <= merged[^1].End)
            {
                merged[^1] = (merged[^1].Start, end > merged[^1].End ? end : merged[^1].End);
            }
            else
            {
                merged.Add((start, end));
            }
        }

        return merged;
    }
}
