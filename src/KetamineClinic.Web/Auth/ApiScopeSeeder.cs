using KetamineClinic.Web.Hosting;
using OpenIddict.Abstractions;

namespace KetamineClinic.Web.Auth;

/// <summary>Makes sure the API's scopes exist in every environment, so an administrator can grant them to clients and
/// the discovery document lists them.</summary>
public sealed class ApiScopeSeeder(IOpenIddictScopeManager scopes) : IStartupSeeder
{
    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await scopes.FindByNameAsync(ApiScopes.ClinicRead, cancellationToken) is null)
        {
            await scopes.CreateAsync(new OpenIddictScopeDescriptor
            {
                Name = ApiScopes.ClinicRead,
                DisplayName = ApiScopes.Describe(ApiScopes.ClinicRead),
            }, cancellationToken);
        }
    }
}
