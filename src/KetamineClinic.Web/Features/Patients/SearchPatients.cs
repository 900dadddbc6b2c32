using System.Globalization;
using System.Linq.Expressions;
using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Patients;

/// <summary>
/// One page of the registry. <see cref="Text"/> is read as a date of birth when it parses as one, as a record number
/// when it mixes letters and digits, as a phone number when it is digits, otherwise as a name ("family given" or
/// "given family", prefix). Pages are keyset-paged by (SearchName, Id): <see cref="After"/> for the next page,
/// <see cref="Before"/> for the previous one, neither for the first.
/// </summary>
public sealed record SearchPatients(
    string? Text = null,
    bool IncludeArchived = false,
    PatientCursor? After = null,
    PatientCursor? Before = null,
    int PageSize = SearchPatients.DefaultPageSize)
{
    public const int DefaultPageSize = 25;

    public const string DateFormatsHelp = "1984-03-09 or 03/09/1984 (month/day/year)";
}

/// <summary>Where a page starts or ends, in registry order.</summary>
public sealed record PatientCursor(string SearchName, Guid Id);

public enum PatientSearchKind
{
    All,
    Name,
    RecordNumber,
    DateOfBirth,
    Phone,
}

public sealed record PatientRow(
    Guid Id,
    string FamilyName,
    string GivenName,
    string SearchName,
    string Mrn,
    DateOnly DateOfBirth,
    Sex Sex,
    string? Phone,
    decimal? LatestWeightKg,
    DateTime? LatestWeightUtc,
    bool IsArchived)
{
    public int Age { get; init; }

    public PatientCursor Cursor => new(SearchName, Id);
}

public sealed record PatientPage(IReadOnlyList<PatientRow> Rows, PatientCursor? Next, PatientCursor? Previous, PatientSearchKind Kind);

public sealed class SearchPatientsValidator : AbstractValidator<SearchPatients>
{
    public SearchPatientsValidator()
    {
        RuleFor(q => q.Text).MaximumLength(200).WithMessage("Search for at most 200 characters.");
        RuleFor(q => q.PageSize).InclusiveBetween(1, 100).WithMessage("A page holds 1 to 100 patients.");
        RuleFor(q => q).Must(q => q.After is null || q.Before is null).WithMessage("Page forwards or backwards, not both.");
    }
}

/// <summary>What the search text means.</summary>
public sealed record PatientSearchTerm(PatientSearchKind Kind, string Value, DateOnly? DateOfBirth = null)
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy"];

    public static PatientSearchTerm Parse(string? text)
    {
        var trimmed = text?.Trim() ?? "";
        if (trimmed.Length == 0)
        {
            return new PatientSearchTerm(PatientSearchKind.All, "");
        }

        if (DateOnly.TryParseExact(trimmed, DateFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new PatientSearchTerm(PatientSearchKind.DateOfBirth, trimmed, date);
        }

        if (!trimmed.Contains(' ', StringComparison.Ordinal) && trimmed.Any(char.IsAsciiLetter) && trimmed.Any(char.IsAsciiDigit)
            && trimmed.All(char.IsAsciiLetterOrDigit))
        {
            return new PatientSearchTerm(PatientSearchKind.RecordNumber, trimmed.ToUpperInvariant());
        }

        if (trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '-' or '(' or ')' or '.'))
        {
            return new PatientSearchTerm(PatientSearchKind.Phone, PatientSearch.Digits(trimmed) ?? "");
        }

        var name = PatientSearch.NormalizeName(trimmed);
        return name.Length == 0 ? new PatientSearchTerm(PatientSearchKind.All, "") : new PatientSearchTerm(PatientSearchKind.Name, name);
    }
}

