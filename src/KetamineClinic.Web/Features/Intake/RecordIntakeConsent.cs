using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Consent;
using KetamineClinic.Domain.Intake;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Intake;

/// <summary>The patient consents to the version of the consent text they were shown, by ticking "I agree" or typing
/// their full name; the signed-in clinician is the witness. The record is attached to the intake assessment.</summary>
public sealed record RecordIntakeConsent(
    Guid PatientId,
    Guid AssessmentId,
    Guid ConsentDocumentId,
    DateOnly ConsentedOn,
    SignatureMethod Method,
    bool Agreed,
    string? TypedName);

/// <summary>The consent record and the assessment's new version token.</summary>
public sealed record ConsentRecorded(Guid ConsentRecordId, Guid Version);

public sealed class RecordIntakeConsentValidator : AbstractValidator<RecordIntakeConsent>
{
    public RecordIntakeConsentValidator()
    {
        RuleFor(c => c.ConsentDocumentId).NotEmpty().WithMessage("The consent text is missing; reload the page.");
        RuleFor(c => c.Method).IsInEnum().WithMessage("Choose how the patient signs.");
        RuleFor(c => c.Agreed).Equal(true).When(c => c.Method == SignatureMethod.Checkbox).WithMessage(ConsentErrors.NotAgreed.Message);
        RuleFor(c => c.TypedName).NotEmpty().When(c => c.Method == SignatureMethod.TypedName).WithMessage(ConsentErrors.NameRequired.Message)
            .MaximumLength(200).WithMessage("The typed name can be at most 200 characters.");
    }
}

public sealed class RecordIntakeConsentHandler(
    IDbContextFactory<ClinicDbContext> dbFactory,
    ClinicalAccess access,
    IValidator<RecordIntakeConsent> validator,
    TimeProvider time)
{
    public async Task<Result<ConsentRecorded>> HandleAsync(ClaimsPrincipal user, RecordIntakeConsent command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var actor = ClinicalAccess.ActAs(user);
        if (!await access.AllowAsync(user, Policies.Assess, nameof(ConsentRecord), command.AssessmentId, command.PatientId, "record consent", cancellationToken))
        {
            return ClinicalAccess.NotAllowed;
        }

        if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var assessment = await db.IntakeAssessments
            .SingleOrDefaultAsync(a => a.Id == command.AssessmentId && a.PatientId == command.PatientId, cancellationToken);
        if (assessment is null)
        {
            return IntakeErrors.NotFound;
        }

        var patient = await db.Patients.AsNoTracking()
            .Where(p => p.Id == command.PatientId)
            .Select(p => new { p.GivenName, p.FamilyName })
            .SingleAsync(cancellationToken);
        var document = await db.ConsentDocuments.SingleOrDefaultAsync(d => d.Id == command.ConsentDocumentId, cancellationToken);
        if (document is null)
        {
            return ConsentErrors.NotCurrent;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var witness = StaffIdentity.From(user);
        var recorded = ConsentRecord.Record(
            command.PatientId, document, command.ConsentedOn, command.Method, command.Agreed, command.TypedName,
            $"{patient.GivenName} {patient.FamilyName}", witness.Id, witness.Name, now);
        if (!recorded.IsSuccess)
        {
            return recorded.Error!;
        }

        var attached = assessment.AttachConsent(recorded.Value.Id, now);
        if (!attached.IsSuccess)
        {
            return attached.Error!;
        }

        db.ConsentRecords.Add(recorded.Value);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return IntakeErrors.ChangedByAnother;
        }

        return new ConsentRecorded(recorded.Value.Id, assessment.Version);
    }
}
