using System.Net;
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
        var signing = TestCertificates.WritePfx(database.Folder, "signing.pfx", X509KeyUsageFlags.DigitalSignature);
        var encryption = TestCertificates.WritePfx(database.Folder, "encryption.pfx", X509KeyUsageFlags.KeyEncipherment);
        await using var factory = new ClinicAppFactory(database, new Dictionary<string, string?>
        {
            ["environment"] = "Production",
            [OpenIddictSetup.SigningCertificateSection + ":Path"] = signing,
            [OpenIddictSetup.SigningCertificateSection + ":Password"] = TestCertificates.PfxPassword,
            [OpenIddictSetup.EncryptionCertificateSection + ":Path"] = encryption,
            [OpenIddictSetup.EncryptionCertificateSection + ":Password"] = TestCertificates.PfxPassword,
        });
        var client = OpenIdClient.CreateHttpsClient(factory);

        using var jwks = await client.GetAsync(new Uri("/.well-known/jwks", UriKind.Relative));
        var body = await jwks.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, jwks.StatusCode);
        using var signingCertificate = X509CertificateLoader.LoadPkcs12FromFile(signing, TestCertificates.PfxPassword);
        Assert.Contains(signingCertificate.Thumbprint, body.Replace("\"", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }
}

public sealed class ProductionKeysTestsOnSqlite(SqliteApp app) : ProductionKeysTests<SqliteApp>(app), IClassFixture<SqliteApp>;

public sealed class ProductionKeysTestsOnPostgres(PostgresApp app) : ProductionKeysTests<PostgresApp>(app), IClassFixture<PostgresApp>;
