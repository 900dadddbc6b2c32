using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Clinic;
using KetamineClinic.Domain.Common;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Settings;

/// <summary>Administrator changes the medical record number format (prefix and digits). Numbers already issued keep
/// theirs; only new patients get the new format.</summary>
public sealed record ChangeMrnFormat(string? Prefix, int Digits, Guid Version);

public sealed class ChangeMrnFormatValidator : AbstractValidator<ChangeMrnFormat>
{
    public ChangeMrnFormatValidator()
    {
        // The same rule as ClinicSettings.ChangeMrnFormat, so the message appears at the field before saving.
        RuleFor(c => c.Prefix).Must(p =>
            {
                var clean = p?.Trim() ?? "";
                return clean.Length <= 10 && clean.All(char.IsAsciiLetterOrDigit) && (clean.Length == 0 || char.IsAsciiLetter(clean[0]));
            })
            .WithMessage(ClinicErrors.MrnPrefix.Message);
        RuleFor(c => c.Digits).InclusiveBetween(4, 12).WithMessage(ClinicErrors.MrnDigits.Message);
    }
}

/// <summary>The record-number format and the number the next patient will get.</summary>
public sealed record MrnFormatView(string Prefix, int Digits, long NextNumber, Guid Version);

public sealed class ChangeMrnFormatHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<ChangeMrnFormat> validator,
    ClinicSettingsProvider provider)
{
    /// <summary>The current format and the next number to be issued.</summary>
    public async Task<Result<MrnFormatView>> GetAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ClinicSettings.AsNoTracking().SingleAsync(cancellationToken);
        return new MrnFormatView(settings.MrnPrefix, settings.MrnDigits, await NextNumberAsync(db, cancellationToken), settings.Version);
    }

    public async Task<Result<MrnFormatView>> HandleAsync(ClaimsPrincipal user, ChangeMrnFormat command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (!(await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded)
        {
            return AccessErrors.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await db.ClinicSettings.SingleAsync(cancellationToken);
        if (settings.Version != command.Version)
        {
            return UpdateClinicSettingsHandler.ChangedByAnother;
        }

        var changed = settings.ChangeMrnFormat(command.Prefix, command.Digits);
        if (!changed.IsSuccess)
        {
            return changed.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return UpdateClinicSettingsHandler.ChangedByAnother;
        }

        provider.Invalidate();
        return new MrnFormatView(settings.MrnPrefix, settings.MrnDigits, await NextNumberAsync(db, cancellationToken), settings.Version);
    }

    private static async Task<long> NextNumberAsync(ClinicDbContext db, CancellationToken cancellationToken)
    {
        var issued = await db.SequenceCounters.AsNoTracking()
            .Where(c => c.Name == SequenceCounter.MedicalRecordNumber)
            .Select(c => (long?)c.Value)
            .SingleOrDefaultAsync(cancellationToken);
        return (issued ?? 0) + 1;
    }
}
