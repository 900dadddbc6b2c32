using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Features.Admin.Settings;
using KetamineClinic.Web.Features.Scheduling.Instructions;
using KetamineClinic.Web.Mail;
using MailKit;
using MailKit.Net.Smtp;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace KetamineClinic.Web.Features.Scheduling.Reminders;

/// <summary>
/// Sends the confirmation (with the instructions) for every booking and its reminders before the start, exactly once
/// per booking, kind and start time, across restarts and with several app instances:
/// <list type="number">
/// <item>find what is due (bounded by start time: future bookings only, reminders only within the first reminder's
/// window) and decide with <see cref="ReminderSchedule"/>;</item>
/// <item>CLAIM by inserting the <see cref="ReminderDispatch"/> row; the unique index on (appointment, kind, start) makes
/// a second claimer fail, and that claimer skips the message;</item>
/// <item>send, then record Sent, or Failed (tried again later, at most <see cref="ReminderDispatch.MaxAttempts"/>
/// times, claimed again by a conditional update so only one instance retries).</item>
/// </list>
/// A claim that never got an outcome (the process died while sending) is not sent again, since the patient may
/// have received it; it is marked as interrupted so staff can see it on the booking. The log names the booking and the
/// kind of message only, never the patient or the message.
/// </summary>
public sealed class ReminderService(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderService> logger) : BackgroundService
{
    /// <summary>A claim this old without an outcome belongs to a sender that stopped (SMTP gives up within minutes).</summary>
    public static readonly TimeSpan InterruptedAfter = TimeSpan.FromMinutes(15);

    public const string NoEmail = "No e-mail address on file: give the patient the printed instructions or phone them.";
    public const string BookingChanged = "The booking changed before the message was sent.";
    public const string Interrupted = "Sending was interrupted; not sent again in case the patient received it.";

