using System.Security.Claims;
using System.Text;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Reports;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace KetamineClinic.Web.Features.Reports;

/// <summary>
/// A report table as a CSV file (RFC 4180): UTF-8 with a byte-order mark (so spreadsheet programs read "—" and "÷"
/// correctly), a header row, CRLF line ends, and exactly the cells the page shows — the same handler, the same
/// <see cref="ReportTable"/>, so the same rounding, invariant numbers and clinic-zone dates. A cell that a spreadsheet
/// would run as a formula (starting with = + - @, tab or carriage return: e.g. a chair named "=HYPERLINK(…)") is
/// prefixed with an apostrophe. Served at <c>GET /reports/{table}.csv?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (policy
/// <see cref="Policies.ViewReports"/>); each download is written to the audit trail as an export.
/// </summary>
public static class ReportCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    public static string Write(ReportTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var text = new StringBuilder();
        foreach (var row in new[] { table.Columns }.Concat(table.Rows))
        {
            text.AppendJoin(',', row.Select(Cell)).Append("\r\n");
        }

        return text.ToString();
    }

    public static byte[] Bytes(ReportTable table) => [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(Write(table))];

    /// <summary>One cell: protected against formula injection, then quoted when it holds a comma, quote or line break.</summary>
    public static string Cell(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var safe = Protect(value);
        return safe.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? $"\"{safe.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : safe;
    }

    /// <summary>The cell as a spreadsheet should show it, never as a formula.</summary>
    public static string Protect(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
    }

    public static string FileName(ReportTable table, ReportRange range)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(range);
        return $"{table.Key}_{ReportFormat.Date(range.From)}_{ReportFormat.Date(range.To)}.csv";
    }

    /// <summary>The download link of a table for a range.</summary>
    public static string Href(string key, ReportRange range) => $"reports/{key}.csv?{GetClinicReport.QueryString(range)}";

    public static IEndpointRouteBuilder MapClinicReports(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/reports/{table}.csv", DownloadAsync).RequireAuthorization(Policies.ViewReports);
        return endpoints;
    }

    private static async Task<Results<FileContentHttpResult, NotFound, ForbidHttpResult, ProblemHttpResult>> DownloadAsync(
        string table, string? from, string? to, ClaimsPrincipal user, GetClinicReportHandler handler, IAuditTrail audit, TimeProvider clock,
        HttpContext context, CancellationToken cancellationToken)
    {
        if (!ReportTables.Keys.Contains(table, StringComparer.Ordinal))
        {
            return TypedResults.NotFound();
        }

        var query = GetClinicReport.FromQuery(from, to);
        if (!query.IsSuccess)
        {
            return TypedResults.Problem(query.Error!.Message, statusCode: StatusCodes.Status400BadRequest, title: "The dates of the report are not valid.");
        }

        var report = await handler.HandleAsync(user, query.Value, cancellationToken);
        if (!report.IsSuccess)
        {
            return report.Error == AccessErrors.NotAllowed
                ? TypedResults.Forbid()
                : TypedResults.Problem(report.Error!.Message, statusCode: StatusCodes.Status400BadRequest, title: "The dates of the report are not valid.");
        }

        var chosen = report.Value.Tables.Single(t => t.Key == table);
        await audit.RecordAsync(
            new AuditEntry(clock.GetUtcNow().UtcDateTime, AuditAction.Export, "ClinicReport", chosen.Key, Detail: $"CSV {report.Value.Range.Describe()}"),
            cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(Bytes(chosen), ContentType, FileName(chosen, report.Value.Range));
    }
}
