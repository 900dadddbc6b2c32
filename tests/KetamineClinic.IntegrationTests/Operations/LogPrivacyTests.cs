using System.Net;
using KetamineClinic.Domain.Staff;
using KetamineClinic.IntegrationTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace KetamineClinic.IntegrationTests.Operations;

/// <summary>Patient health information never reaches the logs, even when it travels in a URL.</summary>
public sealed class LogPrivacyTests(SqliteApp app) : IClassFixture<SqliteApp>
{
    private const string DistinctivePatientName = "Zebediah Quixote-Marchbanks";

    private string ReadAllLogs()
    {
        var folder = Path.Combine(app.Factory.Database.Folder, "logs");
        var text = new System.Text.StringBuilder();
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder) : [])
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            text.Append(reader.ReadToEnd());
        }

        return text.ToString();
    }

    [Fact]
    public async Task A_patient_name_searched_for_in_the_address_is_not_written_to_the_log()
    {
        var clinician = await app.CreateStaffAsync(StaffRoles.Clinician);
        var client = app.CreateClient();
        await BrowserlessSignIn.SignInOrFailAsync(client, clinician.Email!);

        var response = await client.GetAsync(new Uri("/patients?search=" + Uri.EscapeDataString(DistinctivePatientName), UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var failedSignIn = await BrowserlessSignIn.SignInAsync(app.CreateClient(), "zebediah.quixote@patient.example", DistinctivePatientName);
        Assert.Equal(HttpStatusCode.OK, failedSignIn.StatusCode);

        var logs = ReadAllLogs();
        // The request was logged (so the log is really being read) ...
        Assert.Contains("/patients", logs, StringComparison.Ordinal);
        // ... but none of what identifies the patient.
        Assert.DoesNotContain("Zebediah", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Marchbanks", logs, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("quixote", logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_kiosk_code_in_the_address_is_not_written_to_the_log()
    {
        const string Code = "W7XQ4NPA";
        var response = await app.CreateClient().GetAsync(new Uri($"/kiosk/{Code}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // The request is logged as it completes, which may be just after the client has the response.
        var logs = ReadAllLogs();
        for (var wait = 0; wait < 40 && !logs.Contains("/kiosk/{code}", StringComparison.Ordinal); wait++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            logs = ReadAllLogs();
        }

        Assert.Contains("/kiosk/{code}", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, logs, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_warning_logged_during_a_kiosk_request_names_the_path_without_the_code()
    {
        // What ASP.NET Core does for every event of a request (e.g. an antiforgery failure on the kiosk's POST): the
        // hosting scope puts the request path on the event.
        const string Code = "H3KQ9ZRM";
        var logger = app.Factory.Services.GetRequiredService<ILogger<LogPrivacyTests>>();
        using (logger.BeginScope(new Dictionary<string, object> { ["RequestPath"] = $"/kiosk/{Code}" }))
        {
            logger.LogWarning("Kiosk privacy probe {Probe}", "scope-path");
        }

        var logs = ReadAllLogs();
        for (var wait = 0; wait < 40 && !logs.Contains("scope-path", StringComparison.Ordinal); wait++)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
            logs = ReadAllLogs();
        }

        Assert.Contains("scope-path", logs, StringComparison.Ordinal);
        Assert.DoesNotContain(Code, logs, StringComparison.OrdinalIgnoreCase);
    }
}
