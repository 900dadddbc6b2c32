using FluentValidation;
using KetamineClinic.Domain.Patients;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>What the register and edit form holds while staff type (mutable, so a refusal loses nothing).</summary>
public sealed class PatientForm
{
    public string FamilyName { get; set; } = "";

    public string GivenName { get; set; } = "";

    public DateTime? DateOfBirth { get; set; }

    public Sex Sex { get; set; }

    public string? Phone { get; set; }

    public string? Email { get; set; }

    public string? AddressLine1 { get; set; }

    public string? AddressLine2 { get; set; }

    public string? City { get; set; }

    public string? Region { get; set; }

    public string? PostalCode { get; set; }

    public string? EmergencyContactName { get; set; }

    public string? EmergencyContactPhone { get; set; }

    public string? EmergencyContactRelationship { get; set; }

    public string? PreferredPharmacy { get; set; }

    public string? ReferringClinician { get; set; }

    public decimal? HeightCm { get; set; }

    /// <summary>Registration only: an optional first weight and the day it was measured.</summary>
    public decimal? FirstWeightKg { get; set; }

    public DateTime? FirstWeightMeasuredOn { get; set; }

    public PatientDetails ToDetails() => new(
        FamilyName,
        GivenName,
        DateOnly.FromDateTime(DateOfBirth ?? throw new InvalidOperationException("Validate the form first.")),
        Sex,
        Phone,
        Email,
        AddressLine1,
        AddressLine2,
        City,
        Region,
        PostalCode,
        EmergencyContactName,
        EmergencyContactPhone,
        EmergencyContactRelationship,
        PreferredPharmacy,
        ReferringClinician,
        HeightCm);

    public static PatientForm From(Patient patient)
    {
        ArgumentNullException.ThrowIfNull(patient);
        return new PatientForm
        {
            FamilyName = patient.FamilyName,
            GivenName = patient.GivenName,
            DateOfBirth = patient.DateOfBirth.ToDateTime(TimeOnly.MinValue),
            Sex = patient.Sex,
            Phone = patient.Phone,
            Email = patient.Email,
            AddressLine1 = patient.AddressLine1,
            AddressLine2 = patient.AddressLine2,
            City = patient.City,
            Region = patient.Region,
            PostalCode = patient.PostalCode,
            EmergencyContactName = patient.EmergencyContactName,
            EmergencyContactPhone = patient.EmergencyContactPhone,
            EmergencyContactRelationship = patient.EmergencyContactRelationship,
            PreferredPharmacy = patient.PreferredPharmacy,
            ReferringClinician = patient.ReferringClinician,
            HeightCm = patient.HeightCm,
        };
    }
}

/// <summary>The same rules as the domain, said at the field before anything is sent (the domain still decides).</summary>
public sealed class PatientFormValidator : AbstractValidator<PatientForm>
{
    public PatientFormValidator(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        DateOnly Today() => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

        RuleFor(f => f.FamilyName).NotEmpty().WithMessage("Enter the family name.")
            .MaximumLength(100).WithMessage("The family name can be at most 100 characters.");
        RuleFor(f => f.GivenName).NotEmpty().WithMessage("Enter the given name.")
            .MaximumLength(100).WithMessage("The given name can be at most 100 characters.");
        RuleFor(f => f.DateOfBirth).NotNull().WithMessage("Enter the date of birth.")
            .Must(d => d is null || DateOnly.FromDateTime(d.Value) <= Today()).WithMessage(PatientErrors.BirthInFuture.Message)
            .Must(d => d is null || DateOnly.FromDateTime(d.Value) >= Today().AddYears(-Patient.MaxAgeYears)).WithMessage(PatientErrors.BirthTooLongAgo.Message);
        RuleFor(f => f.Sex).IsInEnum().WithMessage("Choose the patient's sex (or 'Not recorded').");
        RuleFor(f => f.Phone).MaximumLength(40).WithMessage("The phone number can be at most 40 characters.")
            .Must(p => string.IsNullOrWhiteSpace(p) || (PatientSearch.Digits(p)?.Length ?? 0) >= 7)
            .WithMessage("A phone number has at least 7 digits.");
        RuleFor(f => f.Email).MaximumLength(256).WithMessage("The e-mail address can be at most 256 characters.")
            .EmailAddress().When(f => !string.IsNullOrWhiteSpace(f.Email)).WithMessage("Enter a valid e-mail address, such as name@example.org.");
        RuleFor(f => f.AddressLine1).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.AddressLine2).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.City).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.Region).MaximumLength(100).WithMessage("At most 100 characters.");
        RuleFor(f => f.PostalCode).MaximumLength(20).WithMessage("At most 20 characters.");
        RuleFor(f => f.EmergencyContactName).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.EmergencyContactPhone).MaximumLength(40).WithMessage("At most 40 characters.");
        RuleFor(f => f.EmergencyContactRelationship).MaximumLength(60).WithMessage("At most 60 characters.");
        RuleFor(f => f.PreferredPharmacy).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.ReferringClinician).MaximumLength(200).WithMessage("At most 200 characters.");
        RuleFor(f => f.HeightCm).InclusiveBetween(50m, 250m).When(f => f.HeightCm is not null).WithMessage(PatientErrors.HeightOutOfRange.Message);
        RuleFor(f => f.FirstWeightKg)
            .Must(kg => kg is null || (kg >= Patient.MinWeightKg && kg <= Patient.MaxWeightKg))
            .WithMessage(f => PatientErrors.WeightOutOfRange(f.FirstWeightKg ?? 0).Message);
        RuleFor(f => f.FirstWeightKg).NotNull().When(f => f.FirstWeightMeasuredOn is not null)
            .WithMessage("Enter the weight measured on that day, or clear the date.");
        RuleFor(f => f.FirstWeightMeasuredOn).NotNull().When(f => f.FirstWeightKg is not null)
            .WithMessage("Enter the day the weight was measured.");
        // A day ahead of UTC at most (the clinic may be east of UTC); the domain refuses a weight dated in the future.
        RuleFor(f => f.FirstWeightMeasuredOn)
            .Must(d => d is null || DateOnly.FromDateTime(d.Value) <= Today().AddDays(1)).WithMessage(PatientErrors.WeightInFuture.Message);
    }
}

/// <summary>Bridges a FluentValidation validator into MudForm: each field asks for the messages of its own property,
/// so they show at the field as the user leaves it and again on submit.</summary>
public static class MudFormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator) => For<T, T>(validator, model => model);

    /// <summary>For a form whose mutable model becomes the command (property names shared).</summary>
    public static Func<object, string, Task<IEnumerable<string>>> For<TModel, T>(IValidator<T> validator, Func<TModel, T> toCommand) => async (model, propertyName) =>
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(toCommand);
        var result = await validator.ValidateAsync(ValidationContext<T>.CreateWithOptions(toCommand((TModel)model), o => o.IncludeProperties(propertyName)));
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };
}
