using FluentValidation;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Settings;

/// <summary>Administrator changes the clinic's name and time zone.</summary>
public sealed record UpdateClinicSettings(string Name, string TimeZoneId, Guid Version);

public sealed class UpdateClinicSettingsValidator : AbstractValidator<UpdateClinicSettings>
{
    public UpdateClinicSettingsValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Enter the clinic's name.")
            .MaximumLength(200).WithMessage("The clinic's name can be at most 200 characters.");
        RuleFor(c => c.TimeZoneId).NotEmpty().WithMessage("Choose the clinic's time zone.")
            .Must(id => ClinicSettings.FindTimeZone(id).IsSuccess).WithMessage("Choose a time zone from the list.");
    }
}

public sealed class UpdateClinicSettingsHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicSettingsProvider provider,
    IValidator<UpdateClinicSettings> validator)
{
    public static readonly DomainError ChangedByAnother = new("clinic.settings_changed", "Another administrator changed the settings while you were editing. Their values are now shown; make your change again.");

    public async Task<Result<ClinicSettings>> HandleAsync(UpdateClinicSettings command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ClinicSettings.SingleAsync(cancellationToken);
        if (settings.Version != command.Version)
        {
            return ChangedByAnother;
        }

        var changed = settings.Change(command.Name, command.TimeZoneId);
        if (!changed.IsSuccess)
        {
            return changed;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ChangedByAnother;
        }

        provider.Invalidate();
        return settings;
    }
}
