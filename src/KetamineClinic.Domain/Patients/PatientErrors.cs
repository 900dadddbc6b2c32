using System.Globalization;
using KetamineClinic.Domain.Common;

namespace KetamineClinic.Domain.Patients;

public static class PatientErrors
{
    public static readonly DomainError NameRequired = new("patient.name_required", "Enter the patient's family and given names.");
    public static readonly DomainError MrnRequired = new("patient.mrn_required", "The patient needs a medical record number.");
    public static readonly DomainError BirthInFuture = new("patient.birth_in_future", "The date of birth cannot be in the future.");
    public static readonly DomainError BirthTooLongAgo = new("patient.birth_too_long_ago", $"The date of birth is more than {Patient.MaxAgeYears} years ago; check it.");
    public static readonly DomainError HeightOutOfRange = new("patient.height_range", "Height must be between 50 and 250 cm.");
    public static readonly DomainError WeightInFuture = new("patient.weight_in_future", "The weight cannot have been measured in the future.");
    public static readonly DomainError SubstanceRequired = new("patient.allergy_substance", "Enter what the patient is allergic to.");
    public static readonly DomainError MedicineNameRequired = new("patient.medicine_name", "Enter the medicine's name.");
    public static readonly DomainError DiagnosisRequired = new("patient.diagnosis", "Describe the diagnosis.");
    public static readonly DomainError ListEntryNotFound = new("patient.list_entry", "That entry is not on this patient's record.");
    public static readonly DomainError Archived = new("patient.archived", "This patient is archived; restore the record before changing it.");
    public static readonly DomainError ArchiveReasonRequired = new("patient.archive_reason", "Say why the record is archived.");
    public static readonly DomainError NotFound = new("patient.not_found", "There is no such patient.");
    public static readonly DomainError ChangedByAnother = new("patient.changed", "Someone else changed this patient while you were editing. Their version is shown; your changes are kept in the form.");

    public static DomainError WeightOutOfRange(decimal kg) => new(
        "patient.weight_range",
        string.Create(CultureInfo.InvariantCulture, $"A weight of {kg} kg is outside {Patient.MinWeightKg}–{Patient.MaxWeightKg} kg; check the scale and the unit (kg, not lb)."));

    public static DomainError Icd10Malformed(string code) =>
        new("patient.icd10", $"'{code}' is not an ICD-10 code (a letter, two characters, then optionally a dot and up to four, e.g. F33.2).");
}
