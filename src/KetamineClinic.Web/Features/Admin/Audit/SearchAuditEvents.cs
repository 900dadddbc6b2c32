using FluentValidation;
using KetamineClinic.Domain.Audit;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Audit;

/// <summary>
/// One page of the audit trail, newest first, filtered. Dates are days in the clinic's time zone (inclusive). Paging is
/// by keyset on <see cref="AuditEvent.Sequence"/>: <see cref="OlderThan"/> for the next page back,
/// <see cref="NewerThan"/> for the page before, neither for the newest page. <see cref="AtSequence"/> opens the page
/// whose first row is that row (the link from a failed chain verification).
/// </summary>
public sealed record SearchAuditEvents(
    string? User = null,
    string? PatientId = null,
    AuditAction? Action = null,
    DateOnly? From = null,
    DateOnly? To = null,
    long? OlderThan = null,
    long? NewerThan = null,
    long? AtSequence = null,
    int PageSize = SearchAuditEvents.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
}

public sealed class SearchAuditEventsValidator : AbstractValidator<SearchAuditEvents>
{
    public SearchAuditEventsValidator()
    {
        RuleFor(q => q.User).MaximumLength(256).WithMessage("Search for at most 256 characters of a name or e-mail.");
        RuleFor(q => q.PatientId).MaximumLength(100).WithMessage("A patient id is at most 100 characters.");
        RuleFor(q => q.To).GreaterThanOrEqualTo(q => q.From).When(q => q.From is not null && q.To is not null)
            .WithMessage("The end date must be on or after the start date.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 500).WithMessage("A page holds 1 to 500 events.");
    }
}

/// <summary>One row as the audit page shows it; <see cref="OccurredClinicTime"/> is in the clinic's time zone.</summary>
public sealed record AuditEventRow(
    long Id,
    long Sequence,
    DateTime OccurredUtc,
    DateTime OccurredClinicTime,
    string? UserId,
    string? UserName,
    string? Roles,
    AuditAction Action,
    string EntityType,
    string? EntityId,
    string? PatientId,
    AuditOutcome Outcome,
    string? ClientAddress,
    string? Detail);

public sealed record AuditEventPage(IReadOnlyList<AuditEventRow> Rows, bool HasOlder, bool HasNewer, string TimeZoneId);

public sealed class SearchAuditEventsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicSettingsProvider settings,
    IValidator<SearchAuditEvents> validator)
{
    public async Task<Result<AuditEventPage>> HandleAsync(SearchAuditEvents query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await validator.FirstErrorAsync(query, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var clinic = await settings.GetAsync(cancellationToken);
        var zone = clinic.TimeZone;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var filtered = Filter(db, query, zone);

        List<AuditEvent> rows;
        bool hasOlder, hasNewer;
        if (query.NewerThan is { } newer && query.AtSequence is null)
        {
            // Walk forwards from the page's top row, then show newest first.
            rows = await filtered.Where(e => e.Sequence > newer).OrderBy(e => e.Sequence)
                .Take(query.PageSize + 1).AsNoTracking().ToListAsync(cancellationToken);
            hasNewer = rows.Count > query.PageSize;
            rows = [.. rows.Take(query.PageSize).OrderByDescending(e => e.Sequence)];
            var bottom = rows.Count > 0 ? rows[^1].Sequence : newer + 1;
            hasOlder = await filtered.AnyAsync(e => e.Sequence < bottom, cancellationToken);
        }
        else
        {
            var page = filtered;
            if (query.AtSequence is { } at)
            {
                page = page.Where(e => e.Sequence <= at);
            }
            else if (query.OlderThan is { } older)
            {
                page = page.Where(e => e.Sequence < older);
            }

            rows = await page.OrderByDescending(e => e.Sequence)
                .Take(query.PageSize + 1).AsNoTracking().ToListAsync(cancellationToken);
            hasOlder = rows.Count > query.PageSize;
            rows = [.. rows.Take(query.PageSize)];
            var top = rows.Count > 0 ? rows[0].Sequence : query.AtSequence ?? query.OlderThan;
            hasNewer = top is { } t && (query.AtSequence is not null || query.OlderThan is not null)
                && await filtered.AnyAsync(e => e.Sequence > t, cancellationToken);
        }

        return new AuditEventPage(
            [.. rows.Select(e => new AuditEventRow(
                e.Id, e.Sequence, e.OccurredUtc, clinic.ToClinicTime(e.OccurredUtc), e.UserId, e.UserName, e.Roles,
                e.Action, e.EntityType, e.EntityId, e.PatientId, e.Outcome, e.ClientAddress, e.Detail))],
            hasOlder,
            hasNewer,
            clinic.TimeZoneId);
    }

    private static IQueryable<AuditEvent> Filter(ClinicDbContext db, SearchAuditEvents query, TimeZoneInfo zone)
    {
        var events = db.AuditEvents.AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.User))
        {
            // The user name (the e-mail) on the row, or the staff member's current display name.
            var term = query.User.Trim().ToLowerInvariant();
            events = events.Where(e =>
                (e.UserName != null && e.UserName.ToLower().Contains(term))
                || db.Users.Any(u => u.Id == e.UserId && u.DisplayName.ToLower().Contains(term)));
        }

        if (!string.IsNullOrWhiteSpace(query.PatientId))
        {
            var patient = query.PatientId.Trim();
            events = events.Where(e => e.PatientId == patient);
        }

        if (query.Action is { } action)
        {
            events = events.Where(e => e.Action == action);
        }

        if (query.From is { } from)
        {
            var fromUtc = ClinicDayStartUtc(from, zone);
            events = events.Where(e => e.OccurredUtc >= fromUtc);
        }

        if (query.To is { } to)
        {
            var toUtc = ClinicDayStartUtc(to.AddDays(1), zone);
            events = events.Where(e => e.OccurredUtc < toUtc);
        }

        return events;
    }

    /// <summary>The UTC instant a clinic day begins. Where a daylight-saving change skips midnight, the day begins at
    /// the first local time that exists.</summary>
    public static DateTime ClinicDayStartUtc(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
