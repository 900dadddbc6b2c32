using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Reports;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Tests.Reports;

/// <summary>The report arithmetic on a fortnight in New York (2–15 March 2026, daylight saving starts on the 8th).</summary>
public sealed class ClinicReportTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly ReportRange Range = ReportRange.Create(new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 15), NewYork, new DateOnly(2026, 4, 1)).Value;
    private static readonly DateTime Now = new(2026, 4, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly Guid ChairA = Guid.NewGuid();
    private static readonly DayHours[] Weekdays8To18 =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }.Select(d => new DayHours(d, new TimeOnly(8, 0), new TimeOnly(18, 0)))];

    /// <summary>Clinic local time on a day of March 2026, in UTC.</summary>
    private static DateTime March(int day, int hour, int minute = 0) => SeriesRule.ToUtc(new DateTime(2026, 3, day, hour, minute, 0), NewYork);

    private static ReportBooking Booking(AppointmentStatus status, DateTime start, int minutes = 60, Guid? chair = null, bool late = false, AppointmentType type = AppointmentType.InfusionSession) =>
        new(Guid.NewGuid(), type, status, start, start.AddMinutes(minutes), chair ?? ChairA, late);

    private static ReportInfusion Infusion(DateTime start, AppointmentStatus status = AppointmentStatus.Fulfilled, DateTime? checkedIn = null, DateTime? discharged = null, params ReportSideEffect[] effects) =>
        new(Guid.NewGuid(), status, start, checkedIn, discharged, effects);

    private static ReportSideEffect Effect(SideEffectType type, SideEffectSeverity severity) => new(type, severity);

    // ---- rates and means ----

    [Fact]
    public void A_rate_without_a_denominator_is_a_dash_not_zero_percent()
    {
        Assert.Null(new Rate(0, 0).Percent);
        Assert.Equal("—", new Rate(0, 0).PercentText);
        Assert.Equal("0.0", new Rate(0, 5).PercentText);
    }

    [Theory]
    [InlineData(1, 3, "33.3")]
    [InlineData(2, 3, "66.7")]
    [InlineData(1, 16, "6.3")]
    [InlineData(3, 3, "100.0")]
    public void Rates_are_percentages_rounded_half_away_from_zero_to_one_decimal(int count, int of, string expected) =>
        Assert.Equal(expected, new Rate(count, of).PercentText);

    [Fact]
    public void A_mean_of_nothing_is_a_dash_and_means_round_to_whole_minutes()
    {
        Assert.Equal("—", ReportFormat.Minutes(Average.Of([]).Minutes));
        Assert.Equal("91", ReportFormat.Minutes(Average.Of([TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(91)]).Minutes)); // 90.5 → 91
        Assert.Equal("95", ReportFormat.Minutes(Average.Of([TimeSpan.FromMinutes(90), TimeSpan.FromMinutes(100)]).Minutes));
    }

    // ---- infusions per week ----

    [Fact]
    public void Infusions_count_in_the_clinic_week_of_their_start_and_cancelled_or_entered_in_error_never_count()
    {
        var infusions = new[]
        {
            Infusion(March(2, 9)),
            Infusion(March(6, 14), AppointmentStatus.InProgress),
            Infusion(new DateTime(2026, 3, 9, 3, 30, 0, DateTimeKind.Utc)), // Sunday 8 March, 23:30 EDT: first week
            Infusion(March(10, 9)),
            Infusion(March(11, 9), AppointmentStatus.EnteredInError),
            Infusion(March(12, 9), AppointmentStatus.Cancelled),
            Infusion(March(16, 9)), // after the range
            Infusion(March(1, 9)), // before the range
        };

        var weeks = ClinicReport.CountInfusionsPerWeek(Range, infusions);

        Assert.Equal([(new DateOnly(2026, 3, 2), 3), (new DateOnly(2026, 3, 9), 1)], weeks.Select(w => (w.Week.Monday, w.Given)));
    }

    // ---- attendance ----

    [Fact]
    public void No_show_and_late_cancellation_rates_have_their_stated_denominators()
    {
        var bookings = new[]
        {
            Booking(AppointmentStatus.Fulfilled, March(2, 9)),
            Booking(AppointmentStatus.Fulfilled, March(3, 9), type: AppointmentType.IntakeConsultation),
            Booking(AppointmentStatus.Arrived, March(4, 9), type: AppointmentType.FollowUp),
            Booking(AppointmentStatus.Booked, March(5, 9)), // due and never marked: counts as due
            Booking(AppointmentStatus.NoShow, March(5, 11)),
            Booking(AppointmentStatus.Cancelled, March(6, 9), late: true),
            Booking(AppointmentStatus.Cancelled, March(6, 11), late: false),
            Booking(AppointmentStatus.EnteredInError, March(6, 13)),
        };

        var week = ClinicReport.CountAttendance(Range, Now, bookings)[0];

        Assert.Equal((5, 1, 7, 1), (week.Due, week.NoShows, week.DueInclCancelled, week.LateCancellations));
        Assert.Equal("20.0", week.NoShowRate.PercentText); // 1 ÷ 5 (not cancelled, not entered in error)
        Assert.Equal("14.3", week.LateCancellationRate.PercentText); // 1 ÷ 7 (not entered in error)
    }

    [Fact]
    public void A_week_without_bookings_has_no_rates_and_the_total_row_adds_the_weeks()
    {
        var rows = ClinicReport.CountAttendance(Range, Now, [Booking(AppointmentStatus.NoShow, March(3, 9)), Booking(AppointmentStatus.Fulfilled, March(4, 9))]);

        Assert.Equal(3, rows.Count);
        Assert.Equal("50.0", rows[0].NoShowRate.PercentText);
        Assert.Equal(("—", "—"), (rows[1].NoShowRate.PercentText, rows[1].LateCancellationRate.PercentText));
        Assert.Equal((ClinicReport.TotalLabel, 2, 1), (rows[2].Label, rows[2].Due, rows[2].NoShows));
    }

    [Fact]
    public void Bookings_not_yet_due_are_not_counted()
    {
        var now = March(10, 12);
        var rows = ClinicReport.CountAttendance(Range, now, [Booking(AppointmentStatus.Fulfilled, March(10, 9)), Booking(AppointmentStatus.Booked, March(10, 14)), Booking(AppointmentStatus.Cancelled, March(11, 9), late: true)]);

        Assert.Equal((1, 1), (rows[1].Due, rows[1].DueInclCancelled));
    }

    // ---- chair utilisation ----

    [Fact]
    public void Utilisation_is_attended_chair_time_within_hours_over_open_chair_time_less_closed_dates()
    {
        var bookings = new[]
        {
            Booking(AppointmentStatus.Fulfilled, March(2, 9), 120), // Monday: 2 h
            Booking(AppointmentStatus.Arrived, March(3, 9), 60), // Tuesday: 1 h
            Booking(AppointmentStatus.Fulfilled, March(4, 9), 120), // Wednesday is closed: no open time to use
            Booking(AppointmentStatus.NoShow, March(5, 9), 120), // not attended
            Booking(AppointmentStatus.Cancelled, March(5, 12), 120), // never counts
            Booking(AppointmentStatus.EnteredInError, March(5, 14), 120), // never counts
            Booking(AppointmentStatus.Fulfilled, March(6, 17), 120), // Friday 17:00–19:00: 1 h inside hours
            Booking(AppointmentStatus.Fulfilled, March(6, 9), 60, type: AppointmentType.FollowUp), // not in a chair's time
        };

        var result = ClinicReport.ChairUtilisation(Range, Now, [new ReportChair(ChairA, "Chair 1", true)], Weekdays8To18, [new DateOnly(2026, 3, 4)], bookings);

        var first = result.ByWeek[0];
        Assert.Equal((1, 4 * 600, 4 * 60), (first.Chairs, first.OpenMinutes, first.AttendedMinutes));
        Assert.Equal("10.0", first.Utilisation.PercentText);
        Assert.Equal((5 * 600, 0), (result.ByWeek[1].OpenMinutes, result.ByWeek[1].AttendedMinutes));
        Assert.Equal((9 * 600, 240), (result.Total.OpenMinutes, result.Total.AttendedMinutes));
        var chair = Assert.Single(result.ByChair);
        Assert.Equal(("Chair 1", 9 * 600, 240), (chair.Label, chair.OpenMinutes, chair.AttendedMinutes));
    }

    [Fact]
    public void Overlapping_bookings_of_one_chair_count_once()
    {
        var bookings = new[] { Booking(AppointmentStatus.Fulfilled, March(2, 9), 120), Booking(AppointmentStatus.Fulfilled, March(2, 10), 120) };

        var result = ClinicReport.ChairUtilisation(Range, Now, [new ReportChair(ChairA, "Chair 1", true)], Weekdays8To18, [], bookings);

        Assert.Equal(180, result.ByWeek[0].AttendedMinutes);
    }

    [Fact]
    public void A_chair_out_of_use_counts_only_in_the_weeks_it_held_a_booking()
    {
        var retired = Guid.NewGuid();
        var bookings = new[] { Booking(AppointmentStatus.Fulfilled, March(10, 9), 60, retired) };

        var result = ClinicReport.ChairUtilisation(Range, Now,
            [new ReportChair(ChairA, "Chair 1", true), new ReportChair(retired, "Chair 9", false)], Weekdays8To18, [], bookings);

        Assert.Equal((1, 5 * 600), (result.ByWeek[0].Chairs, result.ByWeek[0].OpenMinutes));
        Assert.Equal((2, 10 * 600, 60), (result.ByWeek[1].Chairs, result.ByWeek[1].OpenMinutes, result.ByWeek[1].AttendedMinutes));
        Assert.Contains(result.ByChair, r => r is { Label: "Chair 9 (out of use)", OpenMinutes: 5 * 600, AttendedMinutes: 60 });
    }

    [Fact]
    public void Open_time_is_real_elapsed_time_on_the_day_clocks_spring_forward()
    {
        // Open on Sundays 01:00–04:00: on 8 March 02:00–03:00 does not exist, so the chair is open two hours.
        var hours = new[] { new DayHours(DayOfWeek.Sunday, new TimeOnly(1, 0), new TimeOnly(4, 0)) };

        var result = ClinicReport.ChairUtilisation(Range, Now, [new ReportChair(ChairA, "Chair 1", true)], hours, [], []);

        Assert.Equal([120, 180], result.ByWeek.Select(w => w.OpenMinutes));
    }

    [Fact]
    public void Open_time_stops_at_now_and_without_open_time_there_is_no_utilisation()
    {
        var result = ClinicReport.ChairUtilisation(Range, March(2, 13), [new ReportChair(ChairA, "Chair 1", true)], Weekdays8To18, [], []);

        Assert.Equal(300, result.ByWeek[0].OpenMinutes);
        Assert.Equal((0, "—"), (result.ByWeek[1].OpenMinutes, result.ByWeek[1].Utilisation.PercentText));
    }

    // ---- courses ----

    private static readonly Guid Intake = Guid.NewGuid();

    private static ReportCourse Course(
        Indication indication, CourseStatus status, DateTime? statusChanged, IEnumerable<DateTime> infusions, IEnumerable<ScorePoint>? measures = null,
        int reviewAfter = 4, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), Intake, indication, status, statusChanged, reviewAfter,
            [.. infusions.Select(i => new CourseInfusion(i, AppointmentStatus.Fulfilled))], [.. measures ?? []]);

    private static IEnumerable<DateTime> Days(params int[] days) => days.Select(d => March(d, 9));

    [Fact]
    public void A_course_starts_with_its_first_infusion_that_counts_and_ends_when_marked_in_the_range()
    {
        var erroneousFirst = new ReportCourse(Guid.NewGuid(), Intake, Indication.ChronicPain, CourseStatus.Active, null, 4,
            [new CourseInfusion(March(1, 9), AppointmentStatus.EnteredInError), new CourseInfusion(March(3, 9), AppointmentStatus.Fulfilled)], []);
        var courses = new[]
        {
            Course(Indication.TreatmentResistantDepression, CourseStatus.Active, null, Days(3, 5)), // started
            Course(Indication.TreatmentResistantDepression, CourseStatus.Completed, March(12, 10), [March(1, 9), .. Days(4, 9)]), // started before; completed in range
            Course(Indication.TreatmentResistantDepression, CourseStatus.Discontinued, March(14, 10), Days(10)), // started and discontinued
            Course(Indication.TreatmentResistantDepression, CourseStatus.Completed, March(20, 10), Days(11)), // completed after the range
            Course(Indication.TreatmentResistantDepression, CourseStatus.Discontinued, March(5, 10), []), // discontinued before any infusion
            erroneousFirst, // its first infusion that counts is in the range
        };

        var rows = ClinicReport.CountCourses(Range, courses);

        var depression = rows.Single(r => r.Indication == Indication.TreatmentResistantDepression);
        Assert.Equal((3, 1, 2), (depression.Started, depression.Completed, depression.Discontinued));
        Assert.Equal((1, 0, 0), (rows[1].Started, rows[1].Completed, rows[1].Discontinued));
        Assert.Equal((null, 4, 1, 2), (rows[^1].Indication, rows[^1].Started, rows[^1].Completed, rows[^1].Discontinued));
        Assert.Equal(5, rows.Count); // four indications and the total
    }

    // ---- response and remission ----

    private static ScorePoint Baseline(InstrumentCode instrument, int total) =>
        new(Guid.NewGuid(), instrument, MeasureContext.Baseline, March(1, 8), total, Intake, null);

    private static ScorePoint Score(Guid course, InstrumentCode instrument, int total, int day) =>
        new(Guid.NewGuid(), instrument, MeasureContext.PreInfusion, March(day, 8), total, null, course);

    private static ReportCourse Judged(Indication indication, InstrumentCode instrument, int? baseline, params int[] scores)
    {
        var id = Guid.NewGuid();
        var measures = scores.Select((s, i) => Score(id, instrument, s, 2 + i)).ToList();
        if (baseline is { } b)
        {
            measures.Add(Baseline(instrument, b));
        }

        return Course(indication, CourseStatus.Completed, March(13, 10), Days(2, 3, 4, 5, 6), measures, id: id);
    }

    [Fact]
    public void Response_and_remission_rates_are_of_the_judged_courses_and_say_how_many_could_not_be_judged()
    {
        var courses = new[]
        {
            Judged(Indication.TreatmentResistantDepression, InstrumentCode.Phq9, 20, 14, 8), // 60 % lower: response, not remission
            Judged(Indication.TreatmentResistantDepression, InstrumentCode.Phq9, 20, 12, 4), // response and remission
            Judged(Indication.TreatmentResistantDepression, InstrumentCode.Phq9, 20, 18, 15), // no response
            Judged(Indication.TreatmentResistantDepression, InstrumentCode.Phq9, null, 12, 9), // no baseline
            Judged(Indication.TreatmentResistantDepression, InstrumentCode.Phq9, 0, 3), // baseline 0: cannot be judged
            Judged(Indication.TreatmentResistantDepression, InstrumentCode.Phq9, 18), // no score after the baseline
            Judged(Indication.ChronicPain, InstrumentCode.PainNrs, 8, 6, 3), // 62.5 % lower: response; NRS defines no remission
        };

        var rows = ClinicReport.CountOutcomes(Range, courses);

        var depression = rows[0];
        Assert.Equal((6, 3, 2, 3, 1, 2, 1), (depression.Courses, depression.Judged, depression.Responders, depression.RemissionJudged, depression.InRemission, depression.NoBaseline, depression.NoScores));
        Assert.Equal(("66.7", "33.3"), (depression.ResponseRate.PercentText, depression.RemissionRate.PercentText));
        var pain = rows[1];
        Assert.Equal((1, 1, 1), (pain.Courses, pain.Judged, pain.Responders));
        Assert.Equal(("100.0", "—"), (pain.ResponseRate.PercentText, pain.RemissionRate.PercentText));
        Assert.Equal(("—", "—"), (rows[2].ResponseRate.PercentText, rows[2].RemissionRate.PercentText)); // PTSD: no courses
        var all = rows[^1];
        Assert.Equal((7, 4, 3), (all.Courses, all.Judged, all.Responders));
        Assert.Equal(all.Courses, all.Judged + all.NoBaseline + all.NoScores);
    }

    [Fact]
    public void The_cohort_is_courses_that_ended_or_reached_their_review_point_in_the_range()
    {
        var courses = new[]
        {
            Course(Indication.TreatmentResistantDepression, CourseStatus.Active, null, [March(1, 9), .. Days(3, 5, 10)]), // 4th infusion in range
            Course(Indication.TreatmentResistantDepression, CourseStatus.Active, null, Days(3, 5, 10)), // 3 of 4: not yet
            Course(Indication.TreatmentResistantDepression, CourseStatus.Completed, March(12, 10), Days(3, 5)), // ended in range
            Course(Indication.TreatmentResistantDepression, CourseStatus.Completed, March(1, 10), []), // ended before
            Course(Indication.TreatmentResistantDepression, CourseStatus.Active, null, [new DateTime(2026, 2, 20, 14, 0, 0, DateTimeKind.Utc), March(1, 9), March(1, 10), March(1, 11), March(3, 9)]), // review point before
        };

        Assert.Equal(2, ClinicReport.OutcomeCohort(Range, courses).Count());
    }

    [Fact]
    public void A_course_responding_on_any_judged_primary_measure_is_a_responder()
    {
        var id = Guid.NewGuid();
        var course = Course(Indication.TreatmentResistantDepression, CourseStatus.Completed, March(12, 10), Days(2, 3, 4), [
            Baseline(InstrumentCode.Phq9, 20), Score(id, InstrumentCode.Phq9, 15, 4),
            Baseline(InstrumentCode.Madrs, 30), Score(id, InstrumentCode.Madrs, 9, 4),
            Baseline(InstrumentCode.Gad7, 15), Score(id, InstrumentCode.Gad7, 15, 4), // not primary for depression
        ], id: id);

        var verdict = ClinicReport.Judge(course);

        Assert.Equal((CourseJudgement.Judged, true, (bool?)true), (verdict.Judgement, verdict.Responder, verdict.InRemission));
    }

    // ---- side effects ----

    [Fact]
    public void Side_effect_rates_are_infusions_with_the_effect_per_infusion_given()
    {
        var infusions = new[]
        {
            Infusion(March(2, 9), effects: [Effect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Mild), Effect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Moderate)]),
            Infusion(March(3, 9), effects: [Effect(SideEffectType.Dissociation, SideEffectSeverity.Moderate), Effect(SideEffectType.Dissociation, SideEffectSeverity.Moderate)]),
            Infusion(March(4, 9)),
            Infusion(March(5, 9), AppointmentStatus.EnteredInError, effects: [Effect(SideEffectType.NauseaOrVomiting, SideEffectSeverity.Severe)]),
        };

        var rows = ClinicReport.CountSideEffects(Range, infusions);

        Assert.Equal([SideEffectType.Dissociation, SideEffectType.NauseaOrVomiting, null], rows.Select(r => r.Type));
        var nausea = rows[1];
        Assert.Equal((1, 1, 0, 1, 3), (nausea.Mild, nausea.Moderate, nausea.Severe, nausea.AnySeverity, nausea.InfusionsGiven));
        Assert.Equal(("33.3", "0.0"), (nausea.Rate(nausea.Mild).PercentText, nausea.Rate(nausea.Severe).PercentText));
        Assert.Equal((0, 1, 0, 1), (rows[0].Mild, rows[0].Moderate, rows[0].Severe, rows[0].AnySeverity)); // two moderate entries, one infusion
        var any = rows[^1];
        Assert.Equal((1, 2, 0, 2), (any.Mild, any.Moderate, any.Severe, any.AnySeverity));
        Assert.Equal("66.7", any.Rate(any.AnySeverity).PercentText);
    }

    [Fact]
    public void Without_infusions_side_effect_rates_are_dashes()
    {
        var row = Assert.Single(ClinicReport.CountSideEffects(Range, []));

        Assert.Null(row.Type);
        Assert.Equal("—", row.Rate(row.AnySeverity).PercentText);
    }

    // ---- time in chair ----

    [Fact]
    public void Time_in_chair_averages_discharged_infusions_per_week_and_overall()
    {
        var infusions = new[]
        {
            Infusion(March(2, 9, 5), checkedIn: March(2, 8, 50), discharged: March(2, 10, 35)), // 105 and 90 min
            Infusion(March(3, 9), checkedIn: null, discharged: March(3, 10, 40)), // no check-in recorded: 100 min from start
            Infusion(March(4, 9), checkedIn: March(4, 8, 45)), // not discharged: left out
            Infusion(March(10, 9), checkedIn: March(10, 8, 30), discharged: March(10, 11, 0)), // 150 and 120 min
            Infusion(March(11, 9), AppointmentStatus.EnteredInError, March(11, 8), March(11, 15)),
        };

        var rows = ClinicReport.MeasureTimeInChair(Range, infusions);

        Assert.Equal((2, "105", "95"), (rows[0].Discharged, ReportFormat.Minutes(rows[0].CheckInToDischarge.Minutes), ReportFormat.Minutes(rows[0].StartToDischarge.Minutes)));
        Assert.Equal((1, "150", "120"), (rows[1].Discharged, ReportFormat.Minutes(rows[1].CheckInToDischarge.Minutes), ReportFormat.Minutes(rows[1].StartToDischarge.Minutes)));
        Assert.Equal((3, "128", "103"), (rows[2].Discharged, ReportFormat.Minutes(rows[2].CheckInToDischarge.Minutes), ReportFormat.Minutes(rows[2].StartToDischarge.Minutes))); // 127.5 → 128; 103.3 → 103
    }

    // ---- tables ----

    [Fact]
    public void Every_table_has_a_full_row_per_week_or_category_and_dashes_where_nothing_was_counted()
    {
        var report = ClinicReport.Build(Range, Now, new ReportData(
            [Booking(AppointmentStatus.Fulfilled, March(2, 9), 100)],
            [Infusion(March(2, 9, 5), checkedIn: March(2, 8, 55), discharged: March(2, 10, 40))],
            [new ReportChair(ChairA, "Chair 1", true)], Weekdays8To18, [], []));

        Assert.Equal(ReportTables.Keys, report.Tables.Select(t => t.Key));
        Assert.All(report.Tables, t => Assert.All(t.Rows, r => Assert.Equal(t.Columns.Count, r.Count)));
        var attendance = report.Tables.Single(t => t.Key == ReportTables.Attendance);
        Assert.Equal(["2026-03-02", "1", "0", "0.0", "1", "0", "0.0"], attendance.Rows[0]);
        Assert.Equal(["2026-03-09", "0", "0", "—", "0", "0", "—"], attendance.Rows[1]);
        var rates = attendance.Chart.Series[0].Values;
        Assert.Equal(new double?[] { 0.0, null }, rates); // a gap, not a zero
        Assert.Equal(["Total", "1"], report.Tables[0].Rows[^1]);
        Assert.False(report.IsEmpty);
    }

    [Fact]
    public void A_range_with_nothing_in_it_is_empty()
    {
        var report = ClinicReport.Build(Range, Now, ReportData.Empty with { Chairs = [new ReportChair(ChairA, "Chair 1", true)], OpeningHours = Weekdays8To18 });

        Assert.True(report.IsEmpty);
        // The chairs were open, so utilisation was measured and is 0 %; no booking was due, so no rate exists.
        Assert.Equal(["Total", "1", "100.0", "0.0", "0.0"], report.Tables.Single(t => t.Key == ReportTables.UtilisationByWeek).Rows[^1]);
        Assert.Equal("—", report.Tables.Single(t => t.Key == ReportTables.Attendance).Rows[^1][3]);
    }
}
