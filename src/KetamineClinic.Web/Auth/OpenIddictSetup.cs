using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.ApiClients;
using KetamineClinic.Web.Hosting;
using Microsoft.AspNetCore.Authorization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// The clinic's OpenID Connect server (OpenIddict) for API clients such as a reporting tool: client credentials for
/// machines, authorization code with PKCE (S256 only) for tools a staff member signs in to. Nothing else: no password,
/// implicit, hybrid or refresh-token grants. Its tables live in <see cref="ClinicDbContext"/>.
/// </summary>
public static class OpenIddictSetup
{
    public const string Section = "OpenIddict";
    public const string SigningCertificateSection = Section + ":SigningCertificate";
    public const string EncryptionCertificateSection = Section + ":EncryptionCertificate";

    /// <summary>Short-lived: an API client asks again rather than holding a long-lived bearer credential.</summary>
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(10);

    /// <summary>A code is redeemed by the client within seconds of the redirect; two minutes leaves room for slow links.</summary>
    public static readonly TimeSpan AuthorizationCodeLifetime = TimeSpan.FromMinutes(2);

    public static WebApplicationBuilder AddClinicOpenIddict(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var environment = builder.Environment;
        var useEphemeralKeys = environment.IsDevelopment() || environment.IsEnvironment("Testing");

        // Load the certificates now, so a production host without them refuses to start before it serves anything.
        var certificates = useEphemeralKeys ? null : LoadCertificates(builder.Configuration, environment.ContentRootPath);

        builder.Services.AddOpenIddict()
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<ClinicDbContext>())
            .AddServer(options =>
            {
                options.SetAuthorizationEndpointUris("connect/authorize")
                    .SetTokenEndpointUris("connect/token");

                options.AllowClientCredentialsFlow()
                    .AllowAuthorizationCodeFlow()
                    .RequireProofKeyForCodeExchange();

                // OpenIddict enables only S256 for the code flow; say so explicitly, so `plain` (which protects nothing
                // against an intercepted request) can never be switched on by a default changing underneath us.
                options.Configure(o =>
                {
                    o.CodeChallengeMethods.Clear();
                    o.CodeChallengeMethods.Add(CodeChallengeMethods.Sha256);
                });

                options.RegisterScopes(ApiScopes.ForInteractiveClients.ToArray());
                options.SetAccessTokenLifetime(AccessTokenLifetime)
                    .SetAuthorizationCodeLifetime(AuthorizationCodeLifetime)
                    .SetIdentityTokenLifetime(AccessTokenLifetime);

                // API consumers (reporting tools, FHIR clients) receive a plain signed JWT they can inspect and that any
                // standard JWT library can validate against /.well-known/jwks; the token carries no patient data, only
                // the client or staff id and its scopes, so encrypting it would buy nothing. Codes stay encrypted.
                options.DisableAccessTokenEncryption();

                if (certificates is null)
                {
                    options.AddEphemeralEncryptionKey().AddEphemeralSigningKey();
                }
                else
                {
                    options.AddSigningCertificate(certificates.Signing).AddEncryptionCertificate(certificates.Encryption);
                }

                var aspNetCore = options.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough();
                if (environment.IsDevelopment())
                {
                    // `dotnet run` serves plain http://localhost; every other environment (tests included) needs HTTPS.
                    aspNetCore.DisableTransportSecurityRequirement();
                }
            })
            .AddValidation(options =>
            {
                options.UseLocalServer();
                // Look the token up on every call, so deleting a client revokes its tokens at once rather than
                // when they expire.
                options.EnableTokenEntryValidation();
                options.UseAspNetCore();
            });

        builder.Services.AddScoped<IStartupSeeder, ApiScopeSeeder>();
        builder.Services.AddSingleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResultHandler>();

        // The API clients admin page (Features/Admin/ApiClients).
        builder.Services.AddScoped<ApiClientAdministration>();
        builder.Services.AddScoped<ListApiClientsHandler>();
        builder.Services.AddScoped<RegisterMachineClientHandler>();
        builder.Services.AddScoped<RegisterInteractiveClientHandler>();
        builder.Services.AddScoped<DeleteApiClientHandler>();
        return builder;
    }

    private sealed record ServerCertificates(X509Certificate2 Signing, X509Certificate2 Encryption);

    private static ServerCertificates LoadCertificates(IConfiguration configuration, string contentRoot) =>
        new(LoadCertificate(configuration, contentRoot, SigningCertificateSection, "sign tokens"),
            LoadCertificate(configuration, contentRoot, EncryptionCertificateSection, "encrypt authorization codes"));

    private static X509Certificate2 LoadCertificate(IConfiguration configuration, string contentRoot, string section, string purpose)
    {
        var path = configuration[section + ":Path"];
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new InvalidOperationException(
                $"{section}:Path is not set. Outside Development the OpenID Connect server needs a certificate to {purpose}: " +
                $"set {section}:Path to a PFX file with its private key (and {section}:Password if it has one).");
        }

        var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(contentRoot, path);
        if (!File.Exists(fullPath))
        {
            throw new InvalidOperationException($"{section}:Path is {fullPath}, but there is no file there.");
        }

        X509Certificate2 certificate;
        try
        {
            var flags = OperatingSystem.IsMacOS() ? X509KeyStorageFlags.DefaultKeySet : X509KeyStorageFlags.EphemeralKeySet;
            certificate = X509CertificateLoader.LoadPkcs12FromFile(fullPath, configuration[section + ":Password"], flags);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"{section}:Path ({fullPath}) could not be read as a PFX file; check {section}:Password.", ex);
        }

        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"{section}:Path ({fullPath}) holds a certificate without its private key.");
        }

        return certificate;
    }
}
