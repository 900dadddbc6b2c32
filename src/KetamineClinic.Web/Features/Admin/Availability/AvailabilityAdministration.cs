using System.Security.Claims;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.ChairsAndHours;
using KetamineClinic.Web.Features.Courses;
using KetamineClinic.Web.Features.Scheduling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Admin.Availability;

/// <summary>A nurse or clinician the calendar books, with the roles that make them bookable.</summary>
public sealed record BookableStaff(string Id, string Name, bool IsNurse, bool IsClinician)
{
    public string RolesText => (IsNurse, IsClinician) switch
    {
        (true, true) => "Nurse, Clinician",
        (true, false) => "Nurse",
        _ => "Clinician",
    };
}

/// <summary>One weekday of a staff member's week: whether they work, and from when to when (clinic local time).</summary>
public sealed record StaffDayHours(DayOfWeek Day, bool Works, TimeOnly Starts, TimeOnly Ends);

public sealed record TimeOffRow(Guid Id, DateOnly FirstDate, DateOnly LastDate, string Reason);

/// <summary>A staff member's week and time off. <see cref="FollowsClinicHours"/> when they have no rows of their own:
/// they can then be booked whenever the clinic is open.</summary>
public sealed record StaffAvailabilityView(string StaffId, bool FollowsClinicHours, IReadOnlyList<StaffDayHours> Week, IReadOnlyList<TimeOffRow> TimeOff);

public sealed record SchedulingSettingsView(
    int NurseCapacity, int ConsultationMinutes, int FollowUpMinutes, int SlotMinutes, int FirstReminderHours, int SecondReminderHours, Guid Version)
{
    /// <summary>Follow-ups proposed after a course's last session, in days.</summary>
    public IReadOnlyList<int> FollowUpDays { get; init; } = [];

    /// <summary>Two views are equal when every setting is, the follow-up days compared by value.</summary>
    public bool Equals(SchedulingSettingsView? other) =>
        other is not null
        && (NurseCapacity, ConsultationMinutes, FollowUpMinutes, SlotMinutes, FirstReminderHours, SecondReminderHours, Version)
            == (other.NurseCapacity, other.ConsultationMinutes, other.FollowUpMinutes, other.SlotMinutes, other.FirstReminderHours, other.SecondReminderHours, other.Version)
        && FollowUpDays.SequenceEqual(other.FollowUpDays);

    public override int GetHashCode() =>
        HashCode.Combine(NurseCapacity, ConsultationMinutes, FollowUpMinutes, SlotMinutes, FirstReminderHours, SecondReminderHours, Version, FollowUpDays.Count);

    public static SchedulingSettingsView From(SchedulingSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(settings.NurseCapacity, settings.ConsultationMinutes, settings.FollowUpMinutes, settings.SlotMinutes,
            settings.FirstReminderHours, settings.SecondReminderHours, settings.Version)
        {
            FollowUpDays = [.. settings.FollowUpDays],
        };
    }
}

public static class AvailabilityErrors
{
    public static readonly DomainError NotBookableStaff = new("availability.not_bookable", "Choose an active nurse or clinician.");
    public static readonly DomainError NoWorkingDay = new("availability.no_day", "Tick at least one working day, or choose \"Follows clinic hours\".");
    public static readonly DomainError TimeOffOverlaps = new("availability.time_off_overlap", "This person already has time off on some of those days.");
    public static readonly DomainError TimeOffGone = new("availability.time_off_gone", "That time off has already been removed.");
    public static readonly DomainError SettingsChanged = new("settings.changed", "Another administrator changed the scheduling settings while you were editing; nothing of yours was saved. Check their values and save again to replace them.");
}

/// <summary>
/// Reads for the staff availability page, and the one path every write takes: the Administer policy re-checked, the
/// audit actor set to the administrator, one context for the operation, saved only when the work succeeded.
/// </summary>
public sealed class AvailabilityAdministration(IDbContextFactory<ClinicDbContext> dbFactory, IAuthorizationService authorization)
{
    /// <summary>Enabled nurses and clinicians, by name.</summary>
    public async Task<Result<IReadOnlyList<BookableStaff>>> StaffAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user))
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var nurses = await StaffDirectory.InRoleAsync(db, StaffRoles.Nurse, cancellationToken);
        var clinicians = await StaffDirectory.InRoleAsync(db, StaffRoles.Clinician, cancellationToken);
        var nurseIds = nurses.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        var clinicianIds = clinicians.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        return nurses.Concat(clinicians)
            .DistinctBy(s => s.Id)
            .Select(s => new BookableStaff(s.Id, s.Name, nurseIds.Contains(s.Id), clinicianIds.Contains(s.Id)))
            .OrderBy(s => s.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }

    /// <summary>A staff member's week (Monday first) and their current and future time off.</summary>
    public async Task<Result<StaffAvailabilityView>> ForStaffAsync(ClaimsPrincipal user, string staffId, DateOnly today, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user))
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var rows = await db.StaffWorkingHours.AsNoTracking().Where(h => h.StaffId == staffId).ToListAsync(cancellationToken);
        var week = ChairsAndHoursHandler.WeekOrder.Select(d => rows.FirstOrDefault(r => r.Day == d) is { } r
            ? new StaffDayHours(d, true, r.Starts, r.Ends)
            : new StaffDayHours(d, false, new TimeOnly(8, 0), new TimeOnly(18, 0))).ToList();
        var timeOff = await db.StaffTimeOff.AsNoTracking()
            .Where(t => t.StaffId == staffId && t.LastDate >= today)
            .OrderBy(t => t.FirstDate)
            .Select(t => new TimeOffRow(t.Id, t.FirstDate, t.LastDate, t.Reason))
            .ToListAsync(cancellationToken);
        return new StaffAvailabilityView(staffId, rows.Count == 0, week, timeOff);
    }

    public async Task<Result<SchedulingSettingsView>> SettingsAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (!await AllowedAsync(user))
        {
            return AccessErrors.NotAllowed;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return SchedulingSettingsView.From(await SchedulingChecks.SettingsAsync(db, cancellationToken));
    }

    /// <summary>Runs one write as the administrator; saves only when <paramref name="work"/> succeeded.</summary>
    internal async Task<Result<T>> WriteAsync<T>(ClaimsPrincipal user, Func<ClinicDbContext, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        if (!await AllowedAsync(user))
        {
            return AccessErrors.NotAllowed;
        }

        using var actor = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var result = await work(db);
        if (result.IsSuccess)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return result;
    }

    /// <summary>Working hours and time off are kept only for people the calendar books: enabled nurses and clinicians.</summary>
    internal static async Task<bool> IsBookableAsync(ClinicDbContext db, string staffId, CancellationToken cancellationToken) =>
        await StaffDirectory.IsActiveInRoleAsync(db, staffId, StaffRoles.Nurse, cancellationToken)
        || await StaffDirectory.IsActiveInRoleAsync(db, staffId, StaffRoles.Clinician, cancellationToken);

    private async Task<bool> AllowedAsync(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return (await authorization.AuthorizeAsync(user, Policies.Administer)).Succeeded;
    }
}

public static class AvailabilitySetup
{
    public static IServiceCollection AddStaffAvailability(this IServiceCollection services)
    {
        services.AddScoped<AvailabilityAdministration>();
        services.AddScoped<SetStaffWorkingHoursHandler>();
        services.AddScoped<AddStaffTimeOffHandler>();
        services.AddScoped<RemoveStaffTimeOffHandler>();
        services.AddScoped<ChangeSchedulingSettingsHandler>();
        return services;
    }
}
