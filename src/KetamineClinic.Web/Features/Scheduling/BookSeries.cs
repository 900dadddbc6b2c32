using System.Globalization;
using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Patients;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Staff;
using KetamineClinic.Infrastructure.Audit;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Courses;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Scheduling;

/// <summary>
/// Lay out a course's sessions by a rule: from <see cref="FirstDate"/> at <see cref="LocalTime"/> (clinic time), on
/// <see cref="DaysOfWeek"/> or every <see cref="EveryNDays"/> days, <see cref="Count"/> times (by default the course's
/// sessions not yet booked), in one chair with one nurse and the clinician on call. Nothing is saved.
/// </summary>
public sealed record PreviewSeries(
    Guid PatientId,
    Guid? CourseId,
    DateOnly? FirstDate,
    TimeOnly? LocalTime,
    IReadOnlyList<DayOfWeek>? DaysOfWeek,
    int? EveryNDays,
    int? Count,
    Guid? ChairId,
    string? NurseId,
    string? ClinicianId);

public sealed class PreviewSeriesValidator : AbstractValidator<PreviewSeries>
{
    public PreviewSeriesValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty().WithMessage("Choose the patient.");
        RuleFor(c => c.FirstDate).NotNull().WithMessage("Choose the first date.");
        RuleFor(c => c.LocalTime).NotNull().WithMessage("Choose the time.");
        RuleFor(c => c.DaysOfWeek).Must((c, days) => days is { Count: > 0 } != c.EveryNDays.HasValue)
            .WithMessage("Choose either days of the week or every N days.");
        RuleFor(c => c.EveryNDays).InclusiveBetween(1, 28).When(c => c.EveryNDays.HasValue).WithMessage("Every N days must be from 1 to 28.");
        RuleFor(c => c.Count).InclusiveBetween(1, SeriesRule.MaxOccurrences).When(c => c.Count.HasValue)
            .WithMessage($"A series has from 1 to {SeriesRule.MaxOccurrences} sessions.");
        RuleFor(c => c.ChairId).NotNull().WithMessage(AppointmentErrors.ChairRequired.Message);
        RuleFor(c => c.NurseId).NotEmpty().WithMessage(AppointmentErrors.NurseRequired.Message);
        RuleFor(c => c.ClinicianId).NotEmpty().WithMessage(AppointmentErrors.ClinicianRequired.Message);
    }
}

/// <summary>One occurrence as the user finally chose it: its start in clinic time, its chair and staff.</summary>
public sealed record SeriesOccurrence(DateTime LocalStart, Guid? ChairId, string? NurseId, string? ClinicianId);

/// <summary>Book (or check again) a series as the user finally arranged it: each occurrence may have been moved to
/// an alternative or edited by hand since the preview.</summary>
public sealed record BookSeries(Guid PatientId, Guid? CourseId, IReadOnlyList<SeriesOccurrence> Occurrences);

public sealed class BookSeriesValidator : AbstractValidator<BookSeries>
{
    public BookSeriesValidator()
    {
        RuleFor(c => c.PatientId).NotEmpty().WithMessage("Choose the patient.");
        RuleFor(c => c.Occurrences).NotEmpty().WithMessage("The series has no sessions.")
            .Must(o => o is null || o.Count <= SeriesRule.MaxOccurrences).WithMessage($"A series has from 1 to {SeriesRule.MaxOccurrences} sessions.");
        RuleForEach(c => c.Occurrences).ChildRules(o =>
        {
            o.RuleFor(x => x.LocalStart).NotEqual(default(DateTime)).WithMessage("Choose the date and time of every session.");
            o.RuleFor(x => x.ChairId).NotNull().WithMessage(AppointmentErrors.ChairRequired.Message);
            o.RuleFor(x => x.NurseId).NotEmpty().WithMessage(AppointmentErrors.NurseRequired.Message);
            o.RuleFor(x => x.ClinicianId).NotEmpty().WithMessage(AppointmentErrors.ClinicianRequired.Message);
        });
    }
}

