using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>One row of vitals as typed: taken at <paramref name="TakenLocal"/> (clinic time; now when empty).</summary>
public sealed record VitalsEntry(
    DateTime? TakenLocal, int? Systolic, int? Diastolic, int? HeartRate, int? SpO2, int? RespiratoryRate, decimal? TemperatureC, string? Comment)
{
    public VitalsInput ToInput() => new(Systolic ?? 0, Diastolic ?? 0, HeartRate ?? 0, SpO2 ?? 0, RespiratoryRate ?? 0, TemperatureC,
        string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim());
}

/// <summary>Records one row of vitals, saved at once (each row on Enter: nothing waits in the browser).</summary>
public sealed record RecordVitals(Guid AppointmentId, Guid ExpectedVersion, VitalsEntry Entry);

/// <summary>Each field on its own, so the row can show the message at the field. The limits are the domain's
/// plausibility limits (<see cref="VitalsInput.Check"/>), which the server applies again.</summary>
public sealed class VitalsEntryValidator : AbstractValidator<VitalsEntry>
{
    public VitalsEntryValidator()
    {
        Field(e => e.Systolic, "Systolic pressure", "systolic", 50, 300, "mmHg");
        Field(e => e.Diastolic, "Diastolic pressure", "diastolic", 20, 200, "mmHg");
        Field(e => e.HeartRate, "Heart rate", "heart rate", 20, 250, "/min");
        Field(e => e.SpO2, "SpO2", "SpO2", 50, 100, "%");
        Field(e => e.RespiratoryRate, "Respiratory rate", "respiratory rate", 4, 60, "/min");
        RuleFor(e => e.Diastolic).Must((e, d) => d is null || e.Systolic is null || d < e.Systolic)
            .WithMessage(SessionErrors.DiastolicAboveSystolic.Message);
        RuleFor(e => e.TemperatureC).InclusiveBetween(30m, 43m).When(e => e.TemperatureC is not null)
            .WithMessage(SessionErrors.VitalRange("Temperature", 30, 43, "°C").Message);
        RuleFor(e => e.Comment).MaximumLength(VitalsInput.MaxCommentLength).WithMessage(SessionErrors.CommentTooLong.Message);
    }

    private void Field(System.Linq.Expressions.Expression<Func<VitalsEntry, int?>> field, string what, string lower, int min, int max, string unit) =>
        RuleFor(field).NotNull().WithMessage($"Enter the {lower}.")
            .InclusiveBetween(min, max).WithMessage(SessionErrors.VitalRange(what, min, max, unit).Message);
}

public sealed class RecordVitalsValidator : AbstractValidator<RecordVitals>
{
    public RecordVitalsValidator(IValidator<VitalsEntry> entry)
    {
        RuleFor(c => c.Entry).NotNull().SetValidator(entry);
    }
}

public sealed class RecordVitalsHandler(SessionWorkspace workspace, IValidator<RecordVitals> validator)
{
    public const string Policy = Policies.RunSession;

    public async Task<Result<VitalsReading>> HandleAsync(ClaimsPrincipal user, RecordVitals command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.ExpectedVersion, Policy, "record vitals",
            (session, actor, clock) => session.RecordVitals(command.Entry.ToInput(), clock.UtcOrNow(command.Entry.TakenLocal), actor, clock.NowUtc), cancellationToken);
    }
}
