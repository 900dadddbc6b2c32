using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Tests.Auth;

public sealed class CommonPasswordValidatorTests
{
    private static readonly StaffUser Nurse = new() { UserName = "noah.nurse@clinic.test", Email = "noah.nurse@clinic.test" };

    private static Task<IdentityResult> ValidateAsync(string password, StaffUser? user = null) =>
        new CommonPasswordValidator().ValidateAsync(null!, user ?? Nurse, password);

    [Fact]
    public void The_shipped_list_holds_a_few_thousand_common_passwords()
    {
        Assert.InRange(CommonPasswordValidator.ListCount, 300, 5000);
    }

    [Theory]
    [InlineData("password1234")]
    [InlineData("123456789012")]
    [InlineData("qwertyuiop123")]
    [InlineData("iloveyou1234")]
    [InlineData("Password2026")]
    [InlineData("QWERTYUIOP123")]
    [InlineData("1qaz2wsx3edc")]
    [InlineData("ketamineclinic")]
    public async Task Common_password_is_refused_whatever_its_case(string password)
    {
        var result = await ValidateAsync(password);

        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == CommonPasswordValidator.CommonPasswordCode);
    }

    [Fact]
    public async Task Development_demo_password_is_not_on_the_list()
    {
        var result = await ValidateAsync(DemoSeeder.DemoPassword);

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("correct horse battery staple")]
    [InlineData("violet kettle morning harbour")]
    [InlineData("Tq8-pz2m-LW4x-hh9r")]
    public async Task Uncommon_password_is_accepted(string password)
    {
        var result = await ValidateAsync(password);

        Assert.True(result.Succeeded);
    }

    [Theory]
    [InlineData("noah.nurse-secret-words")]
    [InlineData("my NOAH.NURSE account")]
    public async Task Password_containing_the_email_name_is_refused(string password)
    {
        var result = await ValidateAsync(password);

        Assert.Contains(result.Errors, e => e.Code == CommonPasswordValidator.ContainsEmailCode);
    }

    [Fact]
    public async Task A_very_short_email_name_is_not_treated_as_part_of_the_password()
    {
        var user = new StaffUser { UserName = "al@clinic.test", Email = "al@clinic.test" };

        var result = await ValidateAsync("totally alright phrase", user);

        Assert.True(result.Succeeded);
    }

    [Fact]
    public void The_policy_is_registered_with_identity()
    {
        var builder = WebApplication.CreateBuilder();
        builder.AddClinicIdentity();

        Assert.Contains(builder.Services, d => d.ServiceType == typeof(IPasswordValidator<StaffUser>) && d.ImplementationType == typeof(CommonPasswordValidator));
    }
}
