using System.Collections.Frozen;
using KetamineClinic.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// Refuses passwords on the list of common passwords that ships with the app (Auth/common-passwords.txt), and
/// passwords that contain the account's own e-mail name (NIST SP 800-63B 3.1.1.2: screen against commonly used,
/// expected or compromised values and context-specific words). Length is checked by Identity's own options.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<StaffUser>
{
    public const string CommonPasswordCode = "CommonPassword";
    public const string ContainsEmailCode = "PasswordContainsEmail";

    /// <summary>E-mail names shorter than this (e.g. "al@...") are too likely to occur by chance to refuse on.</summary>
    private const int MinimumEmailNameLength = 3;

    private const string ResourceName = "KetamineClinic.Web.Auth.common-passwords.txt";

    private static readonly Lazy<FrozenSet<string>> List = new(Load);

    /// <summary>The number of entries on the shipped list (for tests and diagnostics).</summary>
    public static int ListCount => List.Value.Count;

    public static bool IsCommon(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return List.Value.Contains(password) || List.Value.Contains(password.Trim());
    }

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (string.IsNullOrEmpty(password))
        {
            // Identity's own validator reports the missing or short password.
            return Task.FromResult(IdentityResult.Success);
        }

        var errors = new List<IdentityError>();
        if (IsCommon(password))
        {
            errors.Add(new IdentityError
            {
                Code = CommonPasswordCode,
                Description = "This password is on the list of commonly used passwords. Choose one that is harder to guess, such as a few unrelated words.",
            });
        }

        var emailName = EmailName(user.Email ?? user.UserName);
        if (emailName is not null && password.Contains(emailName, StringComparison.OrdinalIgnoreCase))
        {
            errors.Add(new IdentityError
            {
                Code = ContainsEmailCode,
                Description = "The password must not contain your e-mail address or name.",
            });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static string? EmailName(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return null;
        }

        var at = email.IndexOf('@', StringComparison.Ordinal);
        var name = (at >= 0 ? email[..at] : email).Trim();
        return name.Length >= MinimumEmailNameLength ? name : null;
    }

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswordValidator).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The common-password list ({ResourceName}) is not embedded in the app.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            var entry = line.Trim();
            if (entry.Length > 0 && !entry.StartsWith('#'))
            {
                entries.Add(entry);
            }
        }

        return entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
