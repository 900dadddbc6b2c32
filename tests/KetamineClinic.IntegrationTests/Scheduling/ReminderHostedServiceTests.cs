using KetamineClinic.Domain.Scheduling;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Infrastructure.Persistence;
using static KetamineClinic.IntegrationTests.Scheduling.ReminderArrange;
using static KetamineClinic.IntegrationTests.Scheduling.SchedulingArrange;

namespace KetamineClinic.IntegrationTests.Scheduling;

/// <summary>The reminder service running as the app's hosted service (enabled here; off elsewhere in Testing).</summary>
public abstract class ReminderHostedServiceTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task The_running_app_sends_a_new_booking_its_confirmation_once()
    {
        var stage = await StageAsync(app);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        await GiveContactsAsync(app, patientId);
        var booked = await BookAsync(app, stage.Booker, Consultation(stage, patientId, WeekdayAt(2, DayOfWeek.Tuesday, 10)));
        var appointmentId = booked.AppointmentId!.Value;

        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (Mail(app, appointmentId).Count == 0 && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(200);
        }

        // Several more passes (one a second) must not send it again.
        await Task.Delay(TimeSpan.FromSeconds(3));
        var mail = Assert.Single(Mail(app, appointmentId));
        Assert.Equal(ReminderKind.Confirmation, mail.Kind);
        Assert.DoesNotContain("No solid food", mail.Message.TextBody ?? "", StringComparison.Ordinal);
        var dispatch = Assert.Single(await DispatchesAsync(app, appointmentId));
        Assert.NotNull(dispatch.SentUtc);
    }
}

public sealed class RemindersRunningOnSqlite : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Reminders:Enabled"] = "true", ["Reminders:IntervalSeconds"] = "1" };
}

public sealed class RemindersRunningOnPostgres : ClinicAppFixture
{
    protected override DatabaseProvider Provider => DatabaseProvider.Postgres;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Reminders:Enabled"] = "true", ["Reminders:IntervalSeconds"] = "1" };
}

public sealed class ReminderHostedServiceTestsOnSqlite(RemindersRunningOnSqlite app) : ReminderHostedServiceTests<RemindersRunningOnSqlite>(app), IClassFixture<RemindersRunningOnSqlite>;

public sealed class ReminderHostedServiceTestsOnPostgres(RemindersRunningOnPostgres app) : ReminderHostedServiceTests<RemindersRunningOnPostgres>(app), IClassFixture<RemindersRunningOnPostgres>;
