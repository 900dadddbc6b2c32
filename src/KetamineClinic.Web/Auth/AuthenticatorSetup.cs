using System.Text;
using QRCoder;

namespace KetamineClinic.Web.Auth;

/// <summary>What the "set up an authenticator app" page shows: the key to type in by hand and the same key as a QR
/// code (an otpauth:// URI drawn as inline SVG on the server, so no script or external service sees the secret).</summary>
public static class AuthenticatorSetup
{
    public const string Issuer = "KetamineClinic";

    /// <summary>The Base32 key in groups of four, which is easier to type into a phone.</summary>
    public static string FormatKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var result = new StringBuilder();
        for (var i = 0; i < key.Length; i += 4)
        {
            if (i > 0)
            {
                result.Append(' ');
            }

            result.Append(key.AsSpan(i, Math.Min(4, key.Length - i)));
        }

        return result.ToString();
    }

    /// <summary>The otpauth:// URI authenticator apps read (TOTP, SHA-1, 6 digits, 30 s: what Identity verifies).</summary>
    public static string AuthenticatorUri(string accountName, string key)
    {
        var payload = new PayloadGenerator.OneTimePassword
        {
            Type = PayloadGenerator.OneTimePassword.OneTimePasswordAuthType.TOTP,
            Secret = key,
            Issuer = Issuer,
            Label = accountName,
            Digits = 6,
            Period = 30,
        };
        return payload.ToString();
    }

    /// <summary>The URI as an SVG QR code (scales with its container through the viewBox).</summary>
    public static string QrCodeSvg(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4, "#000000", "#ffffff", true, SvgQRCode.SizingMode.ViewBoxAttribute);
    }
}
