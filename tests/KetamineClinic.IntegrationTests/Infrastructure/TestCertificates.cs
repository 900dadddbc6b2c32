using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace KetamineClinic.IntegrationTests.Infrastructure;

/// <summary>Self-signed PFX files for starting the app as Production does (token signing and encryption).</summary>
public static class TestCertificates
{
    public const string PfxPassword = "test-only-pfx-password";

    public static string WritePfx(string folder, string name, X509KeyUsageFlags usage)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=KetamineClinic test " + name, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30));
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, certificate.Export(X509ContentType.Pfx, PfxPassword));
        return path;
    }

    public static string Thumbprint(string path)
    {
        using var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, PfxPassword);
        return certificate.Thumbprint;
    }
}