    private readonly ReminderOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.Enabled)
        {
            logger.LogInformation("Reminders are disabled (Reminders:Enabled=false)");
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, _options.IntervalSeconds)), clock);
        do
        {
            try
            {
                var result = await RunOnceAsync(stoppingToken);
                if (result.Sent + result.Failed + result.Skipped > 0)
                {
                    logger.LogInformation("Reminder pass: {Sent} sent, {Failed} failed, {Skipped} not sendable", result.Sent, result.Failed, result.Skipped);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                // The database was unavailable or busy, or one message could not be built: the service keeps running
                // (an escaping exception would stop the whole host) and the next pass tries again.
                logger.LogError(ex, "Reminder pass failed; trying again in {Seconds} s", _options.IntervalSeconds);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: claims and sends everything due now. Safe to run from several instances at once.</summary>
    public async Task<ReminderPassResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var dbFactory = scope.ServiceProvider.GetRequiredService<IDbContextFactory<ClinicDbContext>>();
        var mailer = scope.ServiceProvider.GetRequiredService<IClinicMailer>();
        var clinic = await scope.ServiceProvider.GetRequiredService<ClinicSettingsProvider>().GetAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var work = await FindWorkAsync(dbFactory, now, cancellationToken);
        int sent = 0, failed = 0, skipped = 0;
        foreach (var item in work)
        {
            var dispatchId = item.RetryOf is { } retry
                ? await ClaimRetryAsync(dbFactory, retry, now, cancellationToken)
                : await ClaimAsync(dbFactory, item, now, cancellationToken);
            if (dispatchId is null)
            {
                continue; // another pass or instance has it
            }

            var outcome = await SendAsync(dbFactory, mailer, clinic, item, dispatchId.Value, cancellationToken);
            switch (outcome)
            {
                case SendOutcome.Sent: sent++; break;
                case SendOutcome.Failed: failed++; break;
                default: skipped++; break;
            }
        }

        skipped += await MarkInterruptedAsync(dbFactory, now, cancellationToken);
        return new ReminderPassResult(sent, failed, skipped);
    }

    private sealed record WorkItem(Guid AppointmentId, Guid PatientId, DateTime StartUtc, ReminderKind Kind, RetryClaim? RetryOf);

    private sealed record RetryClaim(Guid DispatchId, DateTime ClaimedUtc);

    private enum SendOutcome
    {
        Sent,
        Failed,
        NotSendable,
    }

    private async Task<List<WorkItem>> FindWorkAsync(IDbContextFactory<ClinicDbContext> dbFactory, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var settings = await SchedulingChecks.SettingsAsync(db, cancellationToken);
        var booked = db.Appointments.AsNoTracking().Where(a => a.Status == AppointmentStatus.Booked && a.StartUtc > now);

        // Bookings not yet confirmed at their current time (or whose confirmation is still being retried): future ones
        // only, read from the (StartUtc) index in start order.
        var unconfirmed = await booked
            .Where(a => !db.ReminderDispatches.Any(d => d.AppointmentId == a.Id && d.Kind == ReminderKind.Confirmation && d.ForStartUtc == a.StartUtc
                && (d.SentUtc != null || d.Attempts >= ReminderDispatch.MaxAttempts)))
            .OrderBy(a => a.StartUtc).Take(_options.BatchSize)
            .Select(a => new { a.Id, a.PatientId, a.StartUtc }).ToListAsync(cancellationToken);

        // Bookings inside the first reminder's window: a bounded slice of the (StartUtc) index.
        var horizon = now.AddHours(settings.FirstReminderHours);
        var soon = await booked.Where(a => a.StartUtc <= horizon)
            .OrderBy(a => a.StartUtc).Take(_options.BatchSize)
            .Select(a => new { a.Id, a.PatientId, a.StartUtc }).ToListAsync(cancellationToken);

        var candidates = unconfirmed.Concat(soon).DistinctBy(a => a.Id).ToList();
        var ids = candidates.Select(a => a.Id).ToList();
        var recorded = ids.Count == 0
            ? []
            : await db.ReminderDispatches.AsNoTracking().Where(d => ids.Contains(d.AppointmentId))
                .Select(d => new { d.Id, d.AppointmentId, d.Kind, d.ForStartUtc, d.ClaimedUtc, d.SentUtc, d.Attempts }).ToListAsync(cancellationToken);

        var work = new List<WorkItem>();
        foreach (var a in candidates)
        {
            var forThisStart = recorded.Where(d => d.AppointmentId == a.Id && d.ForStartUtc == a.StartUtc).ToList();
            var messages = forThisStart.Select(d => new RecordedMessage(d.Kind, d.ClaimedUtc, d.SentUtc)).ToList();
            foreach (var kind in ReminderSchedule.Due(a.StartUtc, now, settings.FirstReminderHours, settings.SecondReminderHours, messages))
            {
                work.Add(new WorkItem(a.Id, a.PatientId, a.StartUtc, kind, null));
            }

            foreach (var d in forThisStart.Where(d => d.SentUtc is null && d.Attempts is > 0 and < ReminderDispatch.MaxAttempts
                && now >= d.ClaimedUtc + ReminderSchedule.RetryDelay(d.Attempts)))
            {
                work.Add(new WorkItem(a.Id, a.PatientId, a.StartUtc, d.Kind, new RetryClaim(d.Id, d.ClaimedUtc)));
            }
        }

        return [.. work.Take(_options.BatchSize)];
    }

    /// <summary>Inserts the dispatch row. Returns null when another pass inserted it first (unique index).</summary>
    private static async Task<Guid?> ClaimAsync(IDbContextFactory<ClinicDbContext> dbFactory, WorkItem item, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var claim = ReminderDispatch.Claim(item.AppointmentId, item.PatientId, item.Kind, item.StartUtc, now);
        db.ReminderDispatches.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return claim.Id;
        }
        catch (DbUpdateException)
        {
            await using var check = await dbFactory.CreateDbContextAsync(cancellationToken);
            if (await check.ReminderDispatches.AnyAsync(d => d.AppointmentId == item.AppointmentId && d.Kind == item.Kind && d.ForStartUtc == item.StartUtc, cancellationToken))
            {
                return null;
            }

            throw;
        }
    }

    /// <summary>Takes a failed message for another attempt: only the instance whose update matches the claim time it
    /// read wins.</summary>
    private static async Task<Guid?> ClaimRetryAsync(IDbContextFactory<ClinicDbContext> dbFactory, RetryClaim retry, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var taken = await db.ReminderDispatches
            .Where(d => d.Id == retry.DispatchId && d.SentUtc == null && d.ClaimedUtc == retry.ClaimedUtc && d.Attempts < ReminderDispatch.MaxAttempts)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.ClaimedUtc, now), cancellationToken);
        return taken == 1 ? retry.DispatchId : null;
    }

    private async Task<SendOutcome> SendAsync(
        IDbContextFactory<ClinicDbContext> dbFactory, IClinicMailer mailer, ClinicSettingsSnapshot clinic, WorkItem item, Guid dispatchId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var dispatch = await db.ReminderDispatches.SingleAsync(d => d.Id == dispatchId, cancellationToken);
        var view = await AppointmentInstructionsQuery.LoadAsync(db, item.AppointmentId, clinic, cancellationToken);
        string? notSendable = null;
        if (!view.IsSuccess || view.Value.Status != AppointmentStatus.Booked || view.Value.StartUtc != DateTime.SpecifyKind(item.StartUtc, DateTimeKind.Utc))
        {
            notSendable = BookingChanged;
        }
        else if (!MailboxAddress.TryParse(view.Value.PatientEmail ?? "", out var to) || string.IsNullOrWhiteSpace(to.Address))
        {
            notSendable = NoEmail;
        }

        if (notSendable is not null)
        {
            dispatch.GiveUp(notSendable);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("{Kind} for appointment {AppointmentId} not sent: {Reason}", item.Kind, item.AppointmentId, notSendable);
            return SendOutcome.NotSendable;
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var message = ReminderMessages.Compose(view.Value, item.Kind, mailer.Sender(clinic.Name), MailboxAddress.Parse(view.Value.PatientEmail!), now);
        try
        {
            await mailer.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or SmtpCommandException or SmtpProtocolException or ServiceNotConnectedException
            or ServiceNotAuthenticatedException or MailKit.Security.AuthenticationException or System.Net.Sockets.SocketException
            or UnauthorizedAccessException or TimeoutException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var problem = Describe(ex);
            dispatch.Failed(problem, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(CancellationToken.None);
            logger.LogWarning("{Kind} for appointment {AppointmentId} failed (attempt {Attempt}): {Problem}", item.Kind, item.AppointmentId, dispatch.Attempts, problem);
            return SendOutcome.Failed;
        }

        // Sent: record it even if the host is stopping, or the next start would not know.
        dispatch.Sent(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(CancellationToken.None);
        logger.LogInformation("{Kind} for appointment {AppointmentId} sent", item.Kind, item.AppointmentId);
        return SendOutcome.Sent;
    }

    /// <summary>Marks claims left without an outcome for longer than <see cref="InterruptedAfter"/> (conditional, so a
    /// sender that is merely slow and records its outcome first wins).</summary>
    private static async Task<int> MarkInterruptedAsync(IDbContextFactory<ClinicDbContext> dbFactory, DateTime now, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var before = now - InterruptedAfter;
        return await db.ReminderDispatches
            .Where(d => d.SentUtc == null && d.Attempts == 0 && d.ClaimedUtc < before)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.Attempts, ReminderDispatch.MaxAttempts).SetProperty(d => d.LastError, Interrupted), cancellationToken);
    }

    /// <summary>A reason without the recipient or content: SMTP status codes and exception kinds only.</summary>
    private static string Describe(Exception ex) => ex switch
    {
        SmtpCommandException smtp => $"The mail server refused the message ({(int)smtp.StatusCode} {smtp.StatusCode}, {smtp.ErrorCode}).",
        MailKit.Security.AuthenticationException => "The mail server refused the clinic's sign-in (check Mail:User and Mail:Password).",
        System.Net.Sockets.SocketException or ServiceNotConnectedException => "The mail server could not be reached.",
        _ => $"Sending failed ({ex.GetType().Name}).",
    };
}
