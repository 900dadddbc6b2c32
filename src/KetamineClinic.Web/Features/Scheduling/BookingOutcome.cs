using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>
/// The answer to a booking or a move: booked (with its id), refused for conflicts (each with its reason, and the
/// nearest free alternatives), or failed for another reason (validation, rights, a concurrent change).
/// </summary>
public sealed record BookingOutcome(Guid? AppointmentId, DomainError? Error, IReadOnlyList<Conflict> Conflicts, IReadOnlyList<Alternative> Alternatives)
{
    public static readonly DomainError ConflictError = new("appointment.conflict", "The booking conflicts with another.");

    public bool Succeeded => AppointmentId is not null && Error is null && Conflicts.Count == 0;

    /// <summary>What to tell the user: the error, or every conflict's reason.</summary>
    public string Message => Error?.Message ?? string.Join(" ", Conflicts.Select(c => c.Message));

    public static BookingOutcome Ok(Guid id) => new(id, null, [], []);

    public static BookingOutcome Failed(DomainError error) => new(null, error, [], []);

    public static BookingOutcome Refused(IReadOnlyList<Conflict> conflicts, IReadOnlyList<Alternative> alternatives) =>
        new(null, ConflictError with { Message = string.Join(" ", conflicts.Select(c => c.Message)) }, conflicts, alternatives);
}
