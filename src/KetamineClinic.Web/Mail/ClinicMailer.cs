using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KetamineClinic.Web.Mail;

/// <summary>Sends the clinic's e-mail. Implementations never log a message's recipients or content.</summary>
public interface IClinicMailer
{
    /// <summary>The sender to put on messages (address and display name).</summary>
    MailboxAddress Sender(string clinicName);

    /// <summary>Sends the message, or throws (<see cref="SmtpCommandException"/>, <see cref="IOException"/>, ...) so the
    /// caller can record the failure and try again.</summary>
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>
/// MailKit over SMTP when <see cref="MailOptions.Host"/> is set; otherwise each message is written as an .eml file to
/// the pickup folder (written under a temporary name, then renamed, so a collector never reads half a file).
/// </summary>
public sealed class ClinicMailer(IOptions<MailOptions> options, IHostEnvironment environment) : IClinicMailer
{
    private readonly MailOptions _options = options.Value;

    public string PickupFolder => Path.GetFullPath(Path.Combine(environment.ContentRootPath, _options.PickupFolder));

    public MailboxAddress Sender(string clinicName)
    {
        var name = string.IsNullOrWhiteSpace(_options.FromName) ? clinicName : _options.FromName;
        var address = string.IsNullOrWhiteSpace(_options.From) ? "no-reply@localhost" : _options.From;
        return new MailboxAddress(name, address);
    }

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_options.UsesSmtp)
        {
            await SendSmtpAsync(message, cancellationToken);
            return;
        }

        Directory.CreateDirectory(PickupFolder);
        var name = $"{DateTime.UtcNow:yyyyMMddTHHmmssfff}-{Guid.NewGuid():N}";
        var partial = Path.Combine(PickupFolder, name + ".tmp");
        await message.WriteToAsync(partial, cancellationToken);
        File.Move(partial, Path.Combine(PickupFolder, name + ".eml"));
    }

    private async Task SendSmtpAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient { Timeout = (int)TimeSpan.FromMinutes(1).TotalMilliseconds };
        var security = _options.UseStartTls
            ? SecureSocketOptions.StartTls
            : _options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.None;
        await client.ConnectAsync(_options.Host!, _options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(_options.User))
        {
            await client.AuthenticateAsync(_options.User, _options.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>Validates the mail settings at start-up: an SMTP host needs a sender address.</summary>
public sealed class MailOptionsValidator : IValidateOptions<MailOptions>
{
    public ValidateOptionsResult Validate(string? name, MailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.UsesSmtp && string.IsNullOrWhiteSpace(options.From))
        {
            return ValidateOptionsResult.Fail("Mail:From is required when Mail:Host is set.");
        }

        if (options.Port is < 1 or > 65535)
        {
            return ValidateOptionsResult.Fail("Mail:Port must be from 1 to 65535.");
        }

        return string.IsNullOrWhiteSpace(options.PickupFolder) && !options.UsesSmtp
            ? ValidateOptionsResult.Fail("Mail:PickupFolder is required when Mail:Host is not set.")
            : ValidateOptionsResult.Success;
    }
}

public static class MailSetup
{
    public static IServiceCollection AddClinicMail(this IServiceCollection services)
    {
        services.AddOptions<MailOptions>().BindConfiguration(MailOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<MailOptions>, MailOptionsValidator>();
        services.AddSingleton<ClinicMailer>();
        services.AddSingleton<IClinicMailer>(sp => sp.GetRequiredService<ClinicMailer>());
        return services;
    }
}
