using System.Security.Claims;
using KetamineClinic.Domain.Patients;
using KetamineClinic.IntegrationTests.Identity;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Patients;
using Microsoft.Extensions.DependencyInjection;

namespace KetamineClinic.IntegrationTests.Patients;

internal static class PatientTestSupport
{
    /// <summary>A new staff member with <paramref name="role"/>, as the principal their sign-in cookie carries.</summary>
    public static async Task<ClaimsPrincipal> StaffAsync(ClinicAppFixture app, string role)
    {
        var user = await app.CreateStaffAsync(role);
        return await IdentityFlows.PrincipalForAsync(app, user.Id);
    }

    /// <summary>Runs a handler from a DI scope of its own, as a page's scope would.</summary>
    public static async Task<TResult> WithAsync<THandler, TResult>(ClinicAppFixture app, Func<THandler, Task<TResult>> use)
        where THandler : notnull
    {
        await using var scope = app.Factory.Services.CreateAsyncScope();
        return await use(scope.ServiceProvider.GetRequiredService<THandler>());
    }

    /// <summary>A family name no other test uses (letters only, so the registry reads it as a name).</summary>
    public static string UniqueFamily(string stem = "Test") =>
        stem + new string(Guid.NewGuid().ToString("N")[..8].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16))).ToArray());

    public static PatientForm Form(string family, string given, DateOnly birth, string? phone = null) => new()
    {
        FamilyName = family,
        GivenName = given,
        DateOfBirth = birth.ToDateTime(TimeOnly.MinValue),
        Sex = Sex.Female,
        Phone = phone,
    };

    /// <summary>Registers through the handler as a clinician (confirmed, so a shared name never stops the arrange step).</summary>
    public static async Task<RegisteredPatient> RegisterAsync(ClinicAppFixture app, ClaimsPrincipal staff, PatientForm form)
    {
        var result = await WithAsync<RegisterPatientHandler, Domain.Common.Result<RegisteredPatient>>(app, h => h.HandleAsync(staff, new RegisterPatient(form, ConfirmedNotDuplicate: true)));
        Assert.True(result.IsSuccess, result.Error?.Message);
        return result.Value;
    }

    public static Task<Domain.Common.Result<PatientPage>> SearchAsync(ClinicAppFixture app, ClaimsPrincipal staff, SearchPatients query) =>
        WithAsync<SearchPatientsHandler, Domain.Common.Result<PatientPage>>(app, h => h.HandleAsync(staff, query));
}
