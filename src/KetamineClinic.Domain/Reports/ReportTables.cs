using System.Globalization;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Reports;

public enum ReportChartKind
{
    Bars = 1,
    Lines = 2,
}

/// <summary>One named series of a chart; a null value (a rate without a denominator) is drawn as a gap, never as 0.</summary>
public sealed record ReportSeries(string Name, IReadOnlyList<double?> Values);

/// <summary>The chart drawn above a table: its title, kind, the unit of the values, the category labels and the series.
/// <paramref name="Max"/> fixes the top of the axis (100 for percentages).</summary>
public sealed record ReportChart(string Title, ReportChartKind Kind, string Unit, IReadOnlyList<string> Labels, IReadOnlyList<ReportSeries> Series, double? Max = null);

/// <summary>
/// One report table exactly as shown and exported: the column headings and every cell already written (invariant
/// numbers, clinic-zone dates, "—" for a rate without a denominator), the notes with the definitions printed under it,
/// and its chart. The page and the CSV file both render this model, so they cannot disagree.
/// </summary>
public sealed record ReportTable(
    string Key, string Title, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<string>> Rows, IReadOnlyList<string> Notes, ReportChart Chart);

/// <summary>Builds the report's tables and charts from its figures.</summary>
public static class ReportTables
{
    public const string InfusionsPerWeek = "infusions-per-week";
    public const string UtilisationByWeek = "chair-utilisation-by-week";
    public const string UtilisationByChair = "chair-utilisation-by-chair";
    public const string Attendance = "no-shows-and-late-cancellations";
    public const string Courses = "courses";
    public const string Outcomes = "response-and-remission";
    public const string SideEffects = "side-effects";
    public const string TimeInChair = "time-in-chair";

    /// <summary>Every table's key (its CSV file name), in page order.</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [InfusionsPerWeek, UtilisationByWeek, UtilisationByChair, Attendance, Courses, Outcomes, SideEffects, TimeInChair];

    public const string WeekColumn = "Week (Monday)";

    public static IReadOnlyList<ReportTable> For(ClinicReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return
        [
            InfusionsTable(report),
            UtilisationByWeekTable(report),
            UtilisationByChairTable(report),
            AttendanceTable(report),
            CoursesTable(report),
            OutcomesTable(report),
            SideEffectsTable(report),
            TimeInChairTable(report),
        ];
    }

    public static string IndicationText(Indication? indication) => indication switch
    {
        null => "All indications",
        Indication.TreatmentResistantDepression => "Treatment-resistant depression",
        Indication.ChronicPain => "Chronic pain",
        Indication.Ptsd => "PTSD",
        _ => "Other",
    };

    public static string SideEffectText(SideEffectType? type) => type switch
    {
        null => "Any side effect",
        SideEffectType.Sedation => "Sedation",
        SideEffectType.Dissociation => "Dissociation",
        SideEffectType.BloodPressureChange => "Blood pressure change",
        SideEffectType.NauseaOrVomiting => "Nausea or vomiting",
        SideEffectType.Anxiety => "Anxiety",
        SideEffectType.Headache => "Headache",
        SideEffectType.Dizziness => "Dizziness",
        SideEffectType.LossOfConsciousness => "Loss of consciousness",
        _ => "Other",
    };

    private static ReportTable InfusionsTable(ClinicReport report)
    {
        var weeks = report.InfusionsPerWeek;
        return new ReportTable(
            InfusionsPerWeek,
            "Infusions per week",
            [WeekColumn, "Infusions given"],
            [.. weeks.Select(w => Row(w.Week.Label, ReportFormat.Count(w.Given))), Row(ClinicReport.TotalLabel, ReportFormat.Count(report.InfusionsGiven))],
            [
                "An infusion given is an infusion session whose infusion was started; it counts in the week (clinic time, Monday to Sunday) of its start. A session that never reached the infusion is not counted.",
                .. PartialWeeks(report.Range),
            ],
            new ReportChart("Infusions given per week", ReportChartKind.Bars, "infusions", WeekLabels(report.Range),
                [new ReportSeries("Infusions given", [.. weeks.Select(w => (double?)w.Given)])]));
    }

    private static ReportTable UtilisationByWeekTable(ClinicReport report)
    {
        var rows = report.Utilisation.ByWeek;
        return new ReportTable(
            UtilisationByWeek,
            "Chair utilisation by week",
            [WeekColumn, "Chairs", "Open chair hours", "Attended chair hours", "Utilisation (%)"],
            [.. rows.Append(report.Utilisation.Total).Select(r => Row(r.Label, ReportFormat.Count(r.Chairs), ReportFormat.Hours(r.OpenMinutes), ReportFormat.Hours(r.AttendedMinutes), r.Utilisation.PercentText))],
            [.. UtilisationNotes, .. PartialWeeks(report.Range)],
            new ReportChart("Chair utilisation per week (%)", ReportChartKind.Lines, "%", WeekLabels(report.Range),
                [new ReportSeries("Utilisation", [.. rows.Select(r => Percent(r.Utilisation))])], 100));
    }

