using System.Security.Claims;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Auth;

namespace KetamineClinic.Web.Features.Sessions;

/// <summary>The nurse discharges the patient from observation, attesting what only they can see. The server checks
/// every criterion again (observation time, the latest vitals, the attestations) whatever the page showed.</summary>
public sealed record DischargePatient(Guid AppointmentId, Guid Version, bool AlertAndAmbulatory, bool EscortPresent, bool InstructionsGiven)
{
    public DischargeAttestation Attestation => new(AlertAndAmbulatory, EscortPresent, InstructionsGiven);
}

public sealed class DischargePatientValidator : AbstractValidator<DischargePatient>
{
    public DischargePatientValidator()
    {
        RuleFor(c => c.AppointmentId).NotEmpty().WithMessage("Choose the session.");
        RuleFor(c => c.Version).NotEmpty().WithMessage("Reload the session: it has not been opened yet.");
    }
}

public sealed class DischargePatientHandler(SessionWorkspace workspace, IValidator<DischargePatient> validator)
{
    public Task<Result<SessionSaved>> HandleAsync(ClaimsPrincipal user, DischargePatient command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        return workspace.ChangeAsync(user, validator, command, command.AppointmentId, command.Version, Policies.RunSession, "discharge the patient",
            (session, actor, clock) => SessionSaved.After(session.Discharge(command.Attestation, actor, clock.NowUtc), session, clock),
            cancellationToken);
    }
}
