using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Reports;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Intake;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Reports;

/// <summary>The clinic reports for a range of clinic-local dates. Without dates: the last twelve complete weeks; without
/// an end: up to today; without a start: the twelve weeks up to the end.</summary>
public sealed record GetClinicReport(DateOnly? From = null, DateOnly? To = null)
{
    public const string DateFormat = "yyyy-MM-dd";

    /// <summary>The report asked for by a URL's <c>from</c> and <c>to</c> (yyyy-MM-dd; either may be absent).</summary>
    public static Result<GetClinicReport> FromQuery(string? from, string? to)
    {
        DateOnly? Parse(string? text, out bool bad)
        {
            bad = false;
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), DateFormat, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            bad = true;
            return null;
        }

        var fromDate = Parse(from, out var badFrom);
        var toDate = Parse(to, out var badTo);
        return badFrom || badTo ? ReportErrors.BadDate : new GetClinicReport(fromDate, toDate);
    }

    /// <summary>The query string of a range, for links and bookmarks.</summary>
    public static string QueryString(ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(range);
        return $"from={ReportFormat.Date(range.From)}&to={ReportFormat.Date(range.To)}";
    }
}

public sealed class GetClinicReportValidator : AbstractValidator<GetClinicReport>
{
    public GetClinicReportValidator() =>
        RuleFor(q => q).Must(q => q.From is null || q.To is null || q.From <= q.To).WithMessage(ReportErrors.FromAfterTo.Message);
}

/// <summary>
/// Computes the clinic reports (policy <see cref="Policies.ViewReports"/>; a refusal is audited). The rows of the range
/// are loaded by <see cref="ClinicReportQueries"/> in a fixed number of statements and handed to
/// <see cref="ClinicReport.Build"/>, which does all the arithmetic. The report names no patient, so no patient read is
/// audited; CSV exports are (see <see cref="ReportCsv"/>).
/// </summary>
public sealed class GetClinicReportHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    IValidator<GetClinicReport> validator,
    TimeProvider clock)
{
    public async Task<Result<ClinicReport>> HandleAsync(ClaimsPrincipal user, GetClinicReport query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(query);
        using var actor = ClinicalAccess.ActAs(user);
        if (!(user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, Policies.ViewReports)).Succeeded))
        {
            await audit.RecordDeniedAsync("ClinicReport", what: "open the clinic reports", cancellationToken: cancellationToken);
            return AccessErrors.NotAllowed;
        }

        if (await validator.FirstErrorAsync(query, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        var now = clock.GetUtcNow().UtcDateTime;
        var range = Range(query, DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, zone)), zone);
        if (!range.IsSuccess)
        {
            return range.Error!;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var data = await ClinicReportQueries.LoadAsync(db, range.Value, cancellationToken);
        return ClinicReport.Build(range.Value, now, data);
    }

    /// <summary>The range a query means on <paramref name="today"/> (see <see cref="GetClinicReport"/>).</summary>
    public static Result<ReportRange> Range(GetClinicReport query, DateOnly today, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query is { From: null, To: null })
        {
            return ReportRange.LastCompleteWeeks(today, zone);
        }

        var to = query.To ?? today;
        var from = query.From ?? to.AddDays(-(7 * ReportRange.DefaultWeeks) + 1);
        return ReportRange.Create(from, to, zone, today);
    }
}
