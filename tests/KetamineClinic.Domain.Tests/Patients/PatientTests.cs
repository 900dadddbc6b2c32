using KetamineClinic.Domain.Patients;

namespace KetamineClinic.Domain.Tests.Patients;

public sealed class PatientTests
{
    private static readonly DateTime Now = new(2026, 11, 25, 15, 0, 0, DateTimeKind.Utc);

    private static PatientDetails Details(string family = "O'Brien", string given = "Zoë", DateOnly? dob = null) =>
        new(family, given, dob ?? new DateOnly(1984, 3, 9), Sex.Female, Phone: "(555) 010-2233");

    private static Patient NewPatient() => Patient.Register(Details(), "KC000001", Now).Value;

    [Fact]
    public void Registering_keeps_the_details_and_a_searchable_name_and_phone()
    {
        var patient = NewPatient();

        Assert.Equal("KC000001", patient.Mrn);
        Assert.Equal("OBRIEN ZOE", patient.SearchName);
        Assert.Equal("5550102233", patient.PhoneDigits);
        Assert.Equal(42, patient.AgeOn(new DateOnly(2026, 11, 25)));
    }

    [Fact]
    public void Age_counts_the_birthday_only_once_it_has_come()
    {
        var patient = Patient.Register(Details(dob: new DateOnly(2000, 12, 1)), "KC1", Now).Value;

        Assert.Equal(25, patient.AgeOn(new DateOnly(2026, 11, 30)));
        Assert.Equal(26, patient.AgeOn(new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void A_date_of_birth_in_the_future_is_refused()
    {
        var result = Patient.Register(Details(dob: new DateOnly(2026, 11, 26)), "KC1", Now);

        Assert.Equal(PatientErrors.BirthInFuture, result.Error);
    }

    [Fact]
    public void A_date_of_birth_over_120_years_ago_is_refused()
    {
        Assert.Equal(PatientErrors.BirthTooLongAgo, Patient.Register(Details(dob: new DateOnly(1900, 1, 1)), "KC1", Now).Error);
    }

    [Fact]
    public void A_blank_name_is_refused()
    {
        Assert.Equal(PatientErrors.NameRequired, Patient.Register(Details(family: " "), "KC1", Now).Error);
    }

    [Theory]
    [InlineData(24.9)]
    [InlineData(350.1)]
    [InlineData(0)]
    public void A_weight_outside_25_to_350_kg_is_refused(double kg)
    {
        var result = NewPatient().RecordWeight((decimal)kg, Now.AddHours(-1), "nurse", Now);

        Assert.Equal("patient.weight_range", result.Error!.Code);
    }

    [Theory]
    [InlineData(25)]
    [InlineData(350)]
    public void The_weight_limits_themselves_are_accepted(double kg)
    {
        Assert.True(NewPatient().RecordWeight((decimal)kg, Now, "nurse", Now).IsSuccess);
    }

    [Fact]
    public void New_weights_are_added_and_old_ones_kept()
    {
        var patient = NewPatient();
        patient.RecordWeight(82.4m, Now.AddDays(-40), "nurse", Now.AddDays(-40));
        patient.RecordWeight(80.1m, Now.AddDays(-1), "nurse", Now);

        Assert.Equal(2, patient.Weights.Count);
        Assert.Equal(80.1m, patient.LatestWeight!.WeightKg);
        Assert.Equal(1, patient.LatestWeight.AgeInDays(Now));
    }

    [Fact]
    public void A_weight_entered_late_does_not_become_the_latest_if_measured_earlier()
    {
        var patient = NewPatient();
        patient.RecordWeight(80m, Now.AddDays(-1), "nurse", Now);
        patient.RecordWeight(90m, Now.AddDays(-30), "nurse", Now);

        Assert.Equal(80m, patient.LatestWeight!.WeightKg);
    }

    [Fact]
    public void A_weight_measured_in_the_future_is_refused()
    {
        Assert.Equal(PatientErrors.WeightInFuture, NewPatient().RecordWeight(80m, Now.AddHours(1), "nurse", Now).Error);
    }

    [Theory]
    [InlineData("F33.2", true)]
    [InlineData("G90.5", true)]
    [InlineData("F43.10", true)]
    [InlineData("F32", true)]
    [InlineData("33.2", false)]
    [InlineData("depression", false)]
    public void Diagnosis_codes_must_look_like_ICD10(string code, bool accepted)
    {
        var result = NewPatient().AddDiagnosis("Major depressive disorder", code);

        Assert.Equal(accepted, result.IsSuccess);
    }

    [Fact]
    public void Ending_an_allergy_keeps_it_on_the_record()
    {
        var patient = NewPatient();
        var allergy = patient.AddAllergy("Penicillin", "Rash", AllergySeverity.Moderate).Value;

        patient.EndListEntry(allergy.Id, Now);

        Assert.Single(patient.Allergies);
        Assert.False(patient.Allergies[0].IsActive);
    }

    [Fact]
    public void An_archived_patient_cannot_be_edited_until_restored()
    {
        var patient = NewPatient();
        Assert.Equal(PatientErrors.ArchiveReasonRequired, patient.Archive(" ", Now).Error);

        patient.Archive("Moved away", Now);

        Assert.True(patient.IsArchived);
        Assert.Equal(PatientErrors.Archived, patient.Update(Details(given: "Zoe"), Now).Error);
        patient.Restore();
        Assert.True(patient.Update(Details(given: "Zoe"), Now).IsSuccess);
    }

    [Fact]
    public void Every_change_gives_a_new_version()
    {
        var patient = NewPatient();
        var versions = new HashSet<Guid> { patient.Version };

        patient.RecordWeight(70m, Now, "n", Now);
        versions.Add(patient.Version);
        patient.AddMedication("Sertraline", "100 mg", "daily");
        versions.Add(patient.Version);

        Assert.Equal(3, versions.Count);
    }

    [Theory]
    [InlineData("Zoë O'Brien", "ZOE OBRIEN")]
    [InlineData("  van der  Berg,  Anna-Lena ", "VAN DER BERG ANNA LENA")]
    [InlineData("José Núñez", "JOSE NUNEZ")]
    public void Names_are_normalised_for_search(string input, string expected)
    {
        Assert.Equal(expected, PatientSearch.NormalizeName(input));
    }
}