    private static ReportTable UtilisationByChairTable(ClinicReport report)
    {
        var rows = report.Utilisation.ByChair;
        return new ReportTable(
            UtilisationByChair,
            "Chair utilisation by chair",
            ["Chair", "Open chair hours", "Attended chair hours", "Utilisation (%)"],
            [.. rows.Append(report.Utilisation.Total).Select(r => Row(r.Label, ReportFormat.Hours(r.OpenMinutes), ReportFormat.Hours(r.AttendedMinutes), r.Utilisation.PercentText))],
            UtilisationNotes,
            new ReportChart("Chair utilisation per chair (%)", ReportChartKind.Bars, "%", [.. rows.Select(r => r.Label)],
                [new ReportSeries("Utilisation", [.. rows.Select(r => Percent(r.Utilisation))])], 100));
    }

    private static readonly IReadOnlyList<string> UtilisationNotes =
    [
        "Utilisation = attended chair time ÷ open chair time. Attended chair time: the booked time of infusion and booster bookings the patient attended (checked in, in progress or fulfilled), within opening hours. Open chair time: each chair's opening hours on each day of the range, less closed dates, up to now.",
        "A chair taken out of use counts only in the weeks it held a booking. Opening hours and chairs are today's settings, applied to past weeks too.",
    ];

    private static ReportTable AttendanceTable(ClinicReport report)
    {
        var rows = report.Attendance;
        var weeks = rows.Take(rows.Count - 1).ToList();
        return new ReportTable(
            Attendance,
            "No-shows and late cancellations",
            [WeekColumn, "Bookings due", "No-shows", "No-show rate (%)", "Bookings due incl. cancelled", "Late cancellations", "Late-cancellation rate (%)"],
            [.. rows.Select(r => Row(r.Label, ReportFormat.Count(r.Due), ReportFormat.Count(r.NoShows), r.NoShowRate.PercentText,
                ReportFormat.Count(r.DueInclCancelled), ReportFormat.Count(r.LateCancellations), r.LateCancellationRate.PercentText))],
            [
                "Bookings due: bookings of every type (consultations, infusions, follow-ups, boosters) whose start lies in the range and has passed; a week is that of the start.",
                "No-show rate = no-shows ÷ bookings due that were not cancelled or entered in error.",
                "Late-cancellation rate = bookings cancelled less than 24 hours before their start ÷ bookings due that were not entered in error (cancelled bookings included).",
                "— means there was nothing to count against.",
                .. PartialWeeks(report.Range),
            ],
            new ReportChart("No-show and late-cancellation rates per week (%)", ReportChartKind.Lines, "%", WeekLabels(report.Range),
                [
                    new ReportSeries("No-show rate", [.. weeks.Select(r => Percent(r.NoShowRate))]),
                    new ReportSeries("Late-cancellation rate", [.. weeks.Select(r => Percent(r.LateCancellationRate))]),
                ], 100));
    }

    private static ReportTable CoursesTable(ClinicReport report)
    {
        var rows = report.Courses;
        var indications = rows.Take(rows.Count - 1).ToList();
        return new ReportTable(
            Courses,
            "Courses started, completed and discontinued",
            ["Indication", "Started", "Completed", "Discontinued"],
            [.. rows.Select(r => Row(r.Indication is null ? ClinicReport.TotalLabel : IndicationText(r.Indication), ReportFormat.Count(r.Started), ReportFormat.Count(r.Completed), ReportFormat.Count(r.Discontinued)))],
            [
                "Started: the course's first infusion was given in the range. Completed or discontinued: the course was marked so in the range.",
            ],
            new ReportChart("Courses by indication", ReportChartKind.Bars, "courses", [.. indications.Select(r => IndicationText(r.Indication))],
                [
                    new ReportSeries("Started", [.. indications.Select(r => (double?)r.Started)]),
                    new ReportSeries("Completed", [.. indications.Select(r => (double?)r.Completed)]),
                    new ReportSeries("Discontinued", [.. indications.Select(r => (double?)r.Discontinued)]),
                ]));
    }

