using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Tests.Auth;

public sealed class AuthenticatorSetupTests
{
    private const string Key = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

    [Fact]
    public void Manual_key_is_shown_in_groups_of_four()
    {
        Assert.Equal("JBSW Y3DP EHPK 3PXP JBSW Y3DP EHPK 3PXP", AuthenticatorSetup.FormatKey(Key));
        Assert.Equal("ABCD EF", AuthenticatorSetup.FormatKey("ABCDEF"));
    }

    [Fact]
    public void Authenticator_uri_names_the_clinic_the_account_and_the_secret()
    {
        var uri = new Uri(AuthenticatorSetup.AuthenticatorUri("nurse@clinic.test", Key));

        Assert.Equal("otpauth", uri.Scheme);
        Assert.Equal("totp", uri.Host);
        Assert.Contains($"secret={Key}", uri.Query, StringComparison.Ordinal);
        Assert.Contains("issuer=KetamineClinic", uri.Query, StringComparison.Ordinal);
        Assert.Contains("nurse%40clinic.test", uri.AbsolutePath + uri.OriginalString, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Qr_code_is_a_scalable_inline_svg()
    {
        var svg = AuthenticatorSetup.QrCodeSvg(AuthenticatorSetup.AuthenticatorUri("nurse@clinic.test", Key));

        Assert.StartsWith("<svg", svg.TrimStart(), StringComparison.Ordinal);
        Assert.Contains("viewBox", svg, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", svg, StringComparison.OrdinalIgnoreCase);
    }
}
