using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Scheduling;
using KetamineClinic.Web.Features.Scheduling.Reminders;
using KetamineClinic.Web.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace KetamineClinic.IntegrationTests.Scheduling;

/// <summary>An e-mail found in the pickup folder: which booking and kind it is about, and the message.</summary>
public sealed record PickedUpMail(Guid AppointmentId, ReminderKind Kind, MimeMessage Message);

public static class ReminderArrange
{
    /// <summary>Gives the patient an e-mail address and current medicines, as staff would on the chart.</summary>
    public static async Task<string> GiveContactsAsync(ClinicAppFixture app, Guid patientId, params string[] medicines)
    {
        ArgumentNullException.ThrowIfNull(app);
        var email = $"patient-{Guid.NewGuid():N}@example.test";
        await using var db = await app.Factory.CreateDbContextAsync();
        var p = await db.Patients.Include(x => x.Medications).SingleAsync(x => x.Id == patientId);
        Assert.True(p.Update(new PatientDetails(p.FamilyName, p.GivenName, p.DateOfBirth, p.Sex, Email: email), DateTime.UtcNow).IsSuccess);
        foreach (var medicine in medicines)
        {
            Assert.True(p.AddMedication(medicine, null, null).IsSuccess);
        }

        await db.SaveChangesAsync();
        return email;
    }

    /// <summary>A new reminder service object (as after a restart) whose clock reads <paramref name="now"/>.</summary>
    public static ReminderService NewService(ClinicAppFactory factory, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return ActivatorUtilities.CreateInstance<ReminderService>(factory.Services, new FakeTimeProvider(new DateTimeOffset(DateTime.SpecifyKind(now, DateTimeKind.Utc))));
    }

    public static Task<ReminderPassResult> PassAsync(ClinicAppFixture app, DateTime now) => NewService(app.Factory, now).RunOnceAsync();

    public static IReadOnlyList<PickedUpMail> Mail(ClinicAppFixture app, Guid appointmentId)
    {
        ArgumentNullException.ThrowIfNull(app);
        var folder = app.Factory.Services.GetRequiredService<ClinicMailer>().PickupFolder;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml")
            .Select(path => MimeMessage.Load(path))
            .Select(m => new PickedUpMail(Guid.Parse(m.Headers[ReminderMessages.AppointmentHeader] ?? ""), Enum.Parse<ReminderKind>(m.Headers[ReminderMessages.KindHeader] ?? ""), m))
            .Where(m => m.AppointmentId == appointmentId)
            .ToList();
    }

    public static async Task<Appointment> AppointmentAsync(ClinicAppFixture app, Guid id)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.Appointments.AsNoTracking().SingleAsync(a => a.Id == id);
    }

    public static async Task<List<ReminderDispatch>> DispatchesAsync(ClinicAppFixture app, Guid appointmentId)
    {
        ArgumentNullException.ThrowIfNull(app);
        await using var db = await app.Factory.CreateDbContextAsync();
        return await db.ReminderDispatches.AsNoTracking().Where(d => d.AppointmentId == appointmentId).ToListAsync();
    }

    /// <summary>Books a 09:00 infusion two weeks ahead for a new patient with an e-mail address.</summary>
    public static async Task<(BookingStage Stage, Guid PatientId, Guid AppointmentId)> BookedInfusionAsync(ClinicAppFixture app, DayOfWeek day, params string[] medicines)
    {
        var stage = await SchedulingArrange.StageAsync(app);
        var (patientId, _) = await SchedulingArrange.PatientWithActiveCourseAsync(app, stage);
        await GiveContactsAsync(app, patientId, medicines);
        var booked = await SchedulingArrange.BookAsync(app, stage.Booker, SchedulingArrange.Infusion(stage, patientId, SchedulingArrange.WeekdayAt(2, day, 9)));
        Assert.True(booked.Succeeded, booked.Message);
        return (stage, patientId, booked.AppointmentId!.Value);
    }

    public static Task<TResult> WithBookingAsync<TResult>(ClinicAppFixture app, Func<BookingService, Task<TResult>> call) =>
        ClinicalArrange.WithAsync(app, call);
}
