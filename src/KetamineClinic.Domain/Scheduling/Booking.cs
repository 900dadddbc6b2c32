namespace KetamineClinic.Domain.Scheduling;

/// <summary>Appointment types (domain.md, "Scheduling"), each with a default length.</summary>
public enum AppointmentType
{
    IntakeConsultation = 1,
    InfusionSession = 2,
    FollowUp = 3,
    Booster = 4,
}

/// <summary>FHIR R4 appointment statuses used by the clinic.</summary>
public enum AppointmentStatus
{
    Booked = 1,
    Arrived = 2,
    InProgress = 3,
    Fulfilled = 4,
    Cancelled = 5,
    NoShow = 6,
    EnteredInError = 7,
}

/// <summary>
/// What the conflict rules need to know of a booking, existing or proposed. Times are UTC; the interval is half-open
/// [StartUtc, EndUtc), so back-to-back bookings do not overlap.
/// </summary>
public sealed record BookingSlot(
    Guid Id,
    Guid PatientId,
    AppointmentType Type,
    DateTime StartUtc,
    DateTime EndUtc,
    AppointmentStatus Status = AppointmentStatus.Booked,
    Guid? ChairId = null,
    string? NurseId = null,
    string? ClinicianId = null)
{
    /// <summary>Cancelled and entered-in-error bookings never count in conflicts or reports.</summary>
    public bool Counts => Status is not (AppointmentStatus.Cancelled or AppointmentStatus.EnteredInError);

    public bool Overlaps(BookingSlot other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return StartUtc < other.EndUtc && other.StartUtc < EndUtc;
    }

    public bool IsInfusion => Type is AppointmentType.InfusionSession or AppointmentType.Booster;
}
