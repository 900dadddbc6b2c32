using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Availability;

/// <summary>Administrator records days a nurse or clinician is away (inclusive, clinic local dates). New bookings
/// with them on those days are refused; bookings already made are counted so the administrator can move them.</summary>
public sealed record AddStaffTimeOff(string StaffId, DateOnly? FirstDate, DateOnly? LastDate, string? Reason);

/// <summary>The time off as saved, and how many bookings with the person already fall on those days.</summary>
public sealed record TimeOffAdded(TimeOffRow TimeOff, int BookingsOnThoseDays);

public sealed class AddStaffTimeOffValidator : AbstractValidator<AddStaffTimeOff>
{
    public AddStaffTimeOffValidator()
    {
        RuleFor(c => c.StaffId).NotEmpty().WithMessage(StaffAvailabilityErrors.StaffRequired.Message);
        RuleFor(c => c.FirstDate).NotNull().WithMessage("Choose the first day away.");
        RuleFor(c => c.LastDate).NotNull().WithMessage("Choose the last day away (the same day for one day).");
        RuleFor(c => c.LastDate).GreaterThanOrEqualTo(c => c.FirstDate).When(c => c.FirstDate is not null && c.LastDate is not null)
            .WithMessage(StaffAvailabilityErrors.TimeOffOrder.Message);
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= StaffTimeOff.MaxReasonLength)
            .WithMessage(StaffAvailabilityErrors.TimeOffReason.Message);
    }
}

public sealed class AddStaffTimeOffHandler(AvailabilityAdministration admin, IValidator<AddStaffTimeOff> validator, ClinicSettingsProvider clinic)
{
    public async Task<Result<TimeOffAdded>> HandleAsync(ClaimsPrincipal user, AddStaffTimeOff command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        return await admin.WriteAsync(user, async db =>
        {
            if (await validator.FirstErrorAsync(command, cancellationToken) is { } invalid)
            {
                return invalid;
            }

            var created = StaffTimeOff.Create(command.StaffId, command.FirstDate!.Value, command.LastDate!.Value, command.Reason);
            if (!created.IsSuccess)
            {
                return Result<TimeOffAdded>.Failure(created.Error!);
            }

            if (!await AvailabilityAdministration.IsBookableAsync(db, command.StaffId, cancellationToken))
            {
                return AvailabilityErrors.NotBookableStaff;
            }

            var timeOff = created.Value;
            if (await db.StaffTimeOff.AnyAsync(t => t.StaffId == timeOff.StaffId && t.FirstDate <= timeOff.LastDate && t.LastDate >= timeOff.FirstDate, cancellationToken))
            {
                return AvailabilityErrors.TimeOffOverlaps;
            }

            db.StaffTimeOff.Add(timeOff);

            // Bookings already made with this person on those days stay (they may need moving); the bounded overlap query
            // reads only the days concerned.
            var fromUtc = SeriesRule.ToUtc(timeOff.FirstDate.ToDateTime(TimeOnly.MinValue), zone);
            var toUtc = SeriesRule.ToUtc(timeOff.LastDate.AddDays(1).ToDateTime(TimeOnly.MinValue), zone);
            var lower = fromUtc - Appointment.MaxLength;
            var affected = await SchedulingChecks.Counting(db)
                .Where(a => a.StartUtc >= lower && a.StartUtc < toUtc && a.EndUtc > fromUtc
                    && (a.NurseId == timeOff.StaffId || a.ClinicianId == timeOff.StaffId))
                .CountAsync(cancellationToken);
            return new TimeOffAdded(new TimeOffRow(timeOff.Id, timeOff.FirstDate, timeOff.LastDate, timeOff.Reason), affected);
        }, cancellationToken);
    }
}

/// <summary>Administrator removes time off entered by mistake or cancelled (the removal is in the audit trail).</summary>
public sealed record RemoveStaffTimeOff(Guid TimeOffId);

public sealed class RemoveStaffTimeOffHandler(AvailabilityAdministration admin)
{
    public Task<Result<bool>> HandleAsync(ClaimsPrincipal user, RemoveStaffTimeOff command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return admin.WriteAsync<bool>(user, async db =>
        {
            var timeOff = await db.StaffTimeOff.SingleOrDefaultAsync(t => t.Id == command.TimeOffId, cancellationToken);
            if (timeOff is null)
            {
                return AvailabilityErrors.TimeOffGone;
            }

            db.StaffTimeOff.Remove(timeOff);
            return true;
        }, cancellationToken);
    }
}
