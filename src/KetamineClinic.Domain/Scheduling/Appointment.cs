using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>Why a booking was cancelled (the four reasons).</summary>
public enum CancellationReason
{
    Patient = 1,
    Clinic = 2,
    Clinical = 3,
    Other = 4,
}

/// <summary>What happened to a booking, as kept in its history.</summary>
public enum AppointmentAction
{
    Created = 1,
    Moved = 2,
    StatusChanged = 3,
    Cancelled = 4,
    Undone = 5,
}

/// <summary>Who did something, as kept on a booking and its history.</summary>
public sealed record Actor(string Id, string Name, bool IsAdministrator = false);

/// <summary>Where and with whom a booking takes place: times in UTC, the chair and staff optional by type.</summary>
public sealed record BookingPlace(DateTime StartUtc, DateTime EndUtc, Guid? ChairId, string? NurseId, string? ClinicianId);

/// <summary>
/// A booking (FHIR Appointment): an intake consultation, infusion session, follow-up or booster for one patient, in a
/// chair and with staff as its type needs. Times are UTC, the interval half-open. A booking is never deleted; every
/// create, move, status change, cancellation and undo is kept in <see cref="History"/> with who, when and why.
/// </summary>
public sealed class Appointment : IVersioned
{
    /// <summary>The longest booking allowed. Overlap queries use it as their lower bound
    /// (<c>start &gt;= @start - MaxLength</c>), so it must hold for every stored booking.</summary>
    public static readonly TimeSpan MaxLength = TimeSpan.FromHours(8);

    /// <summary>A cancellation closer to the start than this is late (reported separately).</summary>
    public static readonly TimeSpan LateCancellationWindow = TimeSpan.FromHours(24);

    public const int MaxNoteLength = 1000;
    public const int MaxReasonLength = 500;

    private readonly List<AppointmentEvent> _history = [];

    private Appointment()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public AppointmentType Type { get; private set; }

    public AppointmentStatus Status { get; private set; } = AppointmentStatus.Booked;

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public Guid? ChairId { get; private set; }

    public string? NurseId { get; private set; }

    public string? ClinicianId { get; private set; }

    /// <summary>The treatment course an infusion or booster belongs to, or the course a follow-up follows.</summary>
    public Guid? CourseId { get; private set; }

    /// <summary>Set on every occurrence booked together as one series.</summary>
    public Guid? SeriesId { get; private set; }

    public string? Note { get; private set; }

    public CancellationReason? CancellationReason { get; private set; }

    public string? CancellationNote { get; private set; }

    /// <summary>Cancelled within 24 h of the start.</summary>
    public bool LateCancellation { get; private set; }

    /// <summary>The status before the last status change, so a mistaken change can be undone.</summary>
    public AppointmentStatus? PreviousStatus { get; private set; }

    public string? StatusSetBy { get; private set; }

    public DateTime? StatusSetUtc { get; private set; }

    public string CreatedBy { get; private set; } = "";

    public string CreatedByName { get; private set; } = "";

    public DateTime CreatedUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public IReadOnlyList<AppointmentEvent> History => _history;

