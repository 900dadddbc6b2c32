using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

public abstract class SeriesBookingTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly DayOfWeek[] MondayThursday = [DayOfWeek.Monday, DayOfWeek.Thursday];

    [Fact]
    public async Task Preview_of_six_twice_weekly_sessions_shows_only_the_clashing_one_with_free_alternatives()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var (otherPatient, _) = await PatientWithActiveCourseAsync(app, stage);
        var first = WeekdayAt(3, DayOfWeek.Monday, 9);
        var clash = await BookAsync(app, stage.Booker, Infusion(stage, otherPatient, first.AddDays(7)));
        Assert.True(clash.Succeeded, clash.Message);

        var preview = await PreviewAsync(stage.Booker, TwiceWeekly(stage, patientId, first));

        Assert.True(preview.IsSuccess, preview.Error?.Message);
        var items = preview.Value.Items;
        Assert.Equal(6, items.Count);
        Assert.Equal(
            [first, first.AddDays(3), first.AddDays(7), first.AddDays(10), first.AddDays(14), first.AddDays(17)],
            items.Select(i => i.Occurrence.LocalStart));
        Assert.Equal([1, 2, 3, 4, 5, 6], items.Select(i => i.Session.N));
        var conflict = Assert.Single(items, i => !i.IsClear);
        Assert.Equal(3, conflict.Row);
        var reason = Assert.Single(conflict.Conflicts);
        Assert.Equal(ConflictKind.Chair, reason.Kind);
        Assert.Equal(clash.AppointmentId, reason.WithBookingId);
        Assert.InRange(conflict.Alternatives.Count, 1, SeriesBookingService.AlternativesPerOccurrence);
        var taken = (Start: first.AddDays(7), End: first.AddDays(7).AddMinutes(preview.Value.Minutes));
        Assert.All(conflict.Alternatives, a => Assert.True(
            a.ChairId != stage.ChairId || a.LocalStart >= taken.End || a.LocalEnd <= taken.Start, "An alternative takes the booked chair."));
        Assert.All(items.Where(i => i.IsClear), i => Assert.Empty(i.Alternatives));
        Assert.Equal(0, await CountAsync(patientId));
    }

    [Fact]
    public async Task Booking_a_series_with_one_conflict_saves_nothing_and_names_the_conflicting_session()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var (otherPatient, _) = await PatientWithActiveCourseAsync(app, stage);
        var first = WeekdayAt(3, DayOfWeek.Monday, 10);
        var occurrences = Enumerable.Range(0, 6).Select(w => Occurrence(stage, first.AddDays(w % 2 == 0 ? w / 2 * 7 : (w / 2 * 7) + 3))).ToList();
        var clash = await BookAsync(app, stage.Booker, Infusion(stage, otherPatient, occurrences[3].LocalStart.AddMinutes(30)));
        Assert.True(clash.Succeeded, clash.Message);

        var outcome = await BookSeriesAsync(stage.Booker, new BookSeries(patientId, null, occurrences));

        Assert.False(outcome.Succeeded);
        Assert.Equal("series.conflicts", outcome.Error!.Code);
        var preview = Assert.IsType<SeriesPreview>(outcome.Preview);
        var refused = Assert.Single(preview.Items, i => !i.IsClear);
        Assert.Equal(4, refused.Row);
        Assert.Contains(refused.Conflicts, c => c.Kind == ConflictKind.Chair && c.WithBookingId == clash.AppointmentId);
        Assert.NotEmpty(refused.Alternatives);
        Assert.Equal(0, await CountAsync(patientId));
    }

    [Fact]
    public async Task A_clean_series_books_all_six_under_one_series_id_numbered_one_to_six_of_the_plan()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);

        var ids = await BookCleanSeriesAsync(stage, patientId, WeekdayAt(3, DayOfWeek.Monday, 13));

        await using var db = await app.Factory.CreateDbContextAsync();
        var saved = await db.Appointments.Include(a => a.History).AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync();
        Assert.Equal(6, saved.Count);
        Assert.Equal(ids.Order(), saved.Select(a => a.Id).Order());
        var seriesId = Assert.Single(saved.Select(a => a.SeriesId).Distinct());
        Assert.NotNull(seriesId);
        Assert.All(saved, a =>
        {
            Assert.Equal(AppointmentType.InfusionSession, a.Type);
            Assert.Equal(courseId, a.CourseId);
            Assert.Equal(stage.ChairId, a.ChairId);
            var created = Assert.Single(a.History);
            Assert.Equal("Test IntakeStaff", created.ByName);
            Assert.Equal("Booked as part of a series.", created.Detail);
        });
        var numbers = await SessionNumbering.ForCoursesAsync(db, [courseId], TestContext.Current.CancellationToken);
        Assert.Equal(
            new SessionNumber[] { new(1, 6), new(2, 6), new(3, 6), new(4, 6), new(5, 6), new(6, 6) },
            saved.OrderBy(a => a.StartUtc).Select(a => numbers[a.Id]));
    }

    [Fact]
    public async Task Cancelling_session_two_renumbers_the_later_ones_and_moving_one_leaves_the_others_where_they_were()
    {
        var stage = await StageAsync(app);
        var (patientId, courseId) = await PatientWithActiveCourseAsync(app, stage);
        var first = WeekdayAt(3, DayOfWeek.Monday, 9);
        await BookCleanSeriesAsync(stage, patientId, first);
        var before = await AppointmentsAsync(patientId);

        var second = before[1];
        var cancelled = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.CancelAsync(stage.Booker, new CancelAppointment(second.Id, second.Version, CancellationReason.Patient, "Unwell")));
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);
        var afterCancel = await NumbersAsync(courseId);
        var fourth = before[3];
        var moved = await ClinicalArrange.WithAsync<BookingService, BookingOutcome>(app, s => s.MoveAsync(stage.Booker,
            new MoveAppointment(fourth.Id, fourth.Version, first.AddDays(21), null, stage.ChairId, stage.NurseId, stage.ClinicianId, "Patient away that week")));
        var after = await AppointmentsAsync(patientId);
        var afterMove = await NumbersAsync(courseId);

        Assert.Equal(new SessionNumber[] { new(1, 6), new(2, 6), new(3, 6), new(4, 6), new(5, 6) }, new[] { 0, 2, 3, 4, 5 }.Select(i => afterCancel[before[i].Id]));
        Assert.False(afterCancel.ContainsKey(second.Id));
        Assert.True(moved.Succeeded, moved.Message);
        Assert.Equal(before.Where(a => a.Id != fourth.Id).Select(a => (a.Id, a.StartUtc)), after.Where(a => a.Id != fourth.Id).Select(a => (a.Id, a.StartUtc)));
        Assert.Equal(before[0].SeriesId, after.Single(a => a.Id == fourth.Id).SeriesId);
        Assert.Equal(new SessionNumber(5, 6), afterMove[fourth.Id]);
        Assert.Equal(new SessionNumber(4, 6), afterMove[before[5].Id]);
        Assert.Equal(new SessionNumber(3, 6), afterMove[before[4].Id]);
    }

    [Fact]
    public async Task The_session_left_after_a_cancellation_is_what_the_next_preview_offers()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var first = WeekdayAt(3, DayOfWeek.Monday, 11);
        await BookCleanSeriesAsync(stage, patientId, first);
        var third = (await AppointmentsAsync(patientId))[2];
        var cancelled = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
            s => s.CancelAsync(stage.Booker, new CancelAppointment(third.Id, third.Version, CancellationReason.Clinic, null)));
        Assert.True(cancelled.IsSuccess, cancelled.Error?.Message);

        var setup = await ClinicalArrange.WithAsync<SeriesBookingService, Result<SeriesSetup>>(app, s => s.SetupAsync(stage.Booker, patientId, null));
        var preview = await PreviewAsync(stage.Booker, TwiceWeekly(stage, patientId, first.AddDays(28)));
        var tooMany = await PreviewAsync(stage.Booker, TwiceWeekly(stage, patientId, first.AddDays(28)) with { Count = 2 });

        Assert.True(setup.IsSuccess, setup.Error?.Message);
        Assert.Equal((6, 5, 1), (setup.Value.PlannedSessions, setup.Value.AlreadyBooked, setup.Value.Remaining));
        Assert.True(preview.IsSuccess, preview.Error?.Message);
        var only = Assert.Single(preview.Value.Items);
        Assert.Equal(new SessionNumber(6, 6), only.Session);
        Assert.Equal("series.too_many", tooMany.Error?.Code);
    }

    [Fact]
    public async Task Sessions_of_one_series_closer_than_the_minimum_interval_or_in_one_chair_at_once_conflict_with_each_other()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var day = WeekdayAt(3, DayOfWeek.Tuesday, 9);
        var sameDay = new BookSeries(patientId, null, [Occurrence(stage, day), Occurrence(stage, day.AddHours(7)), Occurrence(stage, day.AddDays(2))]);
        var overlapping = new BookSeries(patientId, null, [Occurrence(stage, day), Occurrence(stage, day.AddMinutes(30))]);

        var checkedSameDay = await ClinicalArrange.WithAsync<SeriesBookingService, Result<SeriesPreview>>(app, s => s.CheckAsync(stage.Booker, sameDay));
        var checkedOverlap = await ClinicalArrange.WithAsync<SeriesBookingService, Result<SeriesPreview>>(app, s => s.CheckAsync(stage.Booker, overlapping));
        var booked = await BookSeriesAsync(stage.Booker, sameDay);

        Assert.True(checkedSameDay.IsSuccess, checkedSameDay.Error?.Message);
        Assert.Equal(
            new ConflictKind[][] { [ConflictKind.MinimumInterval], [ConflictKind.MinimumInterval], [] },
            checkedSameDay.Value.Items.Select(i => i.Conflicts.Select(c => c.Kind).ToArray()));
        Assert.All(checkedSameDay.Value.Items.Take(2), i => Assert.EndsWith("That is another session of this series.", i.Conflicts[0].Message, StringComparison.Ordinal));
        Assert.All(checkedOverlap.Value.Items, i => Assert.Equal([ConflictKind.Chair, ConflictKind.Patient], i.Conflicts.Select(c => c.Kind).Order()));
        Assert.False(booked.Succeeded);
        Assert.Equal(0, await CountAsync(patientId));
    }

    [Fact]
    public async Task A_nurse_cannot_book_a_series()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        var outcome = await BookSeriesAsync(nurse, new BookSeries(patientId, null, [Occurrence(stage, WeekdayAt(3, DayOfWeek.Friday, 9))]));

        Assert.Equal(AccessErrors.NotAllowed, outcome.Error);
        Assert.Equal(0, await CountAsync(patientId));
    }

    private static PreviewSeries TwiceWeekly(BookingStage stage, Guid patientId, DateTime first) =>
        new(patientId, null, DateOnly.FromDateTime(first), TimeOnly.FromDateTime(first), MondayThursday, null, null, stage.ChairId, stage.NurseId, stage.ClinicianId);

    private static SeriesOccurrence Occurrence(BookingStage stage, DateTime localStart) =>
        new(localStart, stage.ChairId, stage.NurseId, stage.ClinicianId);

    private Task<Result<SeriesPreview>> PreviewAsync(ClaimsPrincipal user, PreviewSeries command) =>
        ClinicalArrange.WithAsync<SeriesBookingService, Result<SeriesPreview>>(app, s => s.PreviewAsync(user, command));

    private Task<SeriesOutcome> BookSeriesAsync(ClaimsPrincipal user, BookSeries command) =>
        ClinicalArrange.WithAsync<SeriesBookingService, SeriesOutcome>(app, s => s.BookAsync(user, command));

    /// <summary>Previews six Monday/Thursday sessions from <paramref name="first"/>, checks the preview is clean, and
    /// books exactly what it showed.</summary>
    private async Task<IReadOnlyList<Guid>> BookCleanSeriesAsync(BookingStage stage, Guid patientId, DateTime first)
    {
        var preview = await PreviewAsync(stage.Booker, TwiceWeekly(stage, patientId, first));
        Assert.True(preview.IsSuccess, preview.Error?.Message);
        Assert.True(preview.Value.IsClean, string.Join(" ", preview.Value.Items.SelectMany(i => i.Conflicts).Select(c => c.Message)));
        var outcome = await BookSeriesAsync(stage.Booker, new BookSeries(patientId, null, [.. preview.Value.Items.Select(i => i.Occurrence)]));
        Assert.True(outcome.Succeeded, outcome.Error?.Message);
        Assert.Equal(6, outcome.AppointmentIds.Count);
        return outcome.AppointmentIds;
    }

    private async Task<List<Appointment>> AppointmentsAsync(Guid patientId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return (await db.Appointments.AsNoTracking().Where(a => a.PatientId == patientId).ToListAsync()).OrderBy(a => a.StartUtc).ToList();
    }

    private async Task<IReadOnlyDictionary<Guid, SessionNumber>> NumbersAsync(Guid courseId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await SessionNumbering.ForCoursesAsync(db, [courseId], TestContext.Current.CancellationToken);
    }

    private async Task<int> CountAsync(Guid patientId)
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Appointments.CountAsync(a => a.PatientId == patientId);
    }
}

public sealed class SeriesBookingTestsOnSqlite(SqliteApp app) : SeriesBookingTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class SeriesBookingTestsOnPostgres(PostgresApp app) : SeriesBookingTests<PostgresApp>(app), IClassFixture<PostgresApp>;
