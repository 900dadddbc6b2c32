using System.Security.Claims;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// Development only: a believable week on the calendar. Starts the courses of six eligible demo patients and books,
/// for the next five open days, their infusion sessions in the morning (on alternate days) and intake consultations
/// and follow-ups in the afternoon, one cancelled by the patient. Every booking goes through <see cref="BookingService"/>
/// as the demo intake account, so the conflict rules hold for demo data too; a refused one is moved to the first
/// alternative offered or left out. Runs only while there are no bookings at all.
/// </summary>
public sealed class DemoBookingSeeder(
    IDbContextFactory<ClinicDbContext> dbFactory,
    BookingService bookings,
    UserManager<StaffUser> users,
    IUserClaimsPrincipalFactory<StaffUser> principals,
    ClinicSettingsProvider settings,
    TimeProvider clock,
    ILogger<DemoBookingSeeder> logger)
{
    private static readonly string[] Infused = ["Schmidt", "Thompson", "Usman", "Varga", "Williams", "Xu"];
    private static readonly string[] Consulted = ["Alvarez", "Bennett", "Chen", "Dubois", "Eriksen", "Fofanah", "García", "Hansen", "Ivanova", "Jackson"];
    private static readonly string[] FollowedUp = ["Evans", "Fischer", "Gupta", "Hughes"];

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.Appointments.AnyAsync(cancellationToken) || !await db.Patients.AnyAsync(cancellationToken))
        {
            return;
        }

        var intake = await users.FindByEmailAsync("intake@demo.clinic");
        var nurse = await users.FindByEmailAsync("nurse@demo.clinic");
        var clinician = await users.FindByEmailAsync("clinician@demo.clinic");
        var chairs = await SchedulingChecks.ActiveChairsAsync(db, cancellationToken);
        if (intake is null || nurse is null || clinician is null || chairs.Count == 0)
        {
            return;
        }

        var user = await principals.CreateAsync(intake);
        var now = clock.GetUtcNow().UtcDateTime;
        var patients = await db.Patients.AsNoTracking().Select(p => new { p.Id, p.FamilyName }).ToDictionaryAsync(p => p.FamilyName, p => p.Id, cancellationToken);
        foreach (var family in Infused)
        {
            var course = await db.TreatmentCourses.Where(c => c.PatientId == patients[family] && c.Status == CourseStatus.Planned).FirstOrDefaultAsync(cancellationToken);
            course?.Activate(now);
        }

        await db.SaveChangesAsync(cancellationToken);

        var clinic = await settings.GetAsync(cancellationToken);
        var hours = await db.ClinicOpeningHours.AsNoTracking().ToListAsync(cancellationToken);
        var closed = await db.ClosedDates.AsNoTracking().Select(d => d.Date).ToListAsync(cancellationToken);
        var day = DateOnly.FromDateTime(clinic.ToClinicTime(now)).AddDays(1);
        var booked = 0;
        for (var n = 0; n < 5; day = day.AddDays(1))
        {
            if (!hours.Any(h => h.Day == day.DayOfWeek) || closed.Contains(day))
            {
                continue;
            }

            // Alternate days, so each patient's sessions keep the protocol's minimum interval; one nurse watches two chairs.
            var group = Infused.Skip(n % 2 * 3).Take(3).ToList();
            for (var i = 0; i < group.Count; i++)
            {
                var at = day.ToDateTime(new TimeOnly(i < 2 ? 8 : 10, 30));
                var chair = chairs[i % chairs.Count];
                booked += await TryBookAsync(user, new BookAppointment(patients[group[i]], AppointmentType.InfusionSession, at, null, chair, nurse.Id, clinician.Id), cancellationToken) ? 1 : 0;
            }

            var consultations = Consulted.Skip(n * 2 % Consulted.Length).Take(2).ToList();
            for (var i = 0; i < consultations.Count; i++)
            {
                var at = day.ToDateTime(new TimeOnly(13 + (i * 2), 0));
                booked += await TryBookAsync(user, new BookAppointment(patients[consultations[i]], AppointmentType.IntakeConsultation, at, null, null, null, clinician.Id), cancellationToken) ? 1 : 0;
            }

            var followUp = FollowedUp[n % FollowedUp.Length];
            booked += await TryBookAsync(user, new BookAppointment(patients[followUp], AppointmentType.FollowUp, day.ToDateTime(new TimeOnly(16, 30)), null, null, null, clinician.Id), cancellationToken) ? 1 : 0;
            n++;
        }

        // One cancellation, so "Show cancelled" and a booking's history have something to show.
        var last = await db.Appointments.AsNoTracking().Where(a => a.Type == AppointmentType.FollowUp).OrderByDescending(a => a.StartUtc).FirstOrDefaultAsync(cancellationToken);
        if (last is not null)
        {
            await bookings.CancelAsync(user, new CancelAppointment(last.Id, last.Version, CancellationReason.Patient, "Called to say they are travelling that week."), cancellationToken);
        }

        logger.LogInformation("Seeded {Count} Development demo bookings", booked);
    }

    private async Task<bool> TryBookAsync(ClaimsPrincipal user, BookAppointment command, CancellationToken cancellationToken)
    {
        var outcome = await bookings.BookAsync(user, command, cancellationToken);
        if (outcome.Succeeded)
        {
            return true;
        }

        if (outcome.Alternatives.FirstOrDefault() is not { } alternative)
        {
            return false;
        }

        var zone = (await settings.GetAsync(cancellationToken)).TimeZone;
        var local = ClinicTime.ToLocal(alternative.StartUtc, zone);
        var retried = await bookings.BookAsync(user, command with { LocalStart = local, ChairId = command.ChairId is null ? null : alternative.ChairId ?? command.ChairId }, cancellationToken);
        return retried.Succeeded;
    }
}
