using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Infrastructure.Persistence;
using KetamineClinic.Web.Auth;
using Microsoft.EntityFrameworkCore;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>
/// Saves the nurse's note as it is typed (a draft until the record is completed). <see cref="Version"/> is the session
/// version the page last knew and <see cref="BaseNote"/> the note text its draft started from. Every other part of the
/// session changes the version too (a reading, an acknowledged alert), so when only the version moved and the note on
/// the server is still <see cref="BaseNote"/>, nobody else touched the note and the draft is saved on the newer
/// version; when the note itself changed, the save is refused so nobody's words are silently overwritten.
/// </summary>
public sealed record SaveSessionNote(Guid AppointmentId, Guid Version, string? BaseNote, string? Note);

public sealed class SaveSessionNoteValidator : AbstractValidator<SaveSessionNote>
{
    public SaveSessionNoteValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().WithMessage("Choose the session.");
        RuleFor(c => c.Version).NotEmpty().WithMessage("Reload the session: it has not been opened yet.");
        RuleFor(c => c.Note).MaximumLength(InfusionSession.MaxNoteLength).WithMessage(SessionErrors.NoteTooLong.Message);
    }
}

public sealed class SaveSessionNoteHandler(SessionWorkspace workspace, IValidator<SaveSessionNote> validator, IDbContextFactory<ClinicDbContext> dbFactory)
{
    public async Task<Result<SessionSaved>> HandleAsync(ClaimsPrincipal user, SaveSessionNote command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var saved = await SaveAsync(user, command, command.Version, cancellationToken);
        if (saved.Error != SessionErrors.Changed)
        {
            return saved;
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.InfusionSessions.AsNoTracking().Where(s => s.AppointmentId == command.AppointmentId)
            .Select(s => new { s.Version, s.NurseNote }).SingleOrDefaultAsync(cancellationToken);
        if (current is null || current.NurseNote != Stored(command.BaseNote))
        {
            return SessionErrors.Changed;
        }

        return await SaveAsync(user, command, current.Version, cancellationToken);
    }

    /// <summary>The note as the session stores it: blank is no note.</summary>
    public static string? Stored(string? note) => string.IsNullOrWhiteSpace(note) ? null : note;

    private Task<Result<SessionSaved>> SaveAsync(ClaimsPrincipal user, SaveSessionNote command, Guid version, CancellationToken cancellationToken) =>
        workspace.ChangeAsync(user, validator, command, command.AppointmentId, version, Policies.RunSession, "save the nurse's note",
            (session, actor, clock) => SessionSaved.After(session.SaveNote(command.Note, actor, clock.NowUtc), session, clock),
            cancellationToken);
}
