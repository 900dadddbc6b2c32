using System.Security.Claims;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;

namespace KetamineClinic.IntegrationTests.Scheduling;

/// <summary>People and places for booking tests. Each test gets its own chair, nurse and clinician, so tests sharing a
/// fixture's database never meet each other's bookings.</summary>
public sealed record BookingStage(ClaimsPrincipal Booker, ClaimsPrincipal Clinician, string ClinicianId, string NurseId, Guid ChairId);

public static class SchedulingArrange
{
    public static async Task<BookingStage> StageAsync(ClinicAppFixture app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var booker = await ClinicalArrange.StaffAsync(app, StaffRoles.IntakeStaff);
        var clinicianUser = await app.CreateStaffAsync(StaffRoles.Clinician);
        var clinician = await Identity.IdentityFlows.PrincipalForAsync(app, clinicianUser.Id);
        var nurse = await app.CreateStaffAsync(StaffRoles.Nurse);
        await using var db = await app.Factory.CreateDbContextAsync();
        var chair = Chair.Create("Test chair " + Guid.NewGuid().ToString("N")[..8], 99).Value;
        db.Chairs.Add(chair);
        await db.SaveChangesAsync();
        return new BookingStage(booker, clinician, clinicianUser.Id, nurse.Id, chair.Id);
    }

    /// <summary>An eligible patient with an active depression course (of <paramref name="plannedSessions"/> sessions)
    /// planned and started by the stage's clinician.</summary>
    public static async Task<(Guid PatientId, Guid CourseId)> PatientWithActiveCourseAsync(ClinicAppFixture app, BookingStage stage, int plannedSessions = 6)
    {
        ArgumentNullException.ThrowIfNull(stage);
        var patientId = await ClinicalArrange.PatientDecidedAsync(app);
        var protocol = await ClinicalArrange.CurrentProtocolAsync(app, Indication.TreatmentResistantDepression);
        var plan = ClinicalArrange.Plan(patientId, protocol.Id) with { PlannedSessions = plannedSessions, ReviewAfterInfusions = Math.Min(4, plannedSessions) };
        var planned = await ClinicalArrange.WithAsync<PlanTreatmentCourseHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(stage.Clinician, plan));
        Assert.True(planned.IsSuccess, planned.Error?.Message);
        var started = await ClinicalArrange.WithAsync<ChangeCourseStatusHandler, KetamineClinic.Domain.Common.Result<CourseView>>(
            app, h => h.HandleAsync(stage.Clinician, new ChangeCourseStatus(planned.Value.Id, CourseStatusChange.Activate, null, planned.Value.Version)));
        Assert.True(started.IsSuccess, started.Error?.Message);
        return (patientId, planned.Value.Id);
    }

    /// <summary>A weekday at least <paramref name="weeksAhead"/> weeks ahead (clinic local date), inside default hours.</summary>
    public static DateTime WeekdayAt(int weeksAhead, DayOfWeek day, int hour, int minute = 0)
    {
        var date = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7 * weeksAhead);
        while (date.DayOfWeek != day)
        {
            date = date.AddDays(1);
        }

        return date.ToDateTime(new TimeOnly(hour, minute));
    }

    public static BookAppointment Infusion(BookingStage stage, Guid patientId, DateTime localStart, Guid? chairId = null, string? nurseId = null) =>
        new(patientId, AppointmentType.InfusionSession, localStart, null, chairId ?? stage.ChairId, nurseId ?? stage.NurseId, stage.ClinicianId);

    public static BookAppointment Consultation(BookingStage stage, Guid patientId, DateTime localStart) =>
        new(patientId, AppointmentType.IntakeConsultation, localStart, null, null, null, stage.ClinicianId);

    public static Task<BookingOutcome> BookAsync(ClinicAppFixture app, ClaimsPrincipal user, BookAppointment command) =>
        ClinicalArrange.WithAsync<BookingService, BookingOutcome>(app, s => s.BookAsync(user, command));

    /// <summary>A booking in a past week, made through the domain as if booked the day before (the booking service refuses
    /// the past; reports need past weeks). Infusions and boosters take the stage's chair and nurse.</summary>
    public static async Task<Guid> BookedInThePastAsync(
        ClinicAppFixture app, BookingStage stage, Guid patientId, Guid? courseId, AppointmentType type, DateTime startUtc, int minutes)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(stage);
        var inChair = type is AppointmentType.InfusionSession or AppointmentType.Booster;
        var booked = Appointment.Book(patientId, type,
            new BookingPlace(startUtc, startUtc.AddMinutes(minutes), inChair ? stage.ChairId : null, inChair ? stage.NurseId : null, stage.ClinicianId),
            courseId, null, null, new Actor("test-booker", "Test Booker"), startUtc.AddDays(-1));
        Assert.True(booked.IsSuccess, booked.Error?.Message);
        await using var db = await app.Factory.CreateDbContextAsync();
        db.Appointments.Add(booked.Value);
        await db.SaveChangesAsync();
        return booked.Value.Id;
    }

    /// <summary>A protocol's chair time: infusion plus observation.</summary>
    public static int ChairMinutes(Protocol protocol)
    {
        ArgumentNullException.ThrowIfNull(protocol);
        return protocol.Settings.InfusionMinutes + protocol.Settings.ObservationMinutes;
    }
}
