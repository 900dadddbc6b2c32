using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>Book one appointment. <see cref="LocalStart"/> is in the clinic's time zone; <see cref="Minutes"/> defaults
/// to the type's length (infusions and boosters always take theirs from the course's protocol). <see cref="CourseId"/>
/// is the course an infusion belongs to (default: the patient's active course) or the course a follow-up follows
/// (which answers that course's follow-up proposals); other types belong to no course.</summary>
public sealed record BookAppointment(
    Guid PatientId,
    AppointmentType Type,
    DateTime? LocalStart,
    int? Minutes,
    Guid? ChairId,
    string? NurseId,
    string? ClinicianId,
    Guid? CourseId = null,
    string? Note = null);

public sealed class BookAppointmentValidator : AbstractValidator<BookAppointment>
{
    public BookAppointmentValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty().WithMessage("Choose the patient.");
        RuleFor(c => c.Type).IsInEnum().WithMessage(AppointmentErrors.TypeRequired.Message);
        RuleFor(c => c.LocalStart).NotNull().WithMessage("Choose the date and time.");
        RuleFor(c => c.Minutes).InclusiveBetween(5, (int)Appointment.MaxLength.TotalMinutes)
            .When(c => c.Minutes is not null).WithMessage($"The length is from 5 to {Appointment.MaxLength.TotalMinutes:0} minutes.");
        RuleFor(c => c.ClinicianId).NotEmpty().WithMessage(AppointmentErrors.ClinicianRequired.Message);
        RuleFor(c => c.ChairId).NotNull().When(c => c.Type is AppointmentType.InfusionSession or AppointmentType.Booster)
            .WithMessage(AppointmentErrors.ChairRequired.Message);
        RuleFor(c => c.NurseId).NotEmpty().When(c => c.Type is AppointmentType.InfusionSession or AppointmentType.Booster)
            .WithMessage(AppointmentErrors.NurseRequired.Message);
        RuleFor(c => c.Note).MaximumLength(Appointment.MaxNoteLength).WithMessage(AppointmentErrors.NoteTooLong.Message);
    }
}

/// <summary>Move a booking: a new time, chair or staff. <see cref="Version"/> is the booking as the user saw it.</summary>
public sealed record MoveAppointment(Guid AppointmentId, Guid Version, DateTime LocalStart, int? Minutes, Guid? ChairId, string? NurseId, string? ClinicianId, string? Reason);

/// <summary>Check in, start, complete, no-show or entered-in-error (a reason is required for the last).</summary>
public sealed record ChangeAppointmentStatus(Guid AppointmentId, Guid Version, AppointmentStatus To, string? Reason);

public sealed record CancelAppointment(Guid AppointmentId, Guid Version, CancellationReason? Reason, string? Note);

public sealed record UndoAppointmentStatus(Guid AppointmentId, Guid Version, string? Reason);

