using System.Globalization;
using System.Net;
using System.Security.Claims;
using System.Text.RegularExpressions;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.IntegrationTests.Courses;
using KetamineClinic.IntegrationTests.Infrastructure;
using KetamineClinic.Web.Features.Kiosk;

namespace KetamineClinic.IntegrationTests.Kiosk;

/// <summary>Staff open kiosk links through the handler, as the dialog does; the tablet is an HTTP client without a
/// staff sign-in that posts the page's own form (antiforgery token included), as a browser does.</summary>
public static partial class KioskArrange
{
    public static async Task<OpenedKioskLink> OpenAsync(
        ClinicAppFixture app, ClaimsPrincipal staff, Guid patientId, InstrumentCode instrument = InstrumentCode.Phq9,
        MeasureContext context = MeasureContext.FollowUp, Guid? courseId = null, Guid? appointmentId = null)
    {
        var opened = await ClinicalArrange.WithAsync<OpenKioskLinkHandler, Result<OpenedKioskLink>>(
            app, h => h.HandleAsync(staff, new OpenKioskLink(patientId, instrument, context, courseId, appointmentId)));
        Assert.True(opened.IsSuccess, opened.Error?.Message);
        return opened.Value;
    }

    public static async Task<string> GetAsync(HttpClient client, string path)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Opens the kiosk page of <paramref name="code"/> and submits its form with <paramref name="answers"/>
    /// (null leaves an item unanswered). Returns the response, redirects not followed.</summary>
    public static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string code, IReadOnlyList<int?> answers) =>
        BrowserlessSignIn.PostFormAsync(client, $"/kiosk/{code}", "kiosk-answers", Fields(answers));

    public static Dictionary<string, string> Fields(IReadOnlyList<int?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is { } value)
            {
                fields[KioskQuestionnaireHandler.FieldName(i + 1)] = value.ToString(CultureInfo.InvariantCulture);
            }
        }

        return fields;
    }

    /// <summary>The page's main content (between the layout's main tags): what the tablet shows.</summary>
    public static string MainContent(string html)
    {
        var match = MainPattern().Match(html);
        Assert.True(match.Success, "The page has a main element.");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("<main class=\"kiosk-main\"[^>]*>(.*)</main>", RegexOptions.Singleline)]
    private static partial Regex MainPattern();
}
