using KetamineClinic.Infrastructure.Audit;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace KetamineClinic.Web.Auth;

/// <summary>
/// Makes the circuit's user the ambient audit actor for every event the circuit handles (a click, a keystroke, a JS
/// call), so work a handler does in a scope of its own is still audited as the person who did it.
/// </summary>
public sealed class AuditCircuitHandler(IAuditActorAccessor actors) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            var actor = await actors.GetCurrentAsync();
            using (AmbientAuditActor.Use(actor))
            {
                await next(context);
            }
        };
}