/// <summary>
/// Books, moves, cancels and changes the status of appointments. Every change that can make a booking count (book,
/// move, undo a cancellation) re-checks the conflict rules inside <see cref="SchedulingLock"/>, so two people booking
/// the same slot at once cannot both succeed; the loser is refused with the reason and the nearest free alternatives.
/// Status changes are guarded by the booking's version: a change made by someone else meanwhile is reported, never
/// overwritten.
/// </summary>
public sealed class BookingService(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<BookAppointment> validator,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    FloorEvents floor,
    TimeProvider clock)
{
    public async Task<BookingOutcome> BookAsync(ClaimsPrincipal user, BookAppointment command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await DenyAsync(user, Policies.Book, command.PatientId, "book an appointment", cancellationToken) is { } denied)
        {
            return BookingOutcome.Failed(denied);
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return BookingOutcome.Failed(invalid);
        }

        using var actorScope = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == command.PatientId).Select(p => new { p.IsArchived }).SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return BookingOutcome.Failed(PatientErrors.NotFound);
        }

        if (patient.IsArchived)
        {
            return BookingOutcome.Failed(PatientErrors.Archived);
        }

        Guid? followedCourse = null;
        if (command.Type == AppointmentType.FollowUp && command.CourseId is { } followed)
        {
            if (!await db.TreatmentCourses.AnyAsync(c => c.Id == followed && c.PatientId == command.PatientId, cancellationToken))
            {
                return BookingOutcome.Failed(Domain.Courses.CourseErrors.NotFound);
            }

            followedCourse = followed;
        }

        var prepared = await PrepareAsync(db, command.PatientId, command.Type, command.CourseId, command.LocalStart!.Value, command.Minutes, command.ChairId, command.NurseId, command.ClinicianId, cancellationToken);
        if (!prepared.IsSuccess)
        {
            return BookingOutcome.Failed(prepared.Error!);
        }

        var (place, terms, settings, zone) = prepared.Value;
        var booked = Appointment.Book(command.PatientId, command.Type, place, terms?.CourseId ?? followedCourse, null, command.Note, ActorOf(user), Now);
        if (!booked.IsSuccess)
        {
            return BookingOutcome.Failed(booked.Error!);
        }

        var appointment = booked.Value;
        return Announced(await WriteCheckedAsync(db, appointment.ToSlot(), terms, settings, zone, () =>
            {
                db.Appointments.Add(appointment);
                return Task.CompletedTask;
            }, cancellationToken)
            ?? BookingOutcome.Ok(appointment.Id));
    }

    public async Task<BookingOutcome> MoveAsync(ClaimsPrincipal user, MoveAppointment command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Appointments.AsNoTracking().Where(a => a.Id == command.AppointmentId)
            .Select(a => new { a.PatientId, a.Type, a.CourseId, a.StartUtc, a.EndUtc }).SingleOrDefaultAsync(cancellationToken);
        if (current is null)
        {
            return BookingOutcome.Failed(AppointmentErrors.NotFound);
        }

        if (await DenyAsync(user, Policies.Book, current.PatientId, "move an appointment", cancellationToken) is { } denied)
        {
            return BookingOutcome.Failed(denied);
        }

        using var actorScope = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        var minutes = command.Minutes ?? (int)(current.EndUtc - current.StartUtc).TotalMinutes;
        var prepared = await PrepareAsync(db, current.PatientId, current.Type, current.CourseId, command.LocalStart, minutes, command.ChairId, command.NurseId, command.ClinicianId, cancellationToken);
        if (!prepared.IsSuccess)
        {
            return BookingOutcome.Failed(prepared.Error!);
        }

        var (place, terms, settings, zone) = prepared.Value;
        var candidate = new BookingSlot(command.AppointmentId, current.PatientId, current.Type, place.StartUtc, place.EndUtc, AppointmentStatus.Booked, place.ChairId, place.NurseId, place.ClinicianId);
        DomainError? error = null;
        var refusal = await WriteCheckedAsync(db, candidate, terms, settings, zone, async () =>
        {
            var appointment = await db.Appointments.Include(a => a.History).SingleAsync(a => a.Id == command.AppointmentId, cancellationToken);
            if (appointment.Version != command.Version)
            {
                error = AppointmentErrors.Changed;
                return;
            }

            var moved = appointment.Move(place, command.Reason, ActorOf(user), Now);
            error = moved.Error;
        }, cancellationToken);
        return Announced(refusal ?? (error is null ? BookingOutcome.Ok(command.AppointmentId) : BookingOutcome.Failed(error)));
    }

    public Task<Result<Guid>> ChangeStatusAsync(ClaimsPrincipal user, ChangeAppointmentStatus command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        // An infusion's check-in, start and completion follow its session (SessionWorkspace), never a bare status change.
        return ChangeAsync(user, command.AppointmentId, command.Version, Policies.ViewCalendar, "change an appointment's status",
            (a, actor) => a.IsInfusion && command.To is AppointmentStatus.Arrived or AppointmentStatus.InProgress or AppointmentStatus.Fulfilled
                ? AppointmentErrors.UseSession
                : a.ChangeStatus(command.To, command.Reason, actor, Now), cancellationToken);
    }

    public Task<Result<Guid>> CancelAsync(ClaimsPrincipal user, CancelAppointment command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return ChangeAsync(user, command.AppointmentId, command.Version, Policies.Book, "cancel an appointment",
            (a, actor) => command.Reason is { } reason ? a.Cancel(reason, command.Note, actor, Now) : AppointmentErrors.CancellationReasonRequired,
            cancellationToken);
    }

    /// <summary>Undoes the last status change. Undoing a cancellation, no-show or entered-in-error makes the booking
    /// count again, so the conflict rules are re-checked first; the slot may have been given to someone else.</summary>
    public async Task<BookingOutcome> UndoStatusAsync(ClaimsPrincipal user, UndoAppointmentStatus command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.Appointments.AsNoTracking().SingleOrDefaultAsync(a => a.Id == command.AppointmentId, cancellationToken);
        if (current is null)
        {
            return BookingOutcome.Failed(AppointmentErrors.NotFound);
        }

        if (await DenyAsync(user, Policies.ViewCalendar, current.PatientId, "undo an appointment's status", cancellationToken) is { } denied)
        {
            return BookingOutcome.Failed(denied);
        }

        using var actorScope = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        InfusionTerms? terms = null;
        if (current.IsInfusion)
        {
            var found = await SchedulingChecks.InfusionTermsAsync(db, current.PatientId, current.CourseId, cancellationToken);
            terms = found.IsSuccess ? found.Value : null;
        }

        var revived = current.PreviousStatus is { } previous && !current.Counts && previous is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError);
        var candidate = current.ToSlot() with { Status = current.PreviousStatus ?? current.Status };
        DomainError? error = null;
        var refusal = await WriteCheckedAsync(db, candidate, terms, settings, zone, async () =>
        {
            var appointment = await db.Appointments.Include(a => a.History).SingleAsync(a => a.Id == command.AppointmentId, cancellationToken);
            if (appointment.Version != command.Version)
            {
                error = AppointmentErrors.Changed;
                return;
            }

            error = appointment.UndoStatus(command.Reason ?? "", ActorOf(user), Now).Error;
        }, cancellationToken, checkConflicts: revived, offerAlternatives: false);
        return Announced(refusal ?? (error is null ? BookingOutcome.Ok(command.AppointmentId) : BookingOutcome.Failed(error)));
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Tells every open floor screen about a booking written (check-ins, cancellations, moves appear there).</summary>
    private BookingOutcome Announced(BookingOutcome outcome)
    {
        if (outcome.Succeeded && outcome.AppointmentId is { } id)
        {
            floor.Publish(id);
        }

        return outcome;
    }

    private static Actor ActorOf(ClaimsPrincipal user)
    {
        var staff = StaffIdentity.From(user);
        return new Actor(staff.Id, staff.Name, user.IsInRole(StaffRoles.Administrator));
    }

    private async Task<DomainError?> DenyAsync(ClaimsPrincipal user, string policy, Guid patientId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((await authorization.AuthorizeAsync(user, policy)).Succeeded)
        {
            return null;
        }

        await audit.RecordDeniedAsync(nameof(Appointment), patientId: patientId.ToString(), what: what, cancellationToken: cancellationToken);
        return AccessErrors.NotAllowed;
    }

    /// <summary>Works out where a booking goes: UTC times from the clinic's local time, the length (from the protocol
    /// for infusions), and checks the chair and staff are real and active.</summary>
    private async Task<Result<(BookingPlace Place, InfusionTerms? Terms, SchedulingSettings Settings, TimeZoneInfo Zone)>> PrepareAsync(
        ClinicDbContext db, Guid patientId, AppointmentType type, Guid? courseId, DateTime localStart, int? minutes,
        Guid? chairId, string? nurseId, string? clinicianId, CancellationToken cancellationToken)
    {
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        InfusionTerms? terms = null;
        int length;
        if (type is AppointmentType.InfusionSession or AppointmentType.Booster)
        {
            var found = await SchedulingChecks.InfusionTermsAsync(db, patientId, courseId, cancellationToken);
            if (!found.IsSuccess)
            {
                return found.Error!;
            }

            terms = found.Value;
            length = terms.Minutes;
        }
        else
        {
            length = minutes ?? settings.DefaultMinutes(type) ?? 30;
        }

        var start = SeriesRule.ToUtc(localStart, zone);
        var place = new BookingPlace(start, start.AddMinutes(length), chairId,
            string.IsNullOrWhiteSpace(nurseId) ? null : nurseId, string.IsNullOrWhiteSpace(clinicianId) ? null : clinicianId);
        if (await SchedulingChecks.CheckPlaceAsync(db, place, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        return (place, terms, settings, zone);
    }

    /// <summary>
    /// Inside the scheduling lock: loads the bookings around the candidate, checks the rules, and only if none is
    /// broken runs <paramref name="write"/> and saves. Returns null when written (or when <paramref name="write"/>
    /// itself declined), or the refusal with alternatives.
    /// </summary>
    private async Task<BookingOutcome?> WriteCheckedAsync(
        ClinicDbContext db, BookingSlot candidate, InfusionTerms? terms, SchedulingSettings settings, TimeZoneInfo zone,
        Func<Task> write, CancellationToken cancellationToken, bool checkConflicts = true, bool offerAlternatives = true)
    {
        var interval = terms?.MinIntervalHours ?? 24;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, zone));
        IReadOnlyList<Conflict> conflicts = [];
        SchedulingContext? context = null;
        try
        {
            await SchedulingWrite.LockedAsync(db, async () =>
            {
                if (checkConflicts)
                {
                    var existing = await SchedulingChecks.NearbyAsync(db, candidate.PatientId, candidate.StartUtc, candidate.EndUtc, interval, cancellationToken);
                    context = await SchedulingChecks.ContextAsync(db, zone, settings, [candidate.NurseId, candidate.ClinicianId], interval, terms?.Ready ?? true, today, cancellationToken);
                    conflicts = ConflictRules.Check(candidate, existing, context);
                    if (conflicts.Count > 0)
                    {
                        return false;
                    }
                }

                await write();
                return true;
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return BookingOutcome.Failed(AppointmentErrors.Changed);
        }

        if (conflicts.Count == 0)
        {
            return null;
        }

        var alternatives = offerAlternatives && conflicts.All(c => c.Kind != ConflictKind.NotReadyForInfusion)
            ? await AlternativesAsync(db, candidate, context!, settings, cancellationToken)
            : [];
        return BookingOutcome.Refused(conflicts, alternatives);
    }

    private async Task<IReadOnlyList<Alternative>> AlternativesAsync(
        ClinicDbContext db, BookingSlot refused, SchedulingContext context, SchedulingSettings settings, CancellationToken cancellationToken)
    {
        const int searchDays = 14;
        var existing = await SchedulingChecks.NearbyAsync(db, refused.PatientId, refused.StartUtc.Date, refused.StartUtc.Date.AddDays(searchDays + 2), context.MinimumIntervalHours, cancellationToken);
        var chairs = await SchedulingChecks.ActiveChairsAsync(db, cancellationToken);
        return FreeSlotFinder.Find(refused, existing, context, chairs, settings.SlotMinutes, Now, searchDays);
    }

    private async Task<Result<Guid>> ChangeAsync(
        ClaimsPrincipal user, Guid appointmentId, Guid version, string policy, string what,
        Func<Appointment, Actor, Result<Appointment>> change, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var appointment = await db.Appointments.Include(a => a.History).SingleOrDefaultAsync(a => a.Id == appointmentId, cancellationToken);
        if (appointment is null)
        {
            return AppointmentErrors.NotFound;
        }

        if (await DenyAsync(user, policy, appointment.PatientId, what, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (appointment.Version != version)
        {
            return AppointmentErrors.Changed;
        }

        using var actorScope = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        var changed = change(appointment, ActorOf(user));
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return AppointmentErrors.Changed;
        }

        floor.Publish(appointment.Id);
        return appointment.Id;
    }
}
