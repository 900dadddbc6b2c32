using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Availability;

/// <summary>
/// Administrator sets a nurse's or clinician's weekly working hours (clinic local time). With
/// <see cref="FollowsClinicHours"/> the person's own rows are removed and they can be booked whenever the clinic is
/// open; otherwise the days not ticked are days off.
/// </summary>
public sealed record SetStaffWorkingHours(string StaffId, bool FollowsClinicHours, IReadOnlyList<StaffDayHours> Week);

public sealed class SetStaffWorkingHoursValidator : AbstractValidator<SetStaffWorkingHours>
{
    public SetStaffWorkingHoursValidator()
    {
        RuleFor(c => c.StaffId).NotEmpty().WithMessage(StaffAvailabilityErrors.StaffRequired.Message);
        RuleFor(c => c.Week).NotNull().When(c => !c.FollowsClinicHours).WithMessage(AvailabilityErrors.NoWorkingDay.Message);
        When(c => !c.FollowsClinicHours && c.Week is not null, () =>
        {
            RuleFor(c => c.Week).Must(w => w.Any(d => d.Works)).WithMessage(AvailabilityErrors.NoWorkingDay.Message);
            RuleFor(c => c.Week).Must(w => w.Select(d => d.Day).Distinct().Count() == w.Count).WithMessage("Each weekday can appear only once.");
            RuleForEach(c => c.Week).Must(d => !d.Works || d.Starts < d.Ends)
                .WithMessage((_, d) => StaffAvailabilityErrors.HoursOrder(d.Day).Message);
        });
    }
}

public sealed class SetStaffWorkingHoursHandler(AvailabilityAdministration admin, IValidator<SetStaffWorkingHours> validator)
{
    public async Task<Result<bool>> HandleAsync(ClaimsPrincipal user, SetStaffWorkingHours command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return await admin.WriteAsync(user, async db =>
        {
            if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            if (!await AvailabilityAdministration.IsBookableAsync(db, command.StaffId, cancellationToken))
            {
                return AvailabilityErrors.NotBookableStaff;
            }

            var rows = new List<StaffWorkingHours>();
            foreach (var day in command.FollowsClinicHours ? [] : command.Week.Where(d => d.Works))
            {
                var row = StaffWorkingHours.Create(command.StaffId, day.Day, day.Starts, day.Ends);
                if (!row.IsSuccess)
                {
                    return Result<bool>.Failure(row.Error!);
                }

                rows.Add(row.Value);
            }

            db.StaffWorkingHours.RemoveRange(await db.StaffWorkingHours.Where(h => h.StaffId == command.StaffId).ToListAsync(cancellationToken));
            db.StaffWorkingHours.AddRange(rows);
            return true;
        }, cancellationToken);
    }
}
