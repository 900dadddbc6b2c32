using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace KetamineClinic.IntegrationTests.Deploy;

/// <summary>
/// Every setting deploy/compose.yaml gives the app is one the app actually reads: the app is started as Production
/// with each of those keys set (to values that work on this machine), and each key's effect is observed in the running
/// app. A key with no observable effect (a typo, a setting that was renamed) fails the test.
/// </summary>
public sealed partial class ComposeConfigurationTests
{
    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "KetamineClinic.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root from " + AppContext.BaseDirectory);
    }

    /// <summary>The app service's environment block of compose.yaml, as configuration keys (Section__Key → Section:Key).</summary>
    public static IReadOnlyList<string> ComposeAppKeys()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryRoot(), "deploy", "compose.yaml"));
        var keys = new List<string>();
        var inApp = false;
        var inEnvironment = false;
        foreach (var line in lines)
        {
            if (Regex.IsMatch(line, "^  [A-Za-z_-]+:\\s*$"))
            {
                inApp = line.Trim() == "app:";
                inEnvironment = false;
                continue;
            }

            if (inApp && Regex.IsMatch(line, "^    [A-Za-z_-]+:"))
            {
                inEnvironment = line.Trim() == "environment:";
                continue;
            }

            var match = EnvironmentEntry().Match(line);
            if (inApp && inEnvironment && match.Success)
            {
                keys.Add(match.Groups[1].Value.Replace("__", ":", StringComparison.Ordinal));
            }
        }

        return keys;
    }

    [GeneratedRegex("^      ([A-Za-z0-9_]+):")]
    private static partial Regex EnvironmentEntry();

    [Fact]
    public void The_compose_file_gives_the_app_its_database_certificates_and_environment()
    {
        var keys = ComposeAppKeys();

        Assert.Contains("ASPNETCORE_ENVIRONMENT", keys);
        Assert.Contains("Database:Provider", keys);
        Assert.Contains("ConnectionStrings:Clinic", keys);
        Assert.Contains(OpenIddictSetup.SigningCertificateSection + ":Path", keys);
    }

    [Fact]
    public async Task Every_setting_compose_gives_the_app_is_read_by_the_app()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var signing = TestCertificates.WritePfx(database.Folder, "signing.pfx", X509KeyUsageFlags.DigitalSignature);
        var encryption = TestCertificates.WritePfx(database.Folder, "encryption.pfx", X509KeyUsageFlags.KeyEncipherment);
        var dataFolder = Path.Combine(database.Folder, "data");
        var logFolder = Path.Combine(database.Folder, "applogs");

        // Values that work here for every key compose sets (SQL Server cannot run on this machine, so SQLite stands in).
        var values = new Dictionary<string, string?>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = "true",
            ["Database:Provider"] = "Sqlite",
            ["Database:MigrateOnStartup"] = "true",
            ["Database:DataFolder"] = dataFolder,
            ["ConnectionStrings:Clinic"] = database.ConnectionString,
            [OpenIddictSetup.SigningCertificateSection + ":Path"] = signing,
            [OpenIddictSetup.SigningCertificateSection + ":Password"] = TestCertificates.PfxPassword,
            [OpenIddictSetup.EncryptionCertificateSection + ":Path"] = encryption,
            [OpenIddictSetup.EncryptionCertificateSection + ":Password"] = TestCertificates.PfxPassword,
            ["Identity:IdleTimeout"] = "00:17:00",
            ["Logging:Folder"] = logFolder,
            ["Mail:PickupFolder"] = Path.Combine(database.Folder, "mail"),
        };
        var composeKeys = ComposeAppKeys();
        var untestable = composeKeys.Where(k => !values.ContainsKey(k)).ToList();
        Assert.True(untestable.Count == 0, "compose.yaml sets keys this test does not know how to observe (is each really read by the app?): " + string.Join(", ", untestable));

        var settings = composeKeys.ToDictionary(
            k => k switch
            {
                "ASPNETCORE_ENVIRONMENT" => "environment",
                // The host strips the ASPNETCORE_ prefix from environment variables.
                _ when k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) => k["ASPNETCORE_".Length..],
                _ => k,
            },
            k => values[k]);
        await using var factory = new ClinicAppFactory(database, settings);
        _ = factory.Server;
        await factory.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));
        var services = factory.Services;

        // How each key shows in the running app.
        var observed = new Dictionary<string, Func<object?>>
        {
            ["ASPNETCORE_ENVIRONMENT"] = () => services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>().EnvironmentName,
            ["ASPNETCORE_FORWARDEDHEADERS_ENABLED"] = () => services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders.HasFlag(ForwardedHeaders.XForwardedProto) ? "true" : "false",
            ["Database:Provider"] = () => services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider.ToString(),
            ["Database:MigrateOnStartup"] = () => services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup ? "true" : "false",
            ["Database:DataFolder"] = () => services.GetRequiredService<IOptions<DatabaseOptions>>().Value.DataFolder,
            ["ConnectionStrings:Clinic"] = () =>
            {
                using var scope = services.CreateScope();
                return scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>().CreateDbContext().Database.GetConnectionString();
            },
            [OpenIddictSetup.SigningCertificateSection + ":Path"] = () => SigningThumbprints(services).Contains(TestCertificates.Thumbprint(signing)) ? signing : "not loaded",
            [OpenIddictSetup.SigningCertificateSection + ":Password"] = () => SigningThumbprints(services).Contains(TestCertificates.Thumbprint(signing)) ? TestCertificates.PfxPassword : "not loaded",
            [OpenIddictSetup.EncryptionCertificateSection + ":Path"] = () => EncryptionThumbprints(services).Contains(TestCertificates.Thumbprint(encryption)) ? encryption : "not loaded",
            [OpenIddictSetup.EncryptionCertificateSection + ":Password"] = () => EncryptionThumbprints(services).Contains(TestCertificates.Thumbprint(encryption)) ? TestCertificates.PfxPassword : "not loaded",
            ["Identity:IdleTimeout"] = () => services.GetRequiredService<IOptions<IdentitySettings>>().Value.IdleTimeout.ToString(),
            ["Logging:Folder"] = () => Directory.Exists(logFolder) && Directory.EnumerateFiles(logFolder).Any() ? logFolder : "no log file written",
            ["Mail:PickupFolder"] = () => services.GetRequiredService<KetamineClinic.Web.Mail.ClinicMailer>().PickupFolder,
        };

        var notRead = composeKeys
            .Where(k => !observed.TryGetValue(k, out var probe) || !string.Equals(probe()?.ToString(), values[k], StringComparison.Ordinal))
            .Select(k => $"{k}: expected '{values[k]}', the app shows '{(observed.TryGetValue(k, out var p) ? p() : "(nothing)")}'")
            .ToList();
        Assert.True(notRead.Count == 0, string.Join(Environment.NewLine, notRead));
    }

    private static HashSet<string> SigningThumbprints(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.SigningCredentials
            .Select(c => (c.Key as Microsoft.IdentityModel.Tokens.X509SecurityKey)?.Certificate.Thumbprint).OfType<string>().ToHashSet();

    private static HashSet<string> EncryptionThumbprints(IServiceProvider services) =>
        services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.EncryptionCredentials
            .Select(c => (c.Key as Microsoft.IdentityModel.Tokens.X509SecurityKey)?.Certificate.Thumbprint).OfType<string>().ToHashSet();
}
