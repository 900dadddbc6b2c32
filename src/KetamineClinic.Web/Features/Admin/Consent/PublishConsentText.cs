using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Consent;

/// <summary>Administrator publishes a new version of the consent text. <paramref name="BaseVersionId"/> is the
/// version that was current when the form opened (null when there was none).</summary>
public sealed record PublishConsentText(string Title, string Text, Guid? BaseVersionId);

public sealed class PublishConsentTextValidator : AbstractValidator<PublishConsentText>
{
    public const int MaxTitleLength = 200;
    public const int MaxTextLength = 20000;

    public PublishConsentTextValidator()
    {
        RuleFor(c => c.Title).NotEmpty().WithMessage("Give the consent document a title.")
            .MaximumLength(MaxTitleLength).WithMessage($"The title can be at most {MaxTitleLength} characters.");
        RuleFor(c => c.Text).NotEmpty().WithMessage("Write the text the patient consents to.")
            .MaximumLength(MaxTextLength).WithMessage($"The text can be at most {MaxTextLength} characters.");
    }
}

public sealed class PublishConsentTextHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<PublishConsentText> validator,
    TimeProvider clock)
{
    public static readonly DomainError ChangedByAnother = new(
        "consent.changed",
        "Someone else published a new version while you were editing. It is now shown as current; your text is still in the form. Check it and publish again.");

    public async Task<Result<ConsentVersionView>> HandleAsync(ClaimsPrincipal user, PublishConsentText command, CancellationToken cancellationToken = default)
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
        var current = await db.ConsentDocuments.SingleOrDefaultAsync(d => d.IsCurrent, cancellationToken);
        if (current?.Id != command.BaseVersionId)
        {
            return ChangedByAnother;
        }

        var published = ConsentDocument.Publish(command.Title, command.Text, current, StaffIdentity.From(user).Name, clock.GetUtcNow().UtcDateTime);
        if (!published.IsSuccess)
        {
            return published.Error!;
        }

        db.ConsentDocuments.Add(published.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two publications raced: the unique version-number index let one through.
            return ChangedByAnother;
        }

        var d = published.Value;
        return new ConsentVersionView(d.Id, d.VersionNumber, d.Title, d.Text, d.IsCurrent, d.PublishedUtc, d.PublishedBy);
    }
}
