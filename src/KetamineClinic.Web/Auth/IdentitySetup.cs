using KetamineClinic.Infrastructure.Identity;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Auth;

public static class IdentitySetup
{
    /// <summary>Staff identity: lockout 5 tries / 15 min, passwords of 12+ characters with no composition rules,
    /// cookie revalidated every few minutes (architecture.md, "Identity and access").</summary>
    public static WebApplicationBuilder AddClinicIdentity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var section = builder.Configuration.GetSection(IdentitySettings.Section);
        services.Configure<IdentitySettings>(section);
        services.PostConfigure<IdentitySettings>(s => s.RequireTwoFactorForClinicalRoles ??= !builder.Environment.IsDevelopment());
        var revalidation = section.GetValue<TimeSpan?>(nameof(IdentitySettings.RevalidationInterval)) ?? TimeSpan.FromMinutes(5);

        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddScoped<StaffSessionValidator>();

        services.AddAuthentication(options =>
            {
                options.DefaultScheme = IdentityConstants.ApplicationScheme;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/Account/Login";
            options.LogoutPath = "/Account/Logout";
            options.AccessDeniedPath = "/Account/AccessDenied";
            options.Cookie.Name = "kc.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.ExpireTimeSpan = TimeSpan.FromHours(10);
            options.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = revalidation);

        services.AddIdentityCore<StaffUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                // NIST SP 800-63B: length, no composition rules, screened against common passwords.
                options.Password.RequiredLength = 12;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<ClinicDbContext>()
            .AddSignInManager<ClinicSignInManager>()
            .AddClaimsPrincipalFactory<ClinicUserClaimsPrincipalFactory>()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddDefaultTokenProviders();
        services.AddScoped<AccountAudit>();

        return builder;
    }
}
