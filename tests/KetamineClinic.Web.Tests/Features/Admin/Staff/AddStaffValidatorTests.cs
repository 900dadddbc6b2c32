using KetamineClinic.Domain.Staff;
using KetamineClinic.Web.Features.Admin.Staff;

namespace KetamineClinic.Web.Tests.Features.Admin.Staff;

public sealed class AddStaffValidatorTests
{
    private readonly AddStaffValidator _validator = new();

    [Fact]
    public void Complete_request_is_valid()
    {
        Assert.True(_validator.Validate(new AddStaff("Nina Nurse", "nina@clinic.test", [StaffRoles.Nurse])).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("nina")]
    [InlineData("nina@")]
    [InlineData("nina@clinic")]
    [InlineData("Nina <nina@clinic.test>")]
    public void Invalid_email_is_refused_at_the_email_field(string email)
    {
        var result = _validator.Validate(new AddStaff("Nina Nurse", email, [StaffRoles.Nurse]));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(AddStaff.Email));
    }

    [Fact]
    public void A_name_is_required()
    {
        var result = _validator.Validate(new AddStaff(" ", "nina@clinic.test", [StaffRoles.Nurse]));

        Assert.Contains(result.Errors, e => e.PropertyName == nameof(AddStaff.DisplayName));
    }

    [Fact]
    public void At_least_one_known_role_is_required()
    {
        Assert.Contains(_validator.Validate(new AddStaff("Nina Nurse", "nina@clinic.test", [])).Errors, e => e.ErrorMessage == StaffErrors.RoleRequired.Message);
        Assert.Contains(_validator.Validate(new AddStaff("Nina Nurse", "nina@clinic.test", ["Surgeon"])).Errors, e => e.PropertyName == nameof(AddStaff.Roles));
    }
}