public sealed class SearchPatientsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    PatientAccess access,
    ClinicSettingsProvider settings,
    IValidator<SearchPatients> validator,
    TimeProvider clock)
{
    public async Task<Result<PatientPage>> HandleAsync(ClaimsPrincipal user, SearchPatients query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (await access.DemandAsync(user, Policies.ViewPatients, "patient registry", cancellationToken: cancellationToken) is { } refused)
        {
            return refused;
        }

        if (await validator.FirstErrorAsync(query, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        var term = PatientSearchTerm.Parse(query.Text);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await PageQuery(db, query, term).ToListAsync(cancellationToken);

        var backwards = query.Before is not null;
        var more = rows.Count > query.PageSize;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        var clinic = await settings.GetAsync(cancellationToken);
        var today = ClinicDays.Today(clinic, clock.GetUtcNow().UtcDateTime);
        var page = rows.Select(r => r with { Age = Patient.AgeOn(r.DateOfBirth, today) }).ToList();
        PatientCursor? next = backwards ? page.LastOrDefault()?.Cursor : more ? page[^1].Cursor : null;
        PatientCursor? previous = backwards ? (more ? page[0].Cursor : null) : query.After is not null ? page.FirstOrDefault()?.Cursor : null;
        return new PatientPage(page, next, previous, term.Kind);
    }

    /// <summary>The query of one page (one more row than the page, to know whether another follows), in registry
    /// order, or in reverse order when paging backwards. Public so tests can read its plan.</summary>
    public static IQueryable<PatientRow> PageQuery(ClinicDbContext db, SearchPatients query, PatientSearchTerm term)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(term);
        var patients = Filter(db.Patients.AsNoTracking(), term);
        if (!query.IncludeArchived)
        {
            patients = patients.Where(p => !p.IsArchived);
        }

        if (query.After is { } after)
        {
            var name = after.SearchName;
            var id = after.Id;
            // The first condition is redundant but lets the database seek the (SearchName, Id) index.
            patients = patients
                .Where(p => string.Compare(p.SearchName, name) >= 0)
                .Where(p => string.Compare(p.SearchName, name) > 0 || p.Id.CompareTo(id) > 0)
                .OrderBy(p => p.SearchName).ThenBy(p => p.Id);
        }
        else if (query.Before is { } before)
        {
            var name = before.SearchName;
            var id = before.Id;
            patients = patients
                .Where(p => string.Compare(p.SearchName, name) <= 0)
                .Where(p => string.Compare(p.SearchName, name) < 0 || p.Id.CompareTo(id) < 0)
                .OrderByDescending(p => p.SearchName).ThenByDescending(p => p.Id);
        }
        else
        {
            patients = patients.OrderBy(p => p.SearchName).ThenBy(p => p.Id);
        }

        return patients.Take(query.PageSize + 1).Select(p => new PatientRow(
            p.Id,
            p.FamilyName,
            p.GivenName,
            p.SearchName,
            p.Mrn,
            p.DateOfBirth,
            p.Sex,
            p.Phone,
            p.Weights.OrderByDescending(w => w.MeasuredUtc).ThenByDescending(w => w.RecordedUtc).Select(w => (decimal?)w.WeightKg).FirstOrDefault(),
            p.Weights.OrderByDescending(w => w.MeasuredUtc).ThenByDescending(w => w.RecordedUtc).Select(w => (DateTime?)w.MeasuredUtc).FirstOrDefault(),
            p.IsArchived));
    }

    private static IQueryable<Patient> Filter(IQueryable<Patient> patients, PatientSearchTerm term)
    {
        switch (term.Kind)
        {
            case PatientSearchKind.DateOfBirth:
                var birth = term.DateOfBirth!.Value;
                return patients.Where(p => p.DateOfBirth == birth);
            case PatientSearchKind.RecordNumber:
                var mrn = term.Value;
                return patients.Where(p => p.Mrn == mrn);
            case PatientSearchKind.Phone:
                var digits = term.Value;
                if (digits.Length == 0)
                {
                    return patients;
                }

                // All digits may also be a record number when the clinic's numbers have no prefix.
                var (low, high) = PrefixRange(digits);
                return patients.Where(p => (string.Compare(p.PhoneDigits, low) >= 0 && string.Compare(p.PhoneDigits, high) < 0) || p.Mrn == digits);
            case PatientSearchKind.Name:
                return patients.Where(NameMatches(term.Value));
            default:
                return patients;
        }
    }

    /// <summary>"FAMILY GIVEN" by prefix; with several words also "GIVEN FAMILY" (every split of the words), each as a
    /// range seek on the SearchName index.</summary>
    private static Expression<Func<Patient, bool>> NameMatches(string normalized)
    {
        var match = PrefixOf(normalized);
        var words = normalized.Split(' ');
        for (var split = 1; split < words.Length && split < 4; split++)
        {
            var given = " " + string.Join(' ', words[..split]);
            var family = string.Join(' ', words[split..]);
            var (low, high) = PrefixRange(family);
            Expression<Func<Patient, bool>> reversed = p =>
                string.Compare(p.SearchName, low) >= 0 && string.Compare(p.SearchName, high) < 0 && p.SearchName.Contains(given);
            match = Or(match, reversed);
        }

        return match;
    }

    private static Expression<Func<Patient, bool>> PrefixOf(string prefix)
    {
        var (low, high) = PrefixRange(prefix);
        return p => string.Compare(p.SearchName, low) >= 0 && string.Compare(p.SearchName, high) < 0;
    }

    /// <summary>[prefix, prefix with its last character incremented): exactly the strings starting with the prefix
    /// in ordinal (SQLite BINARY, PostgreSQL C) order, which an index can seek.</summary>
    private static (string Low, string High) PrefixRange(string prefix) =>
        (prefix, prefix[..^1] + (char)(prefix[^1] + 1));

    private static Expression<Func<Patient, bool>> Or(Expression<Func<Patient, bool>> left, Expression<Func<Patient, bool>> right)
    {
        var parameter = left.Parameters[0];
        var body = new ReplaceParameter(right.Parameters[0], parameter).Visit(right.Body);
        return Expression.Lambda<Func<Patient, bool>>(Expression.OrElse(left.Body, body), parameter);
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
