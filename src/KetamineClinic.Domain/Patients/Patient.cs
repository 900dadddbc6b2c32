using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Patients;

public enum Sex
{
    Unknown = 0,
    Female = 1,
    Male = 2,
    Other = 3,
}

/// <summary>
/// A patient of the clinic: demographics, contact, weight history, allergies, medicines and diagnoses. Patients are
/// archived, never deleted. Doses are computed from the latest weight, so weights are never overwritten.
/// </summary>
public sealed class Patient : IVersioned, IPatientOwned
{
    public const decimal MinWeightKg = 25m;
    public const decimal MaxWeightKg = 350m;
    public const int MaxAgeYears = 120;

    private readonly List<WeightMeasurement> _weights = [];
    private readonly List<Allergy> _allergies = [];
    private readonly List<PatientMedication> _medications = [];
    private readonly List<Diagnosis> _diagnoses = [];

    private Patient()
    {
    }

    public Guid Id { get; private set; } = Guid.NewGuid();

    /// <summary>Medical record number, unique, generated from the clinic's format setting.</summary>
    public string Mrn { get; private set; } = "";

    public string FamilyName { get; private set; } = "";

    public string GivenName { get; private set; } = "";

    /// <summary>Upper-case "FAMILY GIVEN" without accents, for indexed prefix search.</summary>
    public string SearchName { get; private set; } = "";

    public DateOnly DateOfBirth { get; private set; }

    public Sex Sex { get; private set; }

    public string? Phone { get; private set; }

    /// <summary>Digits of the phone number only, for search.</summary>
    public string? PhoneDigits { get; private set; }

    public string? Email { get; private set; }

    public string? AddressLine1 { get; private set; }

    public string? AddressLine2 { get; private set; }

    public string? City { get; private set; }

    public string? Region { get; private set; }

    public string? PostalCode { get; private set; }

    public string? EmergencyContactName { get; private set; }

    public string? EmergencyContactPhone { get; private set; }

    public string? EmergencyContactRelationship { get; private set; }

    public string? PreferredPharmacy { get; private set; }

    public string? ReferringClinician { get; private set; }

    public decimal? HeightCm { get; private set; }

    public bool IsArchived { get; private set; }

    public DateTime? ArchivedUtc { get; private set; }

    public string? ArchivedReason { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    /// <summary>The audit trail files changes to the patient record under the patient's own id.</summary>
    string? IPatientOwned.PatientId => Id.ToString();

    public IReadOnlyList<WeightMeasurement> Weights => _weights;

    public IReadOnlyList<Allergy> Allergies => _allergies;

    public IReadOnlyList<PatientMedication> Medications => _medications;

    public IReadOnlyList<Diagnosis> Diagnoses => _diagnoses;

    public static Result<Patient> Register(PatientDetails details, string mrn, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (string.IsNullOrWhiteSpace(mrn))
        {
            return PatientErrors.MrnRequired;
        }

        var patient = new Patient { Mrn = mrn.Trim(), CreatedUtc = nowUtc };
        var applied = patient.Apply(details, nowUtc);
        return applied.IsSuccess ? patient : applied.Error!;
    }

    public Result<Patient> Update(PatientDetails details, DateTime nowUtc)
    {
        if (IsArchived)
        {
            return PatientErrors.Archived;
        }

        return Apply(details, nowUtc);
    }

    private Result<Patient> Apply(PatientDetails d, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (string.IsNullOrWhiteSpace(d.FamilyName) || string.IsNullOrWhiteSpace(d.GivenName))
        {
            return PatientErrors.NameRequired;
        }

        var today = DateOnly.FromDateTime(nowUtc);
        if (d.DateOfBirth > today)
        {
            return PatientErrors.BirthInFuture;
        }

        if (d.DateOfBirth < today.AddYears(-MaxAgeYears))
        {
            return PatientErrors.BirthTooLongAgo;
        }

        if (d.HeightCm is { } height && (height < 50 || height > 250))
        {
            return PatientErrors.HeightOutOfRange;
        }

        FamilyName = d.FamilyName.Trim();
        GivenName = d.GivenName.Trim();
        SearchName = PatientSearch.NormalizeName($"{FamilyName} {GivenName}");
        DateOfBirth = d.DateOfBirth;
        Sex = d.Sex;
        Phone = Clean(d.Phone);
        PhoneDigits = PatientSearch.Digits(Phone);
        Email = Clean(d.Email);
        AddressLine1 = Clean(d.AddressLine1);
        AddressLine2 = Clean(d.AddressLine2);
        City = Clean(d.City);
        Region = Clean(d.Region);
        PostalCode = Clean(d.PostalCode);
        EmergencyContactName = Clean(d.EmergencyContactName);
        EmergencyContactPhone = Clean(d.EmergencyContactPhone);
        EmergencyContactRelationship = Clean(d.EmergencyContactRelationship);
        PreferredPharmacy = Clean(d.PreferredPharmacy);
        ReferringClinician = Clean(d.ReferringClinician);
        HeightCm = d.HeightCm;
        Version = Guid.NewGuid();
        return this;
    }

    public int AgeOn(DateOnly date) => AgeOn(DateOfBirth, date);

    /// <summary>Whole years of age on a day (for lists that project only the date of birth).</summary>
    public static int AgeOn(DateOnly dateOfBirth, DateOnly date)
    {
        var age = date.Year - dateOfBirth.Year;
        return date < dateOfBirth.AddYears(age) ? age - 1 : age;
    }

    /// <summary>The most recent measurement (by when it was measured), or null.</summary>
    public WeightMeasurement? LatestWeight => _weights.MaxBy(w => (w.MeasuredUtc, w.RecordedUtc));

    /// <summary>Adds a weight; earlier measurements are kept, never overwritten.</summary>
    public Result<WeightMeasurement> RecordWeight(decimal weightKg, DateTime measuredUtc, string recordedBy, DateTime nowUtc)
    {
        if (weightKg < MinWeightKg || weightKg > MaxWeightKg)
        {
            return PatientErrors.WeightOutOfRange(weightKg);
        }

        if (measuredUtc > nowUtc.AddMinutes(5))
        {
            return PatientErrors.WeightInFuture;
        }

        var weight = new WeightMeasurement(Id, Math.Round(weightKg, 1), measuredUtc, recordedBy, nowUtc);
        _weights.Add(weight);
        Version = Guid.NewGuid();
        return weight;
    }

    public Result<Allergy> AddAllergy(string substance, string? reaction, AllergySeverity severity)
    {
        if (string.IsNullOrWhiteSpace(substance))
        {
            return PatientErrors.SubstanceRequired;
        }

        var allergy = new Allergy(Id, substance.Trim(), Clean(reaction), severity);
        _allergies.Add(allergy);
        Version = Guid.NewGuid();
        return allergy;
    }

    public Result<PatientMedication> AddMedication(string name, string? dose, string? frequency)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return PatientErrors.MedicineNameRequired;
        }

