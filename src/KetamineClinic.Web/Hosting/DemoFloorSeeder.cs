using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Courses;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Hosting;

/// <summary>
/// Development only: a live infusion floor whenever the app starts. Books three infusions for today around the time
/// of start-up, for demo patients with an active course and no other booking within a day, in chairs free at those
/// times, and runs their sessions through the <see cref="InfusionSession"/> domain methods with a plausible clock:
/// one checked in with a high baseline (waiting for the clinician's order and go-ahead), one infusing with a missed
/// reading (overdue on the board), one in observation. The bookings are made with <see cref="Appointment.Book"/>
/// directly rather than through the booking service, because its opening-hours check would refuse them when the app
/// starts at night or at the weekend; the conflict rules for chair and patient are kept here by choosing free ones.
/// Runs only while no infusion is booked today, so restarting the same day changes nothing.
/// </summary>
public sealed class DemoFloorSeeder(
    IDbContextFactory<ClinicDbContext> dbFactory,
    UserManager<StaffUser> users,
    ClinicSettingsProvider settings,
    TimeProvider clock,
    ILogger<DemoFloorSeeder> logger)
{
    private static readonly string[] Candidates = ["Varga", "Williams", "Xu", "Schmidt", "Thompson", "Usman"];

    private static readonly VitalsInput Calm = new(124, 78, 74, 97, 14);

    /// <summary>How far each demo session got by the time the app started.</summary>
    private enum Stage
    {
        WaitingForOrder,
        InfusingWithMissedReading,
        Observing,
    }

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var clinic = await settings.GetAsync(cancellationToken);
        var today = DateOnly.FromDateTime(clinic.ToClinicTime(now));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var (fromUtc, toUtc) = Features.Calendar.CalendarQuery.Bounds(today, 1, clinic.TimeZone);
        if (await db.Appointments.AnyAsync(a => a.StartUtc >= fromUtc.AddDays(-1) && a.StartUtc < toUtc && a.EndUtc > fromUtc
                && (a.Type == AppointmentType.InfusionSession || a.Type == AppointmentType.Booster)
                && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError, cancellationToken))
        {
            return;
        }

        var intake = await users.FindByEmailAsync("intake@demo.clinic");
        var nurseUser = await users.FindByEmailAsync("nurse@demo.clinic");
        var clinicianUser = await users.FindByEmailAsync("clinician@demo.clinic");
        if (intake is null || nurseUser is null || clinicianUser is null)
        {
            return;
        }

        var booker = new Actor(intake.Id, intake.DisplayName);
        var nurse = new SessionActor(nurseUser.Id, nurseUser.DisplayName, IsClinician: false);
        var clinician = new SessionActor(clinicianUser.Id, clinicianUser.DisplayName, IsClinician: true);
        var courses = await (from c in db.TreatmentCourses.AsNoTracking()
                             join p in db.Patients.AsNoTracking() on c.PatientId equals p.Id
                             where c.Status == CourseStatus.Active && Candidates.Contains(p.FamilyName)
                             select new { c.Id, c.PatientId, c.ProtocolId, p.FamilyName }).ToListAsync(cancellationToken);
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).Select(c => c.Id).ToListAsync(cancellationToken);
        var nearby = await db.Appointments.AsNoTracking()
            .Where(a => a.StartUtc >= now.AddDays(-2) && a.StartUtc < now.AddDays(2) && a.Status != AppointmentStatus.Cancelled && a.Status != AppointmentStatus.EnteredInError)
            .Select(a => new { a.PatientId, a.ChairId, a.StartUtc, a.EndUtc }).ToListAsync(cancellationToken);

        var seeded = 0;
        var taken = new List<(Guid Chair, DateTime Start, DateTime End)>();
        foreach (var (stage, minutesAgo) in new[] { (Stage.Observing, 100), (Stage.InfusingWithMissedReading, 45), (Stage.WaitingForOrder, 10) })
        {
            var course = courses
                .Where(c => !nearby.Any(a => a.PatientId == c.PatientId && Math.Abs((a.StartUtc - now).TotalHours) < 24))
                .OrderBy(c => Array.IndexOf(Candidates, c.FamilyName))
                .FirstOrDefault();
            if (course is null)
            {
                break;
            }

            courses.Remove(course);
            var protocol = await db.Protocols.AsNoTracking().SingleAsync(p => p.Id == course.ProtocolId, cancellationToken);
            var start = Minute(now.AddMinutes(-minutesAgo));
            var end = start.AddMinutes(protocol.Settings.InfusionMinutes + protocol.Settings.ObservationMinutes);
            var chair = chairs.FirstOrDefault(c => !nearby.Any(a => a.ChairId == c && a.StartUtc < end && a.EndUtc > start)
                && !taken.Any(t => t.Chair == c && t.Start < end && t.End > start));
            if (chair == Guid.Empty)
            {
                continue;
            }

            // Booked the day before, as the front desk would have.
            var booked = Appointment.Book(course.PatientId, AppointmentType.InfusionSession, new BookingPlace(start, end, chair, nurseUser.Id, clinicianUser.Id),
                course.Id, null, null, booker, start.AddDays(-1));
            if (!booked.IsSuccess)
            {
                logger.LogWarning("A demo floor booking was refused: {Code}", booked.Error!.Code);
                continue;
            }

            var appointment = booked.Value;
            var session = InfusionSession.Open(appointment.Id, course.PatientId, course.Id, protocol, start);
            if (Run(session, appointment, stage, start, today, nurse, clinician) is { } refused)
            {
                logger.LogWarning("A demo floor session could not be built: {Code}", refused.Code);
                continue;
            }

            db.Appointments.Add(appointment);
            db.InfusionSessions.Add(session);
            taken.Add((chair, start, end));
            seeded++;
        }

        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded {Count} Development demo infusions on today's floor", seeded);
    }

    /// <summary>The session as far as <paramref name="stage"/>, each step at the time it would have happened.</summary>
    private static DomainError? Run(InfusionSession session, Appointment appointment, Stage stage, DateTime start, DateOnly today, SessionActor nurse, SessionActor clinician)
    {
        var byNurse = new Actor(nurse.Id, nurse.Name);
        var baseline = stage == Stage.WaitingForOrder ? new VitalsInput(152, 94, 80, 98, 15) : Calm;
        var checkIn = new CheckInInput(start.AddHours(-9), start.AddHours(-3), "Alex Escort", "+1 555 0142", true, 72.5m, today, baseline);
        var steps = new List<Func<DomainError?>>
        {
            () => session.RecordCheckIn(checkIn, new CheckInFacts(true, true, start), nurse, start, today).Error,
            () => appointment.ChangeStatus(AppointmentStatus.Arrived, null, byNurse, start).Error,
        };
        if (stage != Stage.WaitingForOrder)
        {
            var infusionStart = start.AddMinutes(10);
            var minutes = session.Protocol.InfusionMinutes;
            steps.Add(() => session.Order(new DoseInput(0.5m, 72.5m, today, minutes, null), clinician, start.AddMinutes(5), today).Error);
            steps.Add(() => session.Start(infusionStart, "KET-24-0917", nurse, infusionStart, today).Error);
            steps.Add(() => appointment.ChangeStatus(AppointmentStatus.InProgress, null, byNurse, infusionStart).Error);
            // Infusing: the minute-20 reading is missed, so the board shows it overdue. Observing: every reading taken.
            var readings = stage == Stage.Observing ? new[] { 10, 20, 30, 40 } : [10, 30];
            foreach (var m in readings)
            {
                var at = infusionStart.AddMinutes(m);
                steps.Add(() => session.RecordVitals(Calm with { HeartRate = 74 + (m / 10) }, at, nurse, at).Error);
            }

            if (stage == Stage.Observing)
            {
                var stop = infusionStart.AddMinutes(minutes);
                var observed = stop.AddMinutes(30);
                steps.Add(() => session.Stop(stop, null, nurse, stop).Error);
                steps.Add(() => session.RecordVitals(new VitalsInput(126, 80, 70, 98, 14), observed, nurse, observed).Error);
            }
        }

        return steps.Select(step => step()).FirstOrDefault(error => error is not null);
    }

    private static DateTime Minute(DateTime utc) => new(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc);
}