/// <summary>A free place offered for an occurrence that conflicts, in clinic time.</summary>
public sealed record SeriesAlternative(DateTime LocalStart, DateTime LocalEnd, Guid? ChairId);

/// <summary>One occurrence of a preview: <see cref="Row"/> is its place in the list as given (1-based);
/// <see cref="Occurrence"/> holds the start as it will be booked (a time skipped by daylight saving moves forward);
/// <see cref="Session"/> its number in the course once the series is booked.</summary>
public sealed record SeriesPreviewItem(
    int Row,
    SeriesOccurrence Occurrence,
    DateTime LocalEnd,
    SessionNumber Session,
    IReadOnlyList<Conflict> Conflicts,
    IReadOnlyList<SeriesAlternative> Alternatives)
{
    public bool IsClear => Conflicts.Count == 0;
}

/// <summary>Every occurrence of a series with its conflicts and alternatives; clean when none conflicts.</summary>
public sealed record SeriesPreview(Guid CourseId, int PlannedSessions, int AlreadyBooked, int Minutes, IReadOnlyList<SeriesPreviewItem> Items)
{
    public bool IsClean => Items.Count > 0 && Items.All(i => i.IsClear);
}

/// <summary>The answer to booking a series: all booked under one <see cref="SeriesId"/>, or nothing booked with the
/// reason, and (when occurrences conflict) the preview showing which and their alternatives.</summary>
public sealed record SeriesOutcome(Guid? SeriesId, IReadOnlyList<Guid> AppointmentIds, DomainError? Error, SeriesPreview? Preview)
{
    public bool Succeeded => SeriesId is not null && Error is null;

    public static SeriesOutcome Ok(Guid seriesId, IReadOnlyList<Guid> ids) => new(seriesId, ids, null, null);

    public static SeriesOutcome Failed(DomainError error) => new(null, [], error, null);

    public static SeriesOutcome Refused(SeriesPreview preview)
    {
        ArgumentNullException.ThrowIfNull(preview);
        return new(null, [], SeriesErrors.Conflicts(preview.Items.Count(i => !i.IsClear)), preview);
    }
}

public sealed record SeriesChairOption(Guid Id, string Name);

/// <summary>What the series dialog starts from: the course, its chair time, what is already booked, the chairs and
/// staff to choose from, and suggested first date and weekdays.</summary>
public sealed record SeriesSetup(
    Guid CourseId,
    string ProtocolName,
    int PlannedSessions,
    int SessionsPerWeek,
    int AlreadyBooked,
    int Minutes,
    int MinIntervalHours,
    DateOnly Today,
    DateOnly SuggestedFirstDate,
    IReadOnlyList<DayOfWeek> SuggestedDays,
    IReadOnlyList<SeriesChairOption> Chairs,
    IReadOnlyList<StaffOption> Nurses,
    IReadOnlyList<StaffOption> Clinicians)
{
    public int Remaining => Math.Max(0, PlannedSessions - AlreadyBooked);
}

public static class SeriesErrors
{
    public static readonly DomainError NotReady = new("series.not_ready",
        "Sessions can be booked only for an active treatment course of a patient with an eligible intake decision.");

    public static readonly DomainError FirstDatePast = new("series.first_date", "The first date cannot be in the past.");

    public static readonly DomainError Passed = new("series.passed", "This time has already passed.");

    public static DomainError NothingLeft(int planned) =>
        new("series.nothing_left", string.Create(CultureInfo.InvariantCulture, $"All {planned} planned sessions of this course are already booked."));

    public static DomainError TooMany(int planned, int booked) =>
        new("series.too_many", string.Create(CultureInfo.InvariantCulture,
            $"The course plans {planned} sessions and {booked} are booked, so at most {Math.Max(0, planned - booked)} more can be. A clinician changes the plan for more."));

    public static DomainError Conflicts(int count) =>
        new("series.conflicts", string.Create(CultureInfo.InvariantCulture,
            $"{count} session(s) conflict, so nothing was booked. Choose an alternative or change them, then book again."));
}

