using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Sessions;

/// <summary>The chart's Sessions tab lists the patient's infusions newest first with their session numbers.</summary>
public abstract class PatientSessionsListTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task The_patients_infusions_are_listed_newest_first_and_a_cancelled_one_takes_no_number()
    {
        var stage = await StageAsync(app);
        var (patient, _) = await PatientWithActiveCourseAsync(app, stage);
        var monday = WeekdayAt(8, DayOfWeek.Monday, 9);
        var first = await BookAsync(app, stage.Booker, Infusion(stage, patient, monday));
        var cancelled = await BookAsync(app, stage.Booker, Infusion(stage, patient, monday.AddDays(2)));
        var third = await BookAsync(app, stage.Booker, Infusion(stage, patient, monday.AddDays(4)));
        await using (var db = await app.Factory.CreateDbContextAsync())
        {
            var version = await db.Appointments.Where(a => a.Id == cancelled.AppointmentId).Select(a => a.Version).SingleAsync();
            var result = await ClinicalArrange.WithAsync<BookingService, Result<Guid>>(app,
                s => s.CancelAsync(stage.Booker, new CancelAppointment(cancelled.AppointmentId!.Value, version, CancellationReason.Patient, null)));
            Assert.True(result.IsSuccess, result.Error?.Message);
        }

        var rows = await ClinicalArrange.WithAsync<ListPatientSessionsHandler, Result<IReadOnlyList<PatientSessionRow>>>(app, h => h.HandleAsync(stage.Booker, patient));

        Assert.Equal([third.AppointmentId!.Value, cancelled.AppointmentId!.Value, first.AppointmentId!.Value], rows.Value.Select(r => r.AppointmentId));
        Assert.Equal([new SessionNumber(2, 6), (SessionNumber?)null, new SessionNumber(1, 6)], rows.Value.Select(r => r.Number));
        Assert.All(rows.Value, r => Assert.Null(r.Phase));
    }

    [Fact]
    public async Task An_administrator_is_refused_the_list()
    {
        var patient = await ClinicalArrange.PatientDecidedAsync(app);
        var admin = await ClinicalArrange.StaffAsync(app, StaffRoles.Administrator);

        var rows = await ClinicalArrange.WithAsync<ListPatientSessionsHandler, Result<IReadOnlyList<PatientSessionRow>>>(app, h => h.HandleAsync(admin, patient));

        Assert.Equal("access.not_allowed", rows.Error?.Code);
    }
}

public sealed class PatientSessionsListTestsOnSqlite(SqliteApp app) : PatientSessionsListTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PatientSessionsListTestsOnPostgres(PostgresApp app) : PatientSessionsListTests<PostgresApp>(app), IClassFixture<PostgresApp>;
