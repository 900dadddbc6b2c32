using System.Security.Cryptography;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// One-time passwords an administrator (or create-admin) hands to a staff member, who must change it at first sign-in.
/// Four groups of five characters from an alphabet without look-alikes (0/O, 1/l/I), so it can be read out or typed
/// from a note: 20 random characters, about 115 bits.
/// </summary>
public static class OneTimePassword
{
    private const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private const int Groups = 4;
    private const int GroupLength = 5;

    public static string Generate() =>
        string.Join('-', Enumerable.Range(0, Groups).Select(_ => RandomNumberGenerator.GetString(Alphabet, GroupLength)));
}
