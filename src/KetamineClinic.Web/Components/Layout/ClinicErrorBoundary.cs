using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace KetamineClinic.Web.Components.Layout;

/// <summary>
/// Catches an unexpected error inside a page, logs it with a reference, and shows that reference instead of a stack
/// trace. What was already saved stays saved; the user can go on from the menu.
/// </summary>
public sealed class ClinicErrorBoundary : ErrorBoundary
{
    private string _reference = "";

    [Inject]
    private ILogger<ClinicErrorBoundary> Logger { get; set; } = default!;

    protected override Task OnErrorAsync(Exception exception)
    {
        _reference = Guid.NewGuid().ToString("N")[..12];
        Logger.LogError(exception, "Unhandled error in a page; reference {ErrorReference}", _reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }

        builder.OpenComponent<MudAlert>(1);
        builder.AddComponentParameter(2, nameof(MudAlert.Severity), Severity.Error);
        builder.AddComponentParameter(3, nameof(MudAlert.ChildContent), (RenderFragment)(b =>
        {
            b.AddContent(4, $"Something went wrong on this page. Nothing already saved was lost. If it happens again, give this reference to your administrator: {_reference}");
        }));
        builder.CloseComponent();
    }
}
