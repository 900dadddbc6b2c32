using System.Security.Claims;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Admin.Availability;
using KetamineClinic.Web.Features.Courses;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

public abstract class StaffAvailabilityTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    private static readonly IReadOnlyList<DayOfWeek> Week =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    [Fact]
    public async Task A_nurse_given_morning_hours_cannot_be_booked_in_the_afternoon()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var mornings = Week.Select(d => new StaffDayHours(d, d is not (DayOfWeek.Saturday or DayOfWeek.Sunday), new TimeOnly(8, 0), new TimeOnly(12, 0))).ToList();

        var saved = await SetHoursAsync(admin, new SetStaffWorkingHours(stage.NurseId, false, mornings));
        var afternoon = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(3, DayOfWeek.Tuesday, 13)));
        var morning = await BookAsync(app, stage.Booker, Infusion(stage, patientId, WeekdayAt(3, DayOfWeek.Tuesday, 9)));

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.False(afternoon.Succeeded);
        var conflict = Assert.Single(afternoon.Conflicts);
        Assert.Equal(ConflictKind.OutsideStaffHours, conflict.Kind);
        Assert.Equal("The nurse is not working for the whole booking.", conflict.Message);
        Assert.True(morning.Succeeded, morning.Message);
        var view = await ForStaffAsync(admin, stage.NurseId);
        Assert.False(view.FollowsClinicHours);
        Assert.Equal(new StaffDayHours(DayOfWeek.Tuesday, true, new TimeOnly(8, 0), new TimeOnly(12, 0)), view.Week.Single(d => d.Day == DayOfWeek.Tuesday));
        Assert.False(view.Week.Single(d => d.Day == DayOfWeek.Saturday).Works);
    }

    [Fact]
    public async Task Going_back_to_clinic_hours_makes_the_nurse_bookable_whenever_the_clinic_is_open()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var mondaysOnly = Week.Select(d => new StaffDayHours(d, d == DayOfWeek.Monday, new TimeOnly(8, 0), new TimeOnly(18, 0))).ToList();
        Assert.True((await SetHoursAsync(admin, new SetStaffWorkingHours(stage.NurseId, false, mondaysOnly))).IsSuccess);
        var onThursday = Infusion(stage, patientId, WeekdayAt(3, DayOfWeek.Thursday, 9));
        Assert.Contains((await BookAsync(app, stage.Booker, onThursday)).Conflicts, c => c.Kind == ConflictKind.OutsideStaffHours);

        var saved = await SetHoursAsync(admin, new SetStaffWorkingHours(stage.NurseId, true, mondaysOnly));
        var booked = await BookAsync(app, stage.Booker, onThursday);

        Assert.True(saved.IsSuccess, saved.Error?.Message);
        Assert.True(booked.Succeeded, booked.Message);
        Assert.True((await ForStaffAsync(admin, stage.NurseId)).FollowsClinicHours);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.False(await db.StaffWorkingHours.AnyAsync(h => h.StaffId == stage.NurseId));
    }

    [Fact]
    public async Task Own_hours_without_a_working_day_or_ending_before_they_start_are_refused_and_nothing_changes()
    {
        var stage = await StageAsync(app);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var none = Week.Select(d => new StaffDayHours(d, false, new TimeOnly(8, 0), new TimeOnly(18, 0))).ToList();
        var backwards = Week.Select(d => new StaffDayHours(d, d == DayOfWeek.Wednesday, new TimeOnly(17, 0), new TimeOnly(9, 0))).ToList();

        var noDay = await SetHoursAsync(admin, new SetStaffWorkingHours(stage.NurseId, false, none));
        var reversed = await SetHoursAsync(admin, new SetStaffWorkingHours(stage.NurseId, false, backwards));

        Assert.Equal(AvailabilityErrors.NoWorkingDay.Message, noDay.Error!.Message);
        Assert.Equal(StaffAvailabilityErrors.HoursOrder(DayOfWeek.Wednesday).Message, reversed.Error!.Message);
        Assert.True((await ForStaffAsync(admin, stage.NurseId)).FollowsClinicHours);
    }

    [Fact]
    public async Task Hours_and_time_off_are_kept_only_for_active_nurses_and_clinicians()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var intake = await app.CreateStaffAsync(StaffRoles.IntakeStaff);
        var day = DateOnly.FromDateTime(WeekdayAt(3, DayOfWeek.Monday, 9));

        var hours = await SetHoursAsync(admin, new SetStaffWorkingHours(intake.Id, false, [new StaffDayHours(DayOfWeek.Monday, true, new TimeOnly(9, 0), new TimeOnly(17, 0))]));
        var away = await AddTimeOffAsync(admin, new AddStaffTimeOff(intake.Id, day, day, "Annual leave"));
        var staff = await ClinicalArrange.WithAsync<AvailabilityAdministration, Result<IReadOnlyList<BookableStaff>>>(app, a => a.StaffAsync(admin));

        Assert.Equal(AvailabilityErrors.NotBookableStaff, hours.Error);
        Assert.Equal(AvailabilityErrors.NotBookableStaff, away.Error);
        Assert.DoesNotContain(staff.Value, s => s.Id == intake.Id);
    }

    [Fact]
    public async Task Time_off_refuses_a_booking_that_day_but_not_the_day_after()
    {
        var stage = await StageAsync(app);
        var (patientId, _) = await PatientWithActiveCourseAsync(app, stage);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var wednesday = WeekdayAt(3, DayOfWeek.Wednesday, 9);

        var added = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, DateOnly.FromDateTime(wednesday), DateOnly.FromDateTime(wednesday), " Training day "));
        var thatDay = await BookAsync(app, stage.Booker, Infusion(stage, patientId, wednesday));
        var dayAfter = await BookAsync(app, stage.Booker, Infusion(stage, patientId, wednesday.AddDays(1)));

        Assert.True(added.IsSuccess, added.Error?.Message);
        Assert.Equal(0, added.Value.BookingsOnThoseDays);
        Assert.False(thatDay.Succeeded);
        var conflict = Assert.Single(thatDay.Conflicts);
        Assert.Equal(ConflictKind.OutsideStaffHours, conflict.Kind);
        Assert.Equal("The nurse has time off that day.", conflict.Message);
        Assert.True(dayAfter.Succeeded, dayAfter.Message);
        var row = Assert.Single((await ForStaffAsync(admin, stage.NurseId)).TimeOff);
        Assert.Equal("Training day", row.Reason);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.Contains(await db.AuditEvents.AsNoTracking().Where(e => e.EntityType == nameof(StaffTimeOff) && e.EntityId == row.Id.ToString()).ToListAsync(),
            e => e.Action == AuditAction.Create && e.UserId == admin.FindFirstValue(ClaimTypes.NameIdentifier));
    }

    [Fact]
    public async Task Time_off_over_a_booking_already_made_says_how_many_need_moving_and_removing_it_frees_the_day()
    {
        var stage = await StageAsync(app);
        var (first, _) = await PatientWithActiveCourseAsync(app, stage);
        var (second, _) = await PatientWithActiveCourseAsync(app, stage);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var friday = WeekdayAt(4, DayOfWeek.Friday, 10);
        Assert.True((await BookAsync(app, stage.Booker, Infusion(stage, first, friday))).Succeeded);

        var added = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, DateOnly.FromDateTime(friday), DateOnly.FromDateTime(friday).AddDays(3), "Annual leave"));
        var overlapping = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, DateOnly.FromDateTime(friday).AddDays(2), DateOnly.FromDateTime(friday).AddDays(5), "More leave"));
        var refused = await BookAsync(app, stage.Booker, Infusion(stage, second, friday.AddHours(3)));
        var removed = await ClinicalArrange.WithAsync<RemoveStaffTimeOffHandler, Result<bool>>(app, h => h.HandleAsync(admin, new RemoveStaffTimeOff(added.Value.TimeOff.Id)));
        var removedAgain = await ClinicalArrange.WithAsync<RemoveStaffTimeOffHandler, Result<bool>>(app, h => h.HandleAsync(admin, new RemoveStaffTimeOff(added.Value.TimeOff.Id)));
        var booked = await BookAsync(app, stage.Booker, Infusion(stage, second, friday.AddHours(3)));

        Assert.Equal(1, added.Value.BookingsOnThoseDays);
        Assert.Equal(AvailabilityErrors.TimeOffOverlaps, overlapping.Error);
        Assert.Contains(refused.Conflicts, c => c.Kind == ConflictKind.OutsideStaffHours);
        Assert.True(removed.IsSuccess);
        Assert.Equal(AvailabilityErrors.TimeOffGone, removedAgain.Error);
        Assert.True(booked.Succeeded, booked.Message);
        Assert.Empty((await ForStaffAsync(admin, stage.NurseId)).TimeOff);
    }

    [Fact]
    public async Task Time_off_ending_before_it_starts_or_without_a_reason_is_refused_with_the_domain_message()
    {
        var stage = await StageAsync(app);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var day = DateOnly.FromDateTime(WeekdayAt(3, DayOfWeek.Monday, 9));

        var backwards = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, day, day.AddDays(-1), "Leave"));
        var noReason = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, day, day, "  "));
        var tooLong = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, day, day.AddDays(400), "Sabbatical"));

        Assert.Equal(StaffAvailabilityErrors.TimeOffOrder.Message, backwards.Error!.Message);
        Assert.Equal(StaffAvailabilityErrors.TimeOffReason.Message, noReason.Error!.Message);
        Assert.Equal(StaffAvailabilityErrors.TimeOffTooLong, tooLong.Error);
        Assert.Empty((await ForStaffAsync(admin, stage.NurseId)).TimeOff);
    }

    [Fact]
    public async Task Nurse_capacity_of_one_refuses_a_second_concurrent_infusion_that_capacity_two_allowed()
    {
        var stage = await StageAsync(app);
        var otherChair = await ChairAsync();
        var patients = new List<Guid>();
        for (var i = 0; i < 4; i++)
        {
            patients.Add((await PatientWithActiveCourseAsync(app, stage)).PatientId);
        }

        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var monday = WeekdayAt(5, DayOfWeek.Monday, 9);
        var tuesday = WeekdayAt(5, DayOfWeek.Tuesday, 9);
        var original = await SettingsAsync(admin);
        Assert.Equal(2, original.NurseCapacity);

        var firstOfTwo = await BookAsync(app, stage.Booker, Infusion(stage, patients[0], monday));
        var secondOfTwo = await BookAsync(app, stage.Booker, Infusion(stage, patients[1], monday.AddMinutes(30), chairId: otherChair));
        var changed = await ChangeSettingsAsync(admin, Command(original) with { NurseCapacity = 1 });
        try
        {
            var firstOfOne = await BookAsync(app, stage.Booker, Infusion(stage, patients[2], tuesday));
            var secondOfOne = await BookAsync(app, stage.Booker, Infusion(stage, patients[3], tuesday.AddMinutes(30), chairId: otherChair));

            Assert.True(firstOfTwo.Succeeded && secondOfTwo.Succeeded, firstOfTwo.Message + secondOfTwo.Message);
            Assert.True(changed.IsSuccess, changed.Error?.Message);
            Assert.True(firstOfOne.Succeeded, firstOfOne.Message);
            Assert.False(secondOfOne.Succeeded);
            Assert.Equal([ConflictKind.NurseCapacity], secondOfOne.Conflicts.Select(c => c.Kind));
            Assert.Contains("capacity 1", secondOfOne.Message, StringComparison.Ordinal);
        }
        finally
        {
            // Tests of this class share the database: put the clinic's capacity back.
            var restored = await ChangeSettingsAsync(admin, Command(await SettingsAsync(admin)) with { NurseCapacity = original.NurseCapacity });
            Assert.True(restored.IsSuccess, restored.Error?.Message);
        }
    }

    [Theory]
    [InlineData(0, 60, 30, 15, 48, 24, "settings.nurse_capacity")]
    [InlineData(7, 60, 30, 15, 48, 24, "settings.nurse_capacity")]
    [InlineData(2, 5, 30, 15, 48, 24, "settings.lengths")]
    [InlineData(2, 60, 241, 15, 48, 24, "settings.lengths")]
    [InlineData(2, 60, 30, 7, 48, 24, "settings.slot")]
    [InlineData(2, 60, 30, 15, 24, 24, "settings.reminders")]
    [InlineData(2, 60, 30, 15, 200, 24, "settings.reminders")]
    public async Task Invalid_scheduling_settings_are_refused_with_the_domain_message_and_nothing_changes(
        int capacity, int consultation, int followUp, int slot, int first, int second, string domainCode)
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var before = await SettingsAsync(admin);

        var result = await ChangeSettingsAsync(admin, new ChangeSchedulingSettings(capacity, consultation, followUp, slot, first, second, before.Version));

        var expected = new[] { StaffAvailabilityErrors.NurseCapacity, StaffAvailabilityErrors.Lengths, StaffAvailabilityErrors.SlotMinutes, StaffAvailabilityErrors.Reminders }
            .Single(e => e.Code == domainCode);
        Assert.False(result.IsSuccess);
        Assert.Equal(expected.Message, result.Error!.Message);
        Assert.Equal(before, await SettingsAsync(admin));
    }

    [Fact]
    public async Task Settings_saved_from_an_old_version_are_refused_so_another_administrators_change_is_not_lost()
    {
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var other = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var seen = await SettingsAsync(admin);

        var theirs = await ChangeSettingsAsync(other, Command(seen) with { ConsultationMinutes = seen.ConsultationMinutes + 15 });
        var mine = await ChangeSettingsAsync(admin, Command(seen) with { FollowUpMinutes = seen.FollowUpMinutes + 5 });

        Assert.True(theirs.IsSuccess, theirs.Error?.Message);
        Assert.Equal(AvailabilityErrors.SettingsChanged, mine.Error);
        var now = await SettingsAsync(admin);
        Assert.Equal(seen.ConsultationMinutes + 15, now.ConsultationMinutes);
        Assert.Equal(seen.FollowUpMinutes, now.FollowUpMinutes);
        Assert.True((await ChangeSettingsAsync(admin, Command(now) with { ConsultationMinutes = seen.ConsultationMinutes })).IsSuccess);
    }

    [Theory]
    [InlineData(StaffRoles.IntakeStaff)]
    [InlineData(StaffRoles.Nurse)]
    [InlineData(StaffRoles.Clinician)]
    public async Task Only_an_administrator_sees_or_changes_staff_availability_and_settings(string role)
    {
        var stage = await StageAsync(app);
        var user = await ClinicalArrange.StaffAsync(app, role);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);
        var settings = await SettingsAsync(admin);
        var day = DateOnly.FromDateTime(WeekdayAt(3, DayOfWeek.Monday, 9));
        var added = await AddTimeOffAsync(admin, new AddStaffTimeOff(stage.NurseId, day, day, "Annual leave"));

        var hours = await SetHoursAsync(user, new SetStaffWorkingHours(stage.NurseId, false, [new StaffDayHours(DayOfWeek.Monday, true, new TimeOnly(9, 0), new TimeOnly(10, 0))]));
        var away = await AddTimeOffAsync(user, new AddStaffTimeOff(stage.NurseId, day.AddDays(1), day.AddDays(1), "Sneaky"));
        var removed = await ClinicalArrange.WithAsync<RemoveStaffTimeOffHandler, Result<bool>>(app, h => h.HandleAsync(user, new RemoveStaffTimeOff(added.Value.TimeOff.Id)));
        var changed = await ChangeSettingsAsync(user, Command(settings) with { NurseCapacity = 6 });
        var read = await ClinicalArrange.WithAsync<AvailabilityAdministration, Result<SchedulingSettingsView>>(app, a => a.SettingsAsync(user));

        Assert.All(new DomainError?[] { hours.Error, away.Error, removed.Error, changed.Error, read.Error }, e => Assert.Equal(AccessErrors.NotAllowed, e));
        var view = await ForStaffAsync(admin, stage.NurseId);
        Assert.True(view.FollowsClinicHours);
        Assert.Equal(added.Value.TimeOff, Assert.Single(view.TimeOff));
        Assert.Equal(settings, await SettingsAsync(admin));
    }

    private static ChangeSchedulingSettings Command(SchedulingSettingsView s) =>
        new(s.NurseCapacity, s.ConsultationMinutes, s.FollowUpMinutes, s.SlotMinutes, s.FirstReminderHours, s.SecondReminderHours, s.Version);

    private Task<Result<bool>> SetHoursAsync(ClaimsPrincipal user, SetStaffWorkingHours command) =>
        ClinicalArrange.WithAsync<SetStaffWorkingHoursHandler, Result<bool>>(app, h => h.HandleAsync(user, command));

    private Task<Result<TimeOffAdded>> AddTimeOffAsync(ClaimsPrincipal user, AddStaffTimeOff command) =>
        ClinicalArrange.WithAsync<AddStaffTimeOffHandler, Result<TimeOffAdded>>(app, h => h.HandleAsync(user, command));

    private Task<Result<SchedulingSettingsView>> ChangeSettingsAsync(ClaimsPrincipal user, ChangeSchedulingSettings command) =>
        ClinicalArrange.WithAsync<ChangeSchedulingSettingsHandler, Result<SchedulingSettingsView>>(app, h => h.HandleAsync(user, command));

    private async Task<SchedulingSettingsView> SettingsAsync(ClaimsPrincipal admin)
    {
        var result = await ClinicalArrange.WithAsync<AvailabilityAdministration, Result<SchedulingSettingsView>>(app, a => a.SettingsAsync(admin));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private async Task<StaffAvailabilityView> ForStaffAsync(ClaimsPrincipal admin, string staffId)
    {
        var result = await ClinicalArrange.WithAsync<AvailabilityAdministration, Result<StaffAvailabilityView>>(app,
            a => a.ForStaffAsync(admin, staffId, DateOnly.FromDateTime(DateTime.UtcNow)));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    private async Task<Guid> ChairAsync()
    {
        await using var db = await app.Factory.CreateDbContextAsync();
        var chair = Chair.Create("Test chair " + Guid.NewGuid().ToString("N")[..8], 99).Value;
        db.Chairs.Add(chair);
        await db.SaveChangesAsync();
        return chair.Id;
    }
}

public sealed class StaffAvailabilityTestsOnSqlite(SqliteApp app) : StaffAvailabilityTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class StaffAvailabilityTestsOnPostgres(PostgresApp app) : StaffAvailabilityTests<PostgresApp>(app), IClassFixture<PostgresApp>;