/// <summary>
/// Books a course's sessions as one series. The preview checks every occurrence against the bookings in the database
/// and against the series' other occurrences (the same chair, the same patient, the protocol's minimum interval), and
/// offers the nearest free alternatives. Booking is all or nothing: inside one <see cref="SchedulingLock"/>
/// transaction every occurrence is checked again, and either all are saved under one series id or none is. The
/// occurrences are ordinary bookings afterwards: each moves or is cancelled alone through <see cref="BookingService"/>,
/// and "session n of N" is computed when read (<see cref="SessionNumbering"/>).
/// </summary>
public sealed class SeriesBookingService(
    IDbContextFactory<ClinicDbContext> dbFactory,
    IAuthorizationService authorization,
    IValidator<PreviewSeries> previewValidator,
    IValidator<BookSeries> bookValidator,
    PatientRecordAudit audit,
    ClinicSettingsProvider clinic,
    Sessions.FloorEvents floor,
    TimeProvider clock)
{
    /// <summary>How far after a conflicting occurrence alternatives are looked for.</summary>
    public const int AlternativeSearchDays = 14;

    public const int AlternativesPerOccurrence = 3;

    private static readonly TimeOnly DefaultTime = new(9, 0);

    public async Task<Result<SeriesSetup>> SetupAsync(ClaimsPrincipal user, Guid patientId, Guid? courseId, CancellationToken cancellationToken = default)
    {
        if (await DenyAsync(user, patientId, "open series booking", cancellationToken) is { } denied)
        {
            return denied;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var start = await StartAsync(db, patientId, courseId, cancellationToken);
        if (!start.IsSuccess)
        {
            return start.Error!;
        }

        var (terms, zone, _) = start.Value;
        var course = await db.TreatmentCourses.AsNoTracking().Where(c => c.Id == terms.CourseId)
            .Select(c => new { c.ProtocolName, c.SessionsPerWeek, c.PlannedStart }).SingleAsync(cancellationToken);
        var booked = (await SessionNumbering.BookingsAsync(db, [terms.CourseId], cancellationToken)).Where(b => SessionNumbers.UsesASession(b.Status)).ToList();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, zone));
        var first = new[]
        {
            today.AddDays(1),
            course.PlannedStart,
            booked.Count == 0 ? DateOnly.MinValue : DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(booked.Max(b => b.StartUtc), zone)).AddDays(1),
        }.Max();
        var chairs = await db.Chairs.AsNoTracking().Where(c => c.IsActive).OrderBy(c => c.SortOrder).ThenBy(c => c.Name)
            .Select(c => new SeriesChairOption(c.Id, c.Name)).ToListAsync(cancellationToken);
        var nurses = await StaffDirectory.InRoleAsync(db, StaffRoles.Nurse, cancellationToken);
        var clinicians = await StaffDirectory.InRoleAsync(db, StaffRoles.Clinician, cancellationToken);
        return new SeriesSetup(terms.CourseId, course.ProtocolName, terms.PlannedSessions, course.SessionsPerWeek, booked.Count, terms.Minutes,
            terms.MinIntervalHours, today, first, SuggestedDays(course.SessionsPerWeek), chairs, nurses, clinicians);
    }

    /// <summary>The series the rule produces, each occurrence checked. Nothing is saved.</summary>
    public Task<Result<SeriesPreview>> PreviewAsync(ClaimsPrincipal user, PreviewSeries command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CheckedAsync(user, command.PatientId, command.CourseId, "preview a series", () => previewValidator.FirstErrorAsync(command, cancellationToken), async (db, terms, zone, settings) =>
        {
            if (command.FirstDate < DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, zone)))
            {
                return SeriesErrors.FirstDatePast;
            }

            var course = await CourseBookingsAsync(db, terms, cancellationToken);
            var remaining = terms.PlannedSessions - course.Count(b => SessionNumbers.UsesASession(b.Status));
            var count = command.Count ?? remaining;
            if (command.Count is null && remaining <= 0)
            {
                return SeriesErrors.NothingLeft(terms.PlannedSessions);
            }

            var rule = new SeriesRule(command.FirstDate!.Value, command.LocalTime!.Value, count, command.DaysOfWeek, command.EveryNDays);
            var dates = rule.OccurrencesUtc(zone);
            if (!dates.IsSuccess)
            {
                return dates.Error!;
            }

            var occurrences = dates.Value
                .Select(utc => new SeriesOccurrence(TimeZoneInfo.ConvertTimeFromUtc(utc, zone), command.ChairId, command.NurseId, command.ClinicianId))
                .ToList();
            return await CheckedPreviewAsync(db, command.PatientId, occurrences, terms, zone, settings, course, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>Checks a series as arranged by the user (after choosing alternatives or editing occurrences). Nothing
    /// is saved.</summary>
    public Task<Result<SeriesPreview>> CheckAsync(ClaimsPrincipal user, BookSeries command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return CheckedAsync(user, command.PatientId, command.CourseId, "check a series", () => bookValidator.FirstErrorAsync(command, cancellationToken), async (db, terms, zone, settings) =>
        {
            var course = await CourseBookingsAsync(db, terms, cancellationToken);
            return await CheckedPreviewAsync(db, command.PatientId, Normalized(command.Occurrences, zone), terms, zone, settings, course, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>The preamble of a preview or check: the Book policy, the command's validation, the course's terms.</summary>
    private async Task<Result<SeriesPreview>> CheckedAsync(
        ClaimsPrincipal user, Guid patientId, Guid? courseId, string what, Func<Task<DomainError?>> validate,
        Func<ClinicDbContext, InfusionTerms, TimeZoneInfo, SchedulingSettings, Task<Result<SeriesPreview>>> work, CancellationToken cancellationToken)
    {
        if (await DenyAsync(user, patientId, what, cancellationToken) is { } denied)
        {
            return denied;
        }

        if (await validate() is { } invalid)
        {
            return invalid;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var start = await StartAsync(db, patientId, courseId, cancellationToken);
        if (!start.IsSuccess)
        {
            return start.Error!;
        }

        var (terms, zone, settings) = start.Value;
        return await work(db, terms, zone, settings);
    }

    /// <summary>Books every occurrence under one series id, or none: the whole series is checked again inside the
    /// scheduling lock, so a booking made by someone else since the preview refuses the series with the new conflicts.</summary>
    public async Task<SeriesOutcome> BookAsync(ClaimsPrincipal user, BookSeries command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (await DenyAsync(user, command.PatientId, "book a series", cancellationToken) is { } denied)
        {
            return SeriesOutcome.Failed(denied);
        }

        if (await bookValidator.FirstErrorAsync(command, cancellationToken) is { } invalid)
        {
            return SeriesOutcome.Failed(invalid);
        }

        using var actorScope = AmbientAuditActor.Use(CurrentStaffAuditActor.ForPrincipal(user));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var start = await StartAsync(db, command.PatientId, command.CourseId, cancellationToken);
        if (!start.IsSuccess)
        {
            return SeriesOutcome.Failed(start.Error!);
        }

        var (terms, zone, settings) = start.Value;
        var occurrences = Normalized(command.Occurrences, zone);
        if (await PlaceErrorAsync(db, occurrences, cancellationToken) is { } badPlace)
        {
            return SeriesOutcome.Failed(badPlace);
        }

        var slots = Slots(command.PatientId, occurrences, terms, zone);
        var actor = Actor(user);
        var seriesId = Guid.NewGuid();
        DomainError? error = null;
        SeriesPreview? refused = null;
        List<Guid> ids = [];
        await SchedulingWrite.LockedAsync(db, async () =>
        {
            error = null;
            refused = null;
            var course = await CourseBookingsAsync(db, terms, cancellationToken);
            if (TooMany(terms, course, slots.Count) is { } tooMany)
            {
                error = tooMany;
                return false;
            }

            var data = await LoadAsync(db, command.PatientId, terms, zone, settings, slots, course, forAlternatives: false, cancellationToken);
            var checkedItems = Evaluate(occurrences, slots, data, terms, zone, settings, alternativesFor: null);
            if (checkedItems.Any(i => !i.IsClear))
            {
                refused = new SeriesPreview(terms.CourseId, terms.PlannedSessions, course.Count(b => SessionNumbers.UsesASession(b.Status)), terms.Minutes, checkedItems);
                return false;
            }

            ids = [];
            foreach (var slot in slots)
            {
                var booked = Appointment.Book(command.PatientId, AppointmentType.InfusionSession,
                    new BookingPlace(slot.StartUtc, slot.EndUtc, slot.ChairId, slot.NurseId, slot.ClinicianId), terms.CourseId, seriesId, null, actor, Now);
                if (!booked.IsSuccess)
                {
                    error = booked.Error;
                    return false;
                }

                db.Appointments.Add(booked.Value);
                ids.Add(booked.Value.Id);
            }

            return true;
        }, cancellationToken);

        if (error is not null)
        {
            return SeriesOutcome.Failed(error);
        }

        if (refused is not null)
        {
            return SeriesOutcome.Refused(await WithAlternativesAsync(db, command.PatientId, refused, slots, terms, zone, settings, cancellationToken));
        }

        foreach (var id in ids)
        {
            floor.Publish(id);
        }

        return SeriesOutcome.Ok(seriesId, ids);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Weekdays spread over the week for the course's sessions per week, as a starting suggestion.</summary>
    public static IReadOnlyList<DayOfWeek> SuggestedDays(int sessionsPerWeek) => sessionsPerWeek switch
    {
        <= 1 => [DayOfWeek.Monday],
        2 => [DayOfWeek.Monday, DayOfWeek.Thursday],
        3 => [DayOfWeek.Monday, DayOfWeek.Wednesday, DayOfWeek.Friday],
        4 => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        _ => [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
    };

    public static TimeOnly SuggestedTime => DefaultTime;

    private static Actor Actor(ClaimsPrincipal user)
    {
        var staff = StaffIdentity.From(user);
        return new Actor(staff.Id, staff.Name, user.IsInRole(StaffRoles.Administrator));
    }

    private async Task<DomainError?> DenyAsync(ClaimsPrincipal user, Guid patientId, string what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if ((await authorization.AuthorizeAsync(user, Policies.Book)).Succeeded)
        {
            return null;
        }

        await audit.RecordDeniedAsync(nameof(Appointment), patientId: patientId.ToString(), what: what, cancellationToken: cancellationToken);
        return AccessErrors.NotAllowed;
    }

    /// <summary>The patient (present, not archived), the course's terms (active course, eligible patient), the clinic's
    /// time zone and the scheduling settings.</summary>
    private async Task<Result<(InfusionTerms Terms, TimeZoneInfo Zone, SchedulingSettings Settings)>> StartAsync(
        ClinicDbContext db, Guid patientId, Guid? courseId, CancellationToken cancellationToken)
    {
        var patient = await db.Patients.AsNoTracking().Where(p => p.Id == patientId).Select(p => new { p.IsArchived }).SingleOrDefaultAsync(cancellationToken);
        if (patient is null)
        {
            return PatientErrors.NotFound;
        }

        if (patient.IsArchived)
        {
            return PatientErrors.Archived;
        }

        var terms = await SchedulingChecks.InfusionTermsAsync(db, patientId, courseId, cancellationToken);
        if (!terms.IsSuccess)
        {
            return terms.Error!;
        }

        if (!terms.Value.Ready)
        {
            return SeriesErrors.NotReady;
        }

        var zone = (await clinic.GetAsync(cancellationToken)).TimeZone;
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        return (terms.Value, zone, settings);
    }

    private static Task<List<CourseBooking>> CourseBookingsAsync(ClinicDbContext db, InfusionTerms terms, CancellationToken cancellationToken) =>
        SessionNumbering.BookingsAsync(db, [terms.CourseId], cancellationToken);

    private static DomainError? TooMany(InfusionTerms terms, List<CourseBooking> course, int adding)
    {
        var booked = course.Count(b => SessionNumbers.UsesASession(b.Status));
        return booked + adding > terms.PlannedSessions ? SeriesErrors.TooMany(terms.PlannedSessions, booked) : null;
    }

    private async Task<Result<SeriesPreview>> CheckedPreviewAsync(
        ClinicDbContext db, Guid patientId, List<SeriesOccurrence> occurrences, InfusionTerms terms, TimeZoneInfo zone, SchedulingSettings settings,
        List<CourseBooking> course, CancellationToken cancellationToken)
    {
        if (TooMany(terms, course, occurrences.Count) is { } tooMany)
        {
            return tooMany;
        }

        if (await PlaceErrorAsync(db, occurrences, cancellationToken) is { } badPlace)
        {
            return badPlace;
        }

        var slots = Slots(patientId, occurrences, terms, zone);
        var data = await LoadAsync(db, patientId, terms, zone, settings, slots, course, forAlternatives: true, cancellationToken);
        var items = Evaluate(occurrences, slots, data, terms, zone, settings, alternativesFor: null);
        return new SeriesPreview(terms.CourseId, terms.PlannedSessions, course.Count(b => SessionNumbers.UsesASession(b.Status)), terms.Minutes, items);
    }

    /// <summary>After a refusal inside the lock: the same conflicts, with alternatives found outside the lock.</summary>
    private async Task<SeriesPreview> WithAlternativesAsync(
        ClinicDbContext db, Guid patientId, SeriesPreview refused, List<BookingSlot> slots, InfusionTerms terms, TimeZoneInfo zone,
        SchedulingSettings settings, CancellationToken cancellationToken)
    {
        var course = await CourseBookingsAsync(db, terms, cancellationToken);
        var data = await LoadAsync(db, patientId, terms, zone, settings, slots, course, forAlternatives: true, cancellationToken);
        var conflicting = refused.Items.Where(i => !i.IsClear).Select(i => i.Row).ToHashSet();
        var fresh = Evaluate([.. refused.Items.Select(i => i.Occurrence)], slots, data, terms, zone, settings, conflicting);
        return refused with
        {
            Items = [.. refused.Items.Select(i => i with { Alternatives = fresh.Single(f => f.Row == i.Row).Alternatives })],
        };
    }

    /// <summary>Each occurrence's start as it will be booked: a local time skipped by daylight saving moves forward.</summary>
    private static List<SeriesOccurrence> Normalized(IEnumerable<SeriesOccurrence> occurrences, TimeZoneInfo zone) =>
        [.. occurrences.Select(o => o with
        {
            LocalStart = TimeZoneInfo.ConvertTimeFromUtc(SeriesRule.ToUtc(o.LocalStart, zone), zone),
            NurseId = string.IsNullOrWhiteSpace(o.NurseId) ? null : o.NurseId,
            ClinicianId = string.IsNullOrWhiteSpace(o.ClinicianId) ? null : o.ClinicianId,
        })];

    private static List<BookingSlot> Slots(Guid patientId, List<SeriesOccurrence> occurrences, InfusionTerms terms, TimeZoneInfo zone) =>
        [.. occurrences.Select(o =>
        {
            var start = SeriesRule.ToUtc(o.LocalStart, zone);
            return new BookingSlot(Guid.NewGuid(), patientId, AppointmentType.InfusionSession, start, start.AddMinutes(terms.Minutes),
                AppointmentStatus.Booked, o.ChairId, o.NurseId, o.ClinicianId);
        })];

    /// <summary>Refuses a chair not in use, or staff not active in their role, once per distinct choice.</summary>
    private static async Task<DomainError?> PlaceErrorAsync(ClinicDbContext db, List<SeriesOccurrence> occurrences, CancellationToken cancellationToken)
    {
        foreach (var place in occurrences.Select(o => (o.ChairId, o.NurseId, o.ClinicianId)).Distinct())
        {
            var probe = new BookingPlace(DateTime.UnixEpoch, DateTime.UnixEpoch, place.ChairId, place.NurseId, place.ClinicianId);
            if (await SchedulingChecks.CheckPlaceAsync(db, probe, cancellationToken) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    private sealed record SeriesData(List<BookingSlot> Existing, SchedulingContext Context, IReadOnlyList<Guid> ActiveChairs, List<CourseBooking> Course, DateTime NowUtc);

    /// <summary>
    /// Everything the checks need, loaded once for the whole series: every counting booking overlapping the series'
    /// span (and, for alternatives, the days searched after it), the patient's infusions within the minimum interval of
    /// it, the hours and availability of all the series' staff. Each query bounds both ends of the start time, so it
    /// reads a slice of the index proportional to the series' span, never to the clinic's history.
    /// </summary>
    private async Task<SeriesData> LoadAsync(
        ClinicDbContext db, Guid patientId, InfusionTerms terms, TimeZoneInfo zone, SchedulingSettings settings, List<BookingSlot> slots,
        List<CourseBooking> course, bool forAlternatives, CancellationToken cancellationToken)
    {
        var from = slots.Min(s => s.StartUtc);
        var to = slots.Max(s => s.EndUtc);
        if (forAlternatives)
        {
            // The search starts at the opening of the occurrence's local day, which can be the UTC day before.
            from = from.Date.AddDays(-1);
            to = slots.Max(s => s.StartUtc).Date.AddDays(AlternativeSearchDays + 2);
        }

        var existing = await SchedulingChecks.NearbyAsync(db, patientId, from, to, terms.MinIntervalHours, cancellationToken);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(Now, zone));
        var context = await SchedulingChecks.ContextAsync(db, zone, settings, slots.SelectMany(s => new[] { s.NurseId, s.ClinicianId }),
            terms.MinIntervalHours, terms.Ready, today, cancellationToken);
        var chairs = forAlternatives ? await SchedulingChecks.ActiveChairsAsync(db, cancellationToken) : [];
        return new SeriesData(existing, context, chairs, course, Now);
    }

    /// <summary>Checks each occurrence against the loaded bookings and the series' other occurrences; finds alternatives
    /// for the rows in <paramref name="alternativesFor"/> (or, when null and the data was loaded for them, for every
    /// row that conflicts).</summary>
    private static List<SeriesPreviewItem> Evaluate(
        List<SeriesOccurrence> occurrences, List<BookingSlot> slots, SeriesData data, InfusionTerms terms, TimeZoneInfo zone,
        SchedulingSettings settings, IReadOnlySet<int>? alternativesFor)
    {
        var numbers = SessionNumbers.Assign(
            data.Course.Concat(slots.Select(s => new CourseBooking(s.Id, terms.CourseId, s.StartUtc, AppointmentStatus.Booked))),
            new Dictionary<Guid, int> { [terms.CourseId] = terms.PlannedSessions });
        var ours = slots.Select(s => s.Id).ToHashSet();
        var items = new List<SeriesPreviewItem>(slots.Count);
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var others = data.Existing.Concat(slots.Where((_, j) => j != i)).ToList();
            var conflicts = new List<Conflict>();
            if (slot.StartUtc < data.NowUtc)
            {
                conflicts.Add(new Conflict(ConflictKind.InvalidTimes, SeriesErrors.Passed.Message));
            }

            conflicts.AddRange(ConflictRules.Check(slot, others, data.Context).Select(c =>
                c.WithBookingId is { } other && ours.Contains(other)
                    ? c with { Message = $"{c.Message} That is another session of this series.", WithBookingId = null }
                    : c));
            var wantsAlternatives = alternativesFor?.Contains(i + 1) ?? conflicts.Count > 0;
            IReadOnlyList<SeriesAlternative> alternatives = wantsAlternatives && data.ActiveChairs.Count > 0
                ? [.. FreeSlotFinder.Find(slot, others, data.Context, data.ActiveChairs, settings.SlotMinutes, data.NowUtc, AlternativeSearchDays, AlternativesPerOccurrence)
                    .Select(a => new SeriesAlternative(TimeZoneInfo.ConvertTimeFromUtc(a.StartUtc, zone), TimeZoneInfo.ConvertTimeFromUtc(a.EndUtc, zone), a.ChairId))]
                : [];
            items.Add(new SeriesPreviewItem(i + 1, occurrences[i], TimeZoneInfo.ConvertTimeFromUtc(slot.EndUtc, zone), numbers[slot.Id], conflicts, alternatives));
        }

        return items;
    }
}
