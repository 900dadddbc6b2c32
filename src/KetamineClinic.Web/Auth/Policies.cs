using KetamineClinic.Domain.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// Named policies, one per capability. Pages carry <c>[Authorize(Policy = ...)]</c>; handlers check the same policy
/// for every write of clinical data. The roles behind each policy follow domain.md ("Who uses it").
/// </summary>
public static class Policies
{
    /// <summary>Any signed-in staff member.</summary>
    public const string Staff = "staff";

    /// <summary>Open the patient registry and charts (nurses read-only).</summary>
    public const string ViewPatients = "patients.view";

    /// <summary>See the calendar.</summary>
    public const string ViewCalendar = "calendar.view";

    /// <summary>Book, move and cancel appointments (intake staff and clinicians).</summary>
    public const string Book = "calendar.book";

    /// <summary>Register patients and edit demographics, contacts, allergies, medicines and diagnoses.</summary>
    public const string EditPatients = "patients.edit";

    /// <summary>Read clinical content: intake assessments, screening, decisions, notes (not intake staff).</summary>
    public const string ViewClinical = "clinical.view";

    /// <summary>Clinician work: intake assessment, eligibility, treatment plans, baseline measures.</summary>
    public const string Assess = "clinical.assess";

    /// <summary>The live infusion floor.</summary>
    public const string ViewFloor = "floor.view";

    /// <summary>Check a patient in for an infusion: the pre-session checklist and baseline vitals.</summary>
    public const string CheckIn = "session.check_in";

    /// <summary>Run an infusion session: infusion events, vitals, alerts, side effects, discharge, the nurse's record.</summary>
    public const string RunSession = "session.run";

    /// <summary>Clinical reviews: signatures, alerts, review points.</summary>
    public const string ClinicalReview = "clinical.review";

    /// <summary>Clinic reports: activity, utilisation, attendance, outcomes and side effects (no single patient's record).</summary>
    public const string ViewReports = "reports.view";

    /// <summary>Staff accounts, API clients, settings and the audit trail.</summary>
    public const string Administer = "administer";

    /// <summary>The API: a bearer token from the clinic's OpenID Connect server with scope clinic.read.</summary>
    public const string ApiClinicRead = "api.clinic.read";

    /// <summary>Which roles each page policy admits: the single source for the policies and the route × role tests.</summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> RolesByPolicy = new Dictionary<string, IReadOnlyList<string>>
    {
        [Staff] = StaffRoles.All,
        [ViewPatients] = [StaffRoles.IntakeStaff, StaffRoles.Nurse, StaffRoles.Clinician],
        [ViewCalendar] = [StaffRoles.IntakeStaff, StaffRoles.Nurse, StaffRoles.Clinician],
        [Book] = [StaffRoles.IntakeStaff, StaffRoles.Clinician],
        [EditPatients] = [StaffRoles.IntakeStaff, StaffRoles.Clinician],
        [ViewClinical] = [StaffRoles.Nurse, StaffRoles.Clinician],
        [Assess] = [StaffRoles.Clinician],
        [ViewFloor] = [StaffRoles.Nurse, StaffRoles.Clinician],
        [CheckIn] = [StaffRoles.IntakeStaff, StaffRoles.Nurse],
        [RunSession] = [StaffRoles.Nurse, StaffRoles.Clinician],
        [ClinicalReview] = [StaffRoles.Clinician],
        [ViewReports] = [StaffRoles.Clinician, StaffRoles.Administrator],
        [Administer] = [StaffRoles.Administrator],
    };

    public static IServiceCollection AddClinicPolicies(this IServiceCollection services)
    {
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(IdentityConstants.ApplicationScheme).RequireAuthenticatedUser().Build());
        services.AddAuthorization(options =>
        {
            foreach (var (policy, roles) in RolesByPolicy)
            {
                options.AddPolicy(policy, p => p
                    .AddAuthenticationSchemes(IdentityConstants.ApplicationScheme)
                    .RequireAuthenticatedUser()
                    .RequireRole(roles));
            }

            // Bearer tokens only: a staff cookie never opens the API, and a refusal is a 401/403, not a redirect.
            options.AddPolicy(ApiClinicRead, p => p
                .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireAssertion(context => context.User.HasScope(ApiScopes.ClinicRead)));
        });
        return services;
    }
}