        var medication = new PatientMedication(Id, name.Trim(), Clean(dose), Clean(frequency));
        _medications.Add(medication);
        Version = Guid.NewGuid();
        return medication;
    }

    public Result<Diagnosis> AddDiagnosis(string description, string? icd10Code)
    {
        if (string.IsNullOrWhiteSpace(description))
        {
            return PatientErrors.DiagnosisRequired;
        }

        var code = Clean(icd10Code)?.ToUpperInvariant();
        if (code is not null && !Icd10.IsWellFormed(code))
        {
            return PatientErrors.Icd10Malformed(code);
        }

        var diagnosis = new Diagnosis(Id, description.Trim(), code);
        _diagnoses.Add(diagnosis);
        Version = Guid.NewGuid();
        return diagnosis;
    }

    /// <summary>Marks an allergy, medicine or diagnosis as no longer current; it stays on the record.</summary>
    public Result<Patient> EndListEntry(Guid entryId, DateTime nowUtc)
    {
        IListEntry? entry = (IListEntry?)_allergies.FirstOrDefault(a => a.Id == entryId)
            ?? (IListEntry?)_medications.FirstOrDefault(m => m.Id == entryId)
            ?? _diagnoses.FirstOrDefault(d => d.Id == entryId);
        if (entry is null)
        {
            return PatientErrors.ListEntryNotFound;
        }

        entry.End(nowUtc);
        Version = Guid.NewGuid();
        return this;
    }

    public Result<Patient> Archive(string reason, DateTime nowUtc)
    {
        if (IsArchived)
        {
            return PatientErrors.Archived;
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            return PatientErrors.ArchiveReasonRequired;
        }

        IsArchived = true;
        ArchivedUtc = nowUtc;
        ArchivedReason = reason.Trim();
        Version = Guid.NewGuid();
        return this;
    }

    public Result<Patient> Restore()
    {
        if (!IsArchived)
        {
            return this;
        }

        IsArchived = false;
        ArchivedUtc = null;
        ArchivedReason = null;
        Version = Guid.NewGuid();
        return this;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>What staff type when registering or editing a patient.</summary>
public sealed record PatientDetails(
    string FamilyName,
    string GivenName,
    DateOnly DateOfBirth,
    Sex Sex,
    string? Phone = null,
    string? Email = null,
    string? AddressLine1 = null,
    string? AddressLine2 = null,
    string? City = null,
    string? Region = null,
    string? PostalCode = null,
    string? EmergencyContactName = null,
    string? EmergencyContactPhone = null,
    string? EmergencyContactRelationship = null,
    string? PreferredPharmacy = null,
    string? ReferringClinician = null,
    decimal? HeightCm = null);
