using KetamineClinic.Domain.Alerts;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Patients;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.IntegrationTests.Patients;

/// <summary>A clinical alert on the chart (e.g. a positive PHQ-9 item 9) stays until a nurse or clinician acknowledges
/// it with the action taken.</summary>
public abstract class PatientAlertTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task A_clinician_acknowledges_an_alert_with_the_action_and_it_leaves_the_charts_open_alerts()
    {
        var (patientId, alertId) = await PatientWithAlertAsync();
        var clinician = await ClinicalArrange.StaffAsync(app, StaffRoles.Clinician);

        var acknowledged = await AcknowledgeAsync(clinician, patientId, alertId, "Risk assessed: no plan or intent; safety plan given");
        var chart = await ClinicalArrange.WithAsync<GetPatientChartHandler, Result<PatientChart>>(app, h => h.HandleAsync(clinician, new GetPatientChart(patientId)));

        Assert.True(acknowledged.IsSuccess, acknowledged.Error?.Message);
        Assert.Empty(chart.Value.OpenAlerts);
        await using var db = await app.Factory.CreateDbContextAsync();
        var saved = await db.PatientAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId);
        Assert.Equal("Risk assessed: no plan or intent; safety plan given", saved.ActionTaken);
        Assert.Equal("Test Clinician", saved.AcknowledgedBy);
        Assert.NotNull(saved.AcknowledgedUtc);
    }

    [Fact]
    public async Task Intake_staff_cannot_acknowledge_an_alert_and_the_refusal_is_audited()
    {
        var (patientId, alertId) = await PatientWithAlertAsync();
        var intake = await ClinicalArrange.StaffAsync(app, StaffRoles.IntakeStaff);

        var refused = await AcknowledgeAsync(intake, patientId, alertId, "Seen");

        Assert.Equal("access.not_allowed", refused.Error?.Code);
        await using var db = await app.Factory.CreateDbContextAsync();
        Assert.True((await db.PatientAlerts.AsNoTracking().SingleAsync(a => a.Id == alertId)).IsOpen);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PatientId == patientId.ToString() && e.Action == AuditAction.Denied && e.EntityType == nameof(PatientAlert)));
    }

    [Fact]
    public async Task An_alert_needs_the_action_taken_and_is_acknowledged_once()
    {
        var (patientId, alertId) = await PatientWithAlertAsync();
        var nurse = await ClinicalArrange.StaffAsync(app, StaffRoles.Nurse);

        var empty = await AcknowledgeAsync(nurse, patientId, alertId, "  ");
        var first = await AcknowledgeAsync(nurse, patientId, alertId, "Clinician informed");
        var second = await AcknowledgeAsync(nurse, patientId, alertId, "Again");

        Assert.Equal("Say what was done about the alert.", empty.Error?.Message);
        Assert.True(first.IsSuccess, first.Error?.Message);
        Assert.Equal("alert.acknowledged", second.Error?.Code);
    }

    private Task<Result<PatientAlert>> AcknowledgeAsync(System.Security.Claims.ClaimsPrincipal user, Guid patientId, Guid alertId, string action) =>
        ClinicalArrange.WithAsync<AcknowledgePatientAlertHandler, Result<PatientAlert>>(app, h => h.HandleAsync(user, new AcknowledgePatientAlert(patientId, alertId, action)));

    private async Task<(Guid PatientId, Guid AlertId)> PatientWithAlertAsync()
    {
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        await using var db = await app.Factory.CreateDbContextAsync();
        var alert = PatientAlert.Raise(patientId, "phq9.item9", "PHQ-9 item 9 answered above 0: assess suicide risk.", null, DateTime.UtcNow);
        db.PatientAlerts.Add(alert);
        await db.SaveChangesAsync();
        return (patientId, alert.Id);
    }
}

public sealed class PatientAlertTestsOnSqlite(SqliteApp app) : PatientAlertTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class PatientAlertTestsOnPostgres(PostgresApp app) : PatientAlertTests<PostgresApp>(app), IClassFixture<PostgresApp>;