    private static ReportTable OutcomesTable(ClinicReport report)
    {
        var rows = report.Outcomes;
        var indications = rows.Take(rows.Count - 1).ToList();
        return new ReportTable(
            Outcomes,
            "Response and remission by indication",
            ["Indication", "Courses", "Judged", "Responders", "Response rate (%)", "In remission", "Remission rate (%)", "No baseline", "No scores"],
            [.. rows.Select(r => Row(IndicationText(r.Indication), ReportFormat.Count(r.Courses), ReportFormat.Count(r.Judged), ReportFormat.Count(r.Responders),
                r.ResponseRate.PercentText, ReportFormat.Count(r.InRemission), r.RemissionRate.PercentText, ReportFormat.Count(r.NoBaseline), ReportFormat.Count(r.NoScores)))],
            [
                "Courses: those that ended (completed or discontinued) in the range, or reached their review point in it (the infusion after which the plan is reviewed was given in the range); each course counts once.",
                "Each course is judged on its indication's primary measures (depression: PHQ-9 and MADRS; chronic pain: pain NRS; PTSD: PCL-5; other: any measure): the latest score recorded so far, including follow-ups, against the baseline taken at intake, as on the treatment history.",
                "Response: at least 50 % below the baseline on a primary measure. Remission: PHQ-9 below 5 or MADRS 10 or less; only PHQ-9 and MADRS define remission, so the remission rate counts only courses judged on one of them.",
                "Rates are of the judged courses. Not judged: no baseline (scores, but no baseline or a baseline of 0) and no scores (nothing recorded after the baseline).",
            ],
            new ReportChart("Response and remission rates by indication (%)", ReportChartKind.Bars, "%", [.. indications.Select(r => IndicationText(r.Indication))],
                [
                    new ReportSeries("Response rate", [.. indications.Select(r => Percent(r.ResponseRate))]),
                    new ReportSeries("Remission rate", [.. indications.Select(r => Percent(r.RemissionRate))]),
                ], 100));
    }

    private static ReportTable SideEffectsTable(ClinicReport report)
    {
        var rows = report.SideEffects;
        var types = rows.Take(rows.Count - 1).ToList();
        return new ReportTable(
            SideEffects,
            "Side effects by type and severity",
            ["Side effect", "Mild", "Mild (% of infusions)", "Moderate", "Moderate (% of infusions)", "Severe", "Severe (% of infusions)", "Any severity", "Any severity (% of infusions)"],
            [.. rows.Select(r => Row(SideEffectText(r.Type),
                ReportFormat.Count(r.Mild), r.Rate(r.Mild).PercentText,
                ReportFormat.Count(r.Moderate), r.Rate(r.Moderate).PercentText,
                ReportFormat.Count(r.Severe), r.Rate(r.Severe).PercentText,
                ReportFormat.Count(r.AnySeverity), r.Rate(r.AnySeverity).PercentText))],
            [
                $"Counts are infusions given in the range with at least one side effect of that type and severity; rates are per infusion given ({ReportFormat.Count(report.InfusionsGiven)} infusions). An infusion with two severities of one type counts under each, and once under any severity.",
                "Side effects recorded at a session whose infusion never started are not counted.",
            ],
            new ReportChart("Infusions with the side effect, by severity (% of infusions)", ReportChartKind.Bars, "%", [.. types.Select(r => SideEffectText(r.Type))],
                [
                    new ReportSeries("Mild", [.. types.Select(r => Percent(r.Rate(r.Mild)))]),
                    new ReportSeries("Moderate", [.. types.Select(r => Percent(r.Rate(r.Moderate)))]),
                    new ReportSeries("Severe", [.. types.Select(r => Percent(r.Rate(r.Severe)))]),
                ]));
    }

    private static ReportTable TimeInChairTable(ClinicReport report)
    {
        var rows = report.TimeInChair;
        var weeks = rows.Take(rows.Count - 1).ToList();
        return new ReportTable(
            TimeInChair,
            "Average time in chair",
            [WeekColumn, "Infusions discharged", "Check-in to discharge, mean (min)", "Infusion start to discharge, mean (min)"],
            [.. rows.Select(r => Row(r.Label, ReportFormat.Count(r.Discharged), ReportFormat.Minutes(r.CheckInToDischarge.Minutes), ReportFormat.Minutes(r.StartToDischarge.Minutes)))],
            [
                "Infusions given in the range and discharged, in the week of the infusion's start; check-in to discharge only where the check-in was recorded. Means in whole minutes.",
                .. PartialWeeks(report.Range),
            ],
            new ReportChart("Mean time in chair per week (minutes)", ReportChartKind.Lines, "min", WeekLabels(report.Range),
                [
                    new ReportSeries("Check-in to discharge", [.. weeks.Select(r => (double?)r.CheckInToDischarge.Minutes)]),
                    new ReportSeries("Infusion start to discharge", [.. weeks.Select(r => (double?)r.StartToDischarge.Minutes)]),
                ]));
    }

    private static IReadOnlyList<string> Row(params string[] cells) => cells;

    private static double? Percent(Rate rate) => (double?)rate.Percent;

    private static IReadOnlyList<string> WeekLabels(ReportRange range) =>
        [.. range.Weeks.Select(w => w.Monday.ToString("d MMM", CultureInfo.InvariantCulture))];

    private static IEnumerable<string> PartialWeeks(ReportRange range) =>
        range.Weeks.Any(w => w.IsPartial)
            ? [$"The range does not start on a Monday or end on a Sunday: the first or last week counts only its days from {ReportFormat.Date(range.From)} to {ReportFormat.Date(range.To)}."]
            : [];
}