    public bool Counts => Status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError);

    public bool IsInfusion => Type is AppointmentType.InfusionSession or AppointmentType.Booster;

    public static Result<Appointment> Book(
        Guid patientId, AppointmentType type, BookingPlace place, Guid? courseId, Guid? seriesId, string? note, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(actor);
        if (CheckPlace(type, place) is { } invalid)
        {
            return invalid;
        }

        if (place.StartUtc < nowUtc.AddMinutes(-5))
        {
            return AppointmentErrors.InPast;
        }

        if (type is AppointmentType.InfusionSession or AppointmentType.Booster && courseId is null)
        {
            return AppointmentErrors.CourseRequired;
        }

        if (note?.Trim().Length > MaxNoteLength)
        {
            return AppointmentErrors.NoteTooLong;
        }

        var appointment = new Appointment
        {
            PatientId = patientId,
            Type = type,
            CourseId = courseId,
            SeriesId = seriesId,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(),
            CreatedBy = actor.Id,
            CreatedByName = actor.Name,
            CreatedUtc = nowUtc,
        };
        appointment.Place(place);
        appointment.Record(AppointmentAction.Created, actor, nowUtc, null, seriesId is null ? null : "Booked as part of a series.");
        return appointment;
    }

    /// <summary>Moves the booking to another time, chair or staff; only a booking not yet started can move.</summary>
    public Result<Appointment> Move(BookingPlace place, string? reason, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(place);
        ArgumentNullException.ThrowIfNull(actor);
        if (Status != AppointmentStatus.Booked)
        {
            return AppointmentErrors.NotMovable(Status);
        }

        if (CheckPlace(Type, place) is { } invalid)
        {
            return invalid;
        }

        if (place.StartUtc < nowUtc.AddMinutes(-5))
        {
            return AppointmentErrors.InPast;
        }

        if (reason?.Trim().Length > MaxReasonLength)
        {
            return AppointmentErrors.ReasonTooLong;
        }

        var before = Describe();
        Place(place);
        Record(AppointmentAction.Moved, actor, nowUtc, Clean(reason), $"From {before}");
        return this;
    }

    /// <summary>Checks in, starts, completes, marks no-show or entered-in-error. Cancelling has its own method.</summary>
    public Result<Appointment> ChangeStatus(AppointmentStatus to, string? reason, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (to == AppointmentStatus.Cancelled)
        {
            return AppointmentErrors.UseCancel;
        }

        if (!Allowed(Status, to))
        {
            return AppointmentErrors.IllegalTransition(Status, to);
        }

        if (to is AppointmentStatus.EnteredInError && string.IsNullOrWhiteSpace(reason))
        {
            return AppointmentErrors.ReasonRequired;
        }

        if (to is AppointmentStatus.Arrived or AppointmentStatus.InProgress or AppointmentStatus.Fulfilled or AppointmentStatus.NoShow
            && StartUtc > nowUtc.AddHours(12))
        {
            return AppointmentErrors.TooEarly(to);
        }

        // Before the start the patient may still come; a no-show cannot then be checked in without an undo.
        if (to is AppointmentStatus.NoShow && nowUtc < StartUtc)
        {
            return AppointmentErrors.NoShowBeforeStart;
        }

        if (reason?.Trim().Length > MaxReasonLength)
        {
            return AppointmentErrors.ReasonTooLong;
        }

        SetStatus(to, actor, nowUtc);
        Record(AppointmentAction.StatusChanged, actor, nowUtc, Clean(reason), null);
        return this;
    }

    public Result<Appointment> Cancel(CancellationReason reason, string? note, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!Enum.IsDefined(reason))
        {
            return AppointmentErrors.CancellationReasonRequired;
        }

        if (Status is not (AppointmentStatus.Booked or AppointmentStatus.Arrived))
        {
            return AppointmentErrors.IllegalTransition(Status, AppointmentStatus.Cancelled);
        }

        if (reason == Scheduling.CancellationReason.Other && string.IsNullOrWhiteSpace(note))
        {
            return AppointmentErrors.CancellationNoteRequired;
        }

        if (note?.Trim().Length > MaxReasonLength)
        {
            return AppointmentErrors.ReasonTooLong;
        }

        SetStatus(AppointmentStatus.Cancelled, actor, nowUtc);
        CancellationReason = reason;
        CancellationNote = Clean(note);
        LateCancellation = StartUtc - nowUtc < LateCancellationWindow;
        var late = LateCancellation ? "Late cancellation (within 24 h). " : "";
        Record(AppointmentAction.Cancelled, actor, nowUtc, CancellationNote, $"{late}Reason: {reason}.");
        return this;
    }

    /// <summary>Undoes the last status change, by the person who made it or an administrator. Undoing a cancellation
    /// makes the slot count again, so the caller must re-check conflicts before saving.</summary>
    public Result<Appointment> UndoStatus(string reason, Actor actor, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (PreviousStatus is not { } previous)
        {
            return AppointmentErrors.NothingToUndo;
        }

        if (StatusSetBy != actor.Id && !actor.IsAdministrator)
        {
            return AppointmentErrors.UndoNotYours;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return AppointmentErrors.ReasonRequired;
        }

        var from = Status;
        Status = previous;
        PreviousStatus = null;
        StatusSetBy = actor.Id;
        StatusSetUtc = nowUtc;
        if (from == AppointmentStatus.Cancelled)
        {
            CancellationReason = null;
            CancellationNote = null;
            LateCancellation = false;
        }

        Version = Guid.NewGuid();
        Record(AppointmentAction.Undone, actor, nowUtc, Clean(reason), $"{from} undone; back to {previous}.");
        return this;
    }

    public BookingSlot ToSlot() => new(Id, PatientId, Type, StartUtc, EndUtc, Status, ChairId, NurseId, ClinicianId);

    public static bool Allowed(AppointmentStatus from, AppointmentStatus to) => (from, to) switch
    {
        (AppointmentStatus.Booked, AppointmentStatus.Arrived or AppointmentStatus.NoShow or AppointmentStatus.EnteredInError) => true,
        (AppointmentStatus.Arrived, AppointmentStatus.InProgress or AppointmentStatus.EnteredInError) => true,
        (AppointmentStatus.InProgress, AppointmentStatus.Fulfilled or AppointmentStatus.EnteredInError) => true,
        (AppointmentStatus.Fulfilled or AppointmentStatus.NoShow, AppointmentStatus.EnteredInError) => true,
        _ => false,
    };

    private static DomainError? CheckPlace(AppointmentType type, BookingPlace place)
    {
        if (!Enum.IsDefined(type))
        {
            return AppointmentErrors.TypeRequired;
        }

        if (place.EndUtc <= place.StartUtc)
        {
            return AppointmentErrors.EndBeforeStart;
        }

        if (place.EndUtc - place.StartUtc > MaxLength)
        {
            return AppointmentErrors.TooLong;
        }

        if (type is AppointmentType.InfusionSession or AppointmentType.Booster)
        {
            if (place.ChairId is null)
            {
                return AppointmentErrors.ChairRequired;
            }

            if (place.NurseId is null)
            {
                return AppointmentErrors.NurseRequired;
            }
        }

        return place.ClinicianId is null ? AppointmentErrors.ClinicianRequired : null;
    }

    private void Place(BookingPlace place)
    {
        StartUtc = DateTime.SpecifyKind(place.StartUtc, DateTimeKind.Utc);
        EndUtc = DateTime.SpecifyKind(place.EndUtc, DateTimeKind.Utc);
        ChairId = place.ChairId;
        NurseId = string.IsNullOrWhiteSpace(place.NurseId) ? null : place.NurseId;
        ClinicianId = string.IsNullOrWhiteSpace(place.ClinicianId) ? null : place.ClinicianId;
        Version = Guid.NewGuid();
    }

    private void SetStatus(AppointmentStatus to, Actor actor, DateTime nowUtc)
    {
        PreviousStatus = Status;
        Status = to;
        StatusSetBy = actor.Id;
        StatusSetUtc = nowUtc;
        Version = Guid.NewGuid();
    }

    private void Record(AppointmentAction action, Actor actor, DateTime nowUtc, string? reason, string? detail) =>
        _history.Add(new AppointmentEvent(Id, PatientId, action, Status, StartUtc, EndUtc, ChairId, NurseId, ClinicianId, reason, detail, actor, nowUtc));

    private string Describe() => $"{StartUtc:yyyy-MM-dd HH:mm}–{EndUtc:HH:mm} UTC";

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>One entry of a booking's history: what was done, the booking as it stood afterwards, who, when and why.</summary>
public sealed class AppointmentEvent
{
    private AppointmentEvent()
    {
    }

