namespace KetamineClinic.Domain.Patients;

/// <summary>One weight, dated: doses are mg/kg, and a weight older than the protocol allows must be re-measured.</summary>
public sealed class WeightMeasurement
{
    private WeightMeasurement()
    {
    }

    internal WeightMeasurement(Guid patientId, decimal weightKg, DateTime measuredUtc, string recordedBy, DateTime recordedUtc)
    {
        PatientId = patientId;
        WeightKg = weightKg;
        MeasuredUtc = measuredUtc;
        RecordedBy = recordedBy;
        RecordedUtc = recordedUtc;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public decimal WeightKg { get; private set; }

    public DateTime MeasuredUtc { get; private set; }

    public string RecordedBy { get; private set; } = "";

    public DateTime RecordedUtc { get; private set; }

    public int AgeInDays(DateTime nowUtc) => (int)Math.Floor((nowUtc - MeasuredUtc).TotalDays);
}

public enum AllergySeverity
{
    Unknown = 0,
    Mild = 1,
    Moderate = 2,
    Severe = 3,
}

internal interface IListEntry
{
    void End(DateTime nowUtc);
}

public sealed class Allergy : IListEntry
{
    private Allergy()
    {
    }

    internal Allergy(Guid patientId, string substance, string? reaction, AllergySeverity severity)
    {
        PatientId = patientId;
        Substance = substance;
        Reaction = reaction;
        Severity = severity;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public string Substance { get; private set; } = "";

    public string? Reaction { get; private set; }

    public AllergySeverity Severity { get; private set; }

    public DateTime? EndedUtc { get; private set; }

    public bool IsActive => EndedUtc is null;

    void IListEntry.End(DateTime nowUtc) => EndedUtc ??= nowUtc;
}

public sealed class PatientMedication : IListEntry
{
    private PatientMedication()
    {
    }

    internal PatientMedication(Guid patientId, string name, string? dose, string? frequency)
    {
        PatientId = patientId;
        Name = name;
        Dose = dose;
        Frequency = frequency;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public string Name { get; private set; } = "";

    public string? Dose { get; private set; }

    public string? Frequency { get; private set; }

    public DateTime? EndedUtc { get; private set; }

    public bool IsActive => EndedUtc is null;

    void IListEntry.End(DateTime nowUtc) => EndedUtc ??= nowUtc;
}

public sealed class Diagnosis : IListEntry
{
    private Diagnosis()
    {
    }

    internal Diagnosis(Guid patientId, string description, string? icd10Code)
    {
        PatientId = patientId;
        Description = description;
        Icd10Code = icd10Code;
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    public Guid PatientId { get; private set; }

    public string Description { get; private set; } = "";

    public string? Icd10Code { get; private set; }

    public DateTime? EndedUtc { get; private set; }

    public bool IsActive => EndedUtc is null;

    void IListEntry.End(DateTime nowUtc) => EndedUtc ??= nowUtc;
}
