using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>Saves what the clinician has typed so far, as they type. <see cref="Version"/> is the version the page
/// loaded or last saved: if someone else saved in between, the save is refused and the page shows their version.</summary>
public sealed record SaveIntakeDraft(
    Guid PatientId,
    Guid AssessmentId,
    Guid Version,
    Indication? Indication,
    string? IndicationNote,
    string? MedicalHistory,
    IReadOnlyList<ScreeningItem> Contraindications,
    IReadOnlyList<ScreeningItem> MedicationScreen);

/// <summary>The new version token and when the draft was saved.</summary>
public sealed record DraftSaved(Guid Version, DateTime SavedUtc);

public sealed class SaveIntakeDraftValidator : AbstractValidator<SaveIntakeDraft>
{
    public const int MaxNoteLength = 1000;
    public const int MaxHistoryLength = 8000;

    public SaveIntakeDraftValidator()
    {
        RuleFor(c => c.Indication).IsInEnum().WithMessage("Choose the indication from the list.");
        RuleFor(c => c.IndicationNote).MaximumLength(MaxNoteLength).WithMessage($"The indication note can be at most {MaxNoteLength} characters.");
        RuleFor(c => c.MedicalHistory).MaximumLength(MaxHistoryLength).WithMessage($"The medical history can be at most {MaxHistoryLength} characters.");
        RuleForEach(c => c.Contraindications).ChildRules(item =>
        {
            item.RuleFor(i => i.Answer).IsInEnum().WithMessage("Answer Yes, No or Unknown.");
            item.RuleFor(i => i.Note).MaximumLength(MaxNoteLength).WithMessage($"A note can be at most {MaxNoteLength} characters.");
        });
        RuleForEach(c => c.MedicationScreen).ChildRules(item =>
        {
            item.RuleFor(i => i.Answer).IsInEnum().WithMessage("Answer Yes or No.");
            item.RuleFor(i => i.Note).MaximumLength(MaxNoteLength).WithMessage($"A note can be at most {MaxNoteLength} characters.");
        });
    }
}

public sealed class SaveIntakeDraftHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    IValidator<SaveIntakeDraft> validator,
    TimeProvider time)
{
    public async Task<Result<DraftSaved>> HandleAsync(ClaimsPrincipal user, SaveIntakeDraft command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.Assess, nameof(IntakeAssessment), command.AssessmentId, command.PatientId, "save intake draft", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await IntakeLookup.FindEditableAsync(db, command.PatientId, command.AssessmentId, command.Version, cancellationToken);
        if (!found.IsSuccess)
        {
            return found.Error!;
        }

        var assessment = found.Value;

        var now = time.GetUtcNow().UtcDateTime;
        var saved = assessment.SaveDraft(
            new IntakeDraft(command.Indication, command.IndicationNote, command.MedicalHistory, command.Contraindications, command.MedicationScreen), now);
        if (!saved.IsSuccess)
        {
            return saved.Error!;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return IntakeErrors.ChangedByAnother;
        }

        return new DraftSaved(assessment.Version, now);
    }
}
