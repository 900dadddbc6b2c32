using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace KetamineClinic.Domain.Patients;

/// <summary>Normalisation shared by storage and search, so "Zoë O'Brien" is found by "obrien zoe".</summary>
public static partial class PatientSearch
{
    public static string NormalizeName(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var decomposed = value.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
            else if (char.IsWhiteSpace(c) || c is ',' or '-')
            {
                builder.Append(' ');
            }
        }

        return Spaces().Replace(builder.ToString(), " ").Trim();
    }

    public static string? Digits(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        var digits = new string(value.Where(char.IsAsciiDigit).ToArray());
        return digits.Length == 0 ? null : digits;
    }

    [GeneratedRegex(" {2,}")]
    private static partial Regex Spaces();
}

/// <summary>ICD-10 codes: a letter, two digits, optionally a dot and up to four more characters (e.g. F33.2, G90.5).</summary>
public static partial class Icd10
{
    public static bool IsWellFormed(string code) => Pattern().IsMatch(code);

    [GeneratedRegex("^[A-Z][0-9][0-9A-Z](\\.[0-9A-Z]{1,4})?$")]
    private static partial Regex Pattern();
}
