using System.Security.Cryptography;
using System.Text;

namespace KetamineClinic.Domain.Outcomes;

/// <summary>
/// The code staff read out or type for a kiosk link: 8 characters from an alphabet without look-alikes (no 0/O, 1/I/L),
/// drawn by <see cref="RandomNumberGenerator"/>: 31^8 ≈ 8.5 × 10^11 codes, so with a handful open at a time and the
/// kiosk's per-address rate limit, guessing one is hopeless within its 30 minutes. Only <see cref="Hash"/> is stored.
/// </summary>
public static class KioskCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public const int Length = 8;

    /// <summary>A new random code, e.g. "K7MQ2XPA".</summary>
    public static string New() => RandomNumberGenerator.GetString(Alphabet, Length);

    /// <summary>The code as typed (any case, spaces or hyphens between the characters), or null when it cannot be a
    /// code: the wrong length or a character outside the alphabet.</summary>
    public static string? Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed) || typed.Length > 40)
        {
            return null;
        }

        var code = new StringBuilder(Length);
        foreach (var c in typed)
        {
            if (c is ' ' or '-')
            {
                continue;
            }

            var upper = char.ToUpperInvariant(c);
            if (!Alphabet.Contains(upper, StringComparison.Ordinal))
            {
                return null;
            }

            code.Append(upper);
        }

        return code.Length == Length ? code.ToString() : null;
    }

    /// <summary>SHA-256 of the normalized code, lowercase hex (64 characters): what <see cref="KioskLink.CodeHash"/>
    /// holds. A code that cannot be one has no hash.</summary>
    public static string? Hash(string? typed) =>
        Normalize(typed) is { } code ? Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(code))) : null;

    /// <summary>Shown to staff and patients in two groups of four: "K7MQ-2XPA".</summary>
    public static string Display(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == Length ? $"{code[..4]}-{code[4..]}" : code;
    }
}
