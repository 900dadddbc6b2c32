namespace KetamineClinic.Web.Mail;

/// <summary>
/// Where the clinic's e-mail goes (section "Mail"). With a <see cref="Host"/>, messages are sent over SMTP (MailKit);
/// without one they are written as .eml files to <see cref="PickupFolder"/>, so the app works out of the box and an
/// administrator (or a mail server's pickup directory) can collect them.
/// </summary>
public sealed class MailOptions
{
    public const string Section = "Mail";

    /// <summary>The SMTP server. Empty: write .eml files to the pickup folder instead.</summary>
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>STARTTLS on a plain connection (port 587). False with port 465 means implicit TLS; false with any other
    /// port sends without encryption, which is only for a relay on the same host.</summary>
    public bool UseStartTls { get; set; } = true;

    public string? User { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender address. Required with <see cref="Host"/>.</summary>
    public string? From { get; set; }

    /// <summary>The sender's display name; the clinic's name when empty.</summary>
    public string? FromName { get; set; }

    /// <summary>The folder for .eml files when no host is set; relative paths are under the content root.</summary>
    public string PickupFolder { get; set; } = Path.Combine("App_Data", "mail-pickup");

    public bool UsesSmtp => !string.IsNullOrWhiteSpace(Host);
}
