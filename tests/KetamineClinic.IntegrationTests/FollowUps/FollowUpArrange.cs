using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.IntegrationTests.Scheduling;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.FollowUps;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.FollowUps;

/// <summary>A course whose sessions took place on past days, as the follow-up tests need it.</summary>
public sealed record FinishedCourseCase(BookingStage Stage, Guid PatientId, Guid CourseId, DateTime LastSessionLocal, TimeZoneInfo Zone)
{
    public DateOnly LastSessionDate => DateOnly.FromDateTime(LastSessionLocal);
}

public static class FollowUpArrange
{
    /// <summary>
    /// A patient with an active course of <paramref name="planned"/> sessions (planned and started by the stage's
    /// clinician through the handlers), of which <paramref name="fulfilled"/> were given on past days at 09:00 clinic
    /// time, three days apart, the last <paramref name="lastDaysAgo"/> days ago, in the stage's chair. Past sessions
    /// cannot be booked or run now, so they are arranged with the booking's own domain methods at the times they
    /// happened (booked a week before, checked in, started, fulfilled).
    /// </summary>
    public static async Task<FinishedCourseCase> FinishedCourseAsync(ClinicAppFixture app, int planned = 2, int fulfilled = 2, int lastDaysAgo = 3)
    {
        ArgumentNullException.ThrowIfNull(app);
        var stage = await SchedulingArrange.StageAsync(app);
        var (patientId, courseId) = await SchedulingArrange.PatientWithActiveCourseAsync(app, stage, planned);
        var zone = (await app.Factory.Services.GetRequiredService<ClinicSettingsProvider>().GetAsync()).TimeZone;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.UtcNow, zone));
        var last = today.AddDays(-lastDaysAgo).ToDateTime(new TimeOnly(9, 0));
        var actor = new Actor("arrange", "Test Arrange");
        await using var db = await app.Factory.CreateDbContextAsync();
        for (var i = fulfilled - 1; i >= 0; i--)
        {
            var start = SeriesRule.ToUtc(last.AddDays(-3 * i), zone);
            var booked = Appointment.Book(patientId, AppointmentType.InfusionSession, new BookingPlace(start, start.AddMinutes(100), stage.ChairId, stage.NurseId, stage.ClinicianId),
                courseId, null, null, actor, start.AddDays(-7));
            Assert.True(booked.IsSuccess, booked.Error?.Message);
            var appointment = booked.Value;
            Ok(appointment.ChangeStatus(AppointmentStatus.Arrived, null, actor, start));
            Ok(appointment.ChangeStatus(AppointmentStatus.InProgress, null, actor, start.AddMinutes(10)));
            Ok(appointment.ChangeStatus(AppointmentStatus.Fulfilled, null, actor, start.AddMinutes(110)));
            db.Appointments.Add(appointment);
        }

        await db.SaveChangesAsync();
        return new FinishedCourseCase(stage, patientId, courseId, last, zone);
    }

    /// <summary>The follow-ups list as <paramref name="user"/> sees it, only the rows of <paramref name="courseId"/>.</summary>
    public static async Task<List<FollowUpToBook>> RowsAsync(ClinicAppFixture app, ClaimsPrincipal user, Guid courseId)
    {
        var list = await ClinicalArrange.WithAsync<ListFollowUpsHandler, Result<FollowUpList>>(app, h => h.HandleAsync(user));
        Assert.True(list.IsSuccess, list.Error?.Message);
        return [.. list.Value.Rows.Where(r => r.CourseId == courseId)];
    }

    private static void Ok<T>(Result<T> result) => Assert.True(result.IsSuccess, result.Error?.Message);
}
