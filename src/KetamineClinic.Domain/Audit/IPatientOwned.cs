namespace KetamineClinic.Domain.Audit;

/// <summary>
/// An entity that belongs to one patient's record. The audit interceptor stamps every change of such an entity with
/// <see cref="PatientId"/>, so the audit page can list everything that touched a patient. Entities that simply have a
/// property named <c>PatientId</c> are recognised without this interface; implement it (explicitly if the entity's own
/// PatientId has another type) when the patient is reached another way, e.g. the patient entity itself returns its id.
/// </summary>
public interface IPatientOwned
{
    /// <summary>The owning patient's id as recorded in the audit trail (invariant string form).</summary>
    string? PatientId { get; }
}
