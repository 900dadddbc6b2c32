using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Availability;

/// <summary>Administrator changes the scheduling settings. <see cref="Version"/> is the row as the administrator saw
/// it, so two administrators editing at once cannot overwrite each other. <see cref="FollowUpDays"/>: the follow-ups
/// proposed after a course's last session, in days (null leaves them as they are; empty proposes none).</summary>
public sealed record ChangeSchedulingSettings(
    int NurseCapacity, int ConsultationMinutes, int FollowUpMinutes, int SlotMinutes, int FirstReminderHours, int SecondReminderHours, Guid Version,
    IReadOnlyList<int>? FollowUpDays = null);

/// <summary>The same rules as <see cref="SchedulingSettings.Change"/>, so each message appears at its field before saving.</summary>
public sealed class ChangeSchedulingSettingsValidator : AbstractValidator<ChangeSchedulingSettings>
{
    public static readonly IReadOnlyList<int> SlotChoices = [5, 10, 15, 20, 30, 60];

    public ChangeSchedulingSettingsValidator()
    {
        RuleFor(c => c.NurseCapacity).InclusiveBetween(1, 6).WithMessage(StaffAvailabilityErrors.NurseCapacity.Message);
        RuleFor(c => c.ConsultationMinutes).InclusiveBetween(10, 240).WithMessage(StaffAvailabilityErrors.Lengths.Message);
        RuleFor(c => c.FollowUpMinutes).InclusiveBetween(10, 240).WithMessage(StaffAvailabilityErrors.Lengths.Message);
        RuleFor(c => c.SlotMinutes).Must(SlotChoices.Contains).WithMessage(StaffAvailabilityErrors.SlotMinutes.Message);
        RuleFor(c => c.FirstReminderHours).InclusiveBetween(1, 168).WithMessage(StaffAvailabilityErrors.Reminders.Message);
        RuleFor(c => c.SecondReminderHours).Must((c, second) => second is >= 1 and <= 168 && second < c.FirstReminderHours)
            .WithMessage(StaffAvailabilityErrors.Reminders.Message);
        RuleFor(c => c.FollowUpDays).Must(days => days is null || FollowUpRules.Validate(days).IsSuccess)
            .WithMessage(c => FollowUpRules.Validate(c.FollowUpDays!).Error!.Message);
    }
}

public sealed class ChangeSchedulingSettingsHandler(AvailabilityAdministration admin, IValidator<ChangeSchedulingSettings> validator)
{
    public async Task<Result<SchedulingSettingsView>> HandleAsync(ClaimsPrincipal user, ChangeSchedulingSettings command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        try
        {
            return await admin.WriteAsync(user, async db =>
            {
                if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
                {
                    return invalid;
                }

                var settings = await db.SchedulingSettings.SingleAsync(cancellationToken);
                if (settings.Version != command.Version)
                {
                    return AvailabilityErrors.SettingsChanged;
                }

                var changed = settings.Change(command.NurseCapacity, command.ConsultationMinutes, command.FollowUpMinutes, command.SlotMinutes,
                    command.FirstReminderHours, command.SecondReminderHours);
                if (changed.IsSuccess && command.FollowUpDays is { } days)
                {
                    changed = settings.ChangeFollowUps(days);
                }

                return changed.IsSuccess ? SchedulingSettingsView.From(settings) : Result<SchedulingSettingsView>.Failure(changed.Error!);
            }, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another administrator saved between our read and our write.
            return AvailabilityErrors.SettingsChanged;
        }
    }
}
