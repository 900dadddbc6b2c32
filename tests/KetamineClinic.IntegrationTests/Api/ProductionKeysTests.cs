using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.IntegrationTests.Api;

/// <summary>Outside Development the token server signs with certificates from configuration, and without them the app
/// does not start at all.</summary>
public abstract class ProductionKeysTests<TApp>(TApp app)
    where TApp : ClinicAppFixture
{
    [Fact]
    public async Task Production_refuses_to_start_without_a_signing_certificate()
    {
        await using var database = await TestDatabase.CreateAsync(app.DatabaseProvider);
        await using var factory = new ClinicAppFactory(database, new Dictionary<string, string?> { ["environment"] = "Production" });

        var failure = Assert.ThrowsAny<Exception>(() => factory.Server);

        Assert.Contains(OpenIddictSetup.SigningCertificateSection + ":Path", failure.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_starts_and_issues_tokens_with_certificates_from_configuration()
    {
        await using var database = await TestDatabase.CreateAsync(app.DatabaseProvider);
        var signing = WritePfx(database.Folder, "signing.pfx", X509KeyUsageFlags.DigitalSignature);
        var encryption = WritePfx(database.Folder, "encryption.pfx", X509KeyUsageFlags.KeyEncipherment);
        await using var factory = new ClinicAppFactory(database, new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            [OpenIddictSetup.SigningCertificateSection + ":Path"] = signing,
            [OpenIddictSetup.SigningCertificateSection + ":Password"] = PfxPassword,
            [OpenIddictSetup.EncryptionCertificateSection + ":Path"] = encryption,
            [OpenIddictSetup.EncryptionCertificateSection + ":Password"] = PfxPassword,
        });
        var client = OpenIdClient.CreateHttpsClient(factory);

        using var jwks = await client.GetAsync(new Uri("/.well-known/jwks", UriKind.Relative));
        var body = await jwks.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        using var signingCertificate = X509CertificateLoader.LoadPkcs12FromFile(signing, PfxPassword);
        Assert.Contains(signingCertificate.Thumbprint, body.Replace("\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    private const string PfxPassword = "test-only-pfx-password";

    private static string WritePfx(string folder, string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=KetamineClinic test " + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, PfxPassword));
        return path;
    }
}

public sealed class ProductionKeysTestsOnSqlite(SqliteApp app) : ProductionKeysTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProductionKeysTestsOnPostgres(PostgresApp app) : ProductionKeysTests<PostgresApp>(app), IClassFixture<PostgresApp>;