    internal AppointmentEvent(
        Guid appointmentId, Guid patientId, AppointmentAction action, AppointmentStatus status, DateTime startUtc, DateTime endUtc,
        Guid? chairId, string? nurseId, string? clinicianId, string? reason, string? detail, Actor actor, DateTime atUtc)
    {
        AppointmentId = appointmentId;
        PatientId = patientId;
        Action = action;
        Status = status;
        StartUtc = startUtc;
        EndUtc = endUtc;
        ChairId = chairId;
        NurseId = nurseId;
        ClinicianId = clinicianId;
        Reason = reason;
        Detail = detail;
        ById = actor.Id;
        ByName = actor.Name;
        AtUtc = atUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid AppointmentId { get; private set; }

    public Guid PatientId { get; private set; }

    public AppointmentAction Action { get; private set; }

    public AppointmentStatus Status { get; private set; }

    public DateTime StartUtc { get; private set; }

    public DateTime EndUtc { get; private set; }

    public Guid? ChairId { get; private set; }

    public string? NurseId { get; private set; }

    public string? ClinicianId { get; private set; }

    public string? Reason { get; private set; }

    public string? Detail { get; private set; }

    public string ById { get; private set; } = "";

    public string ByName { get; private set; } = "";

    public DateTime AtUtc { get; private set; }
}

public static class AppointmentErrors
{
    public static readonly DomainError NotFound = new("appointment.not_found", "There is no such booking.");
    public static readonly DomainError TypeRequired = new("appointment.type", "Choose the type of appointment.");
    public static readonly DomainError EndBeforeStart = new("appointment.times", "The booking must end after it starts.");
    public static readonly DomainError TooLong = new("appointment.too_long", $"A booking can last at most {Appointment.MaxLength.TotalHours:0} hours.");
    public static readonly DomainError InPast = new("appointment.past", "A booking cannot start in the past.");
    public static readonly DomainError ChairRequired = new("appointment.chair", "Choose the chair for the infusion.");
    public static readonly DomainError NurseRequired = new("appointment.nurse", "Choose the nurse for the infusion.");
    public static readonly DomainError ClinicianRequired = new("appointment.clinician", "Choose the clinician.");
    public static readonly DomainError CourseRequired = new("appointment.course", "An infusion belongs to the patient's active treatment course.");
    public static readonly DomainError NoteTooLong = new("appointment.note", $"The note can be at most {Appointment.MaxNoteLength} characters.");
    public static readonly DomainError ReasonTooLong = new("appointment.reason_length", $"The reason can be at most {Appointment.MaxReasonLength} characters.");
    public static readonly DomainError ReasonRequired = new("appointment.reason", "Say why.");
    public static readonly DomainError UseCancel = new("appointment.use_cancel", "Cancel the booking with a reason.");
    public static readonly DomainError CancellationReasonRequired = new("appointment.cancel_reason", "Choose why the booking is cancelled.");
    public static readonly DomainError CancellationNoteRequired = new("appointment.cancel_note", "Describe the reason when it is \"other\".");
    public static readonly DomainError NothingToUndo = new("appointment.nothing_to_undo", "There is no status change to undo.");
    public static readonly DomainError UndoNotYours = new("appointment.undo_not_yours", "Only the person who set this status, or an administrator, can undo it.");
    public static readonly DomainError NoShowBeforeStart = new("appointment.no_show_early", "A booking can be marked a no-show only once its start time has passed.");
    public static readonly DomainError UseSession = new("appointment.use_session", "An infusion is checked in, started and completed on its session page, where the checklist comes first.");
    public static readonly DomainError Changed = new("appointment.changed", "Someone else changed this booking meanwhile; it has been reloaded. Check it and try again.");

    public static DomainError NotMovable(AppointmentStatus status) =>
        new("appointment.not_movable", $"A booking that is {StatusText(status)} cannot be moved.");

    public static DomainError IllegalTransition(AppointmentStatus from, AppointmentStatus to) =>
        new("appointment.transition", $"A booking that is {StatusText(from)} cannot become {StatusText(to)}.");

    public static DomainError TooEarly(AppointmentStatus to) =>
        new("appointment.too_early", $"A booking can be marked {StatusText(to)} only on its day.");

    public static string StatusText(AppointmentStatus status) => status switch
    {
        AppointmentStatus.Booked => "booked",
        AppointmentStatus.Arrived => "checked in",
        AppointmentStatus.InProgress => "in progress",
        AppointmentStatus.Fulfilled => "fulfilled",
        AppointmentStatus.Cancelled => "cancelled",
        AppointmentStatus.NoShow => "a no-show",
        AppointmentStatus.EnteredInError => "entered in error",
        _ => status.ToString(),
    };
}
