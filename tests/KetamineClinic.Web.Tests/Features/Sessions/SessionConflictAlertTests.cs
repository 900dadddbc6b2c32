using Bunit;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Features.Sessions;

/// <summary>The alert a user sees when their save met someone else's change: what they tried, each change, and their choice.</summary>
public sealed class SessionConflictAlertTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly List<bool?> _decisions = [];

    public SessionConflictAlertTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
    }

    private IRenderedComponent<SessionConflictAlert> Render(SessionConflict conflict, IReadOnlyList<string> changes) =>
        _ctx.Render<SessionConflictAlert>(p => p
            .Add(a => a.Conflict, conflict)
            .Add(a => a.Changes, changes)
            .Add(a => a.Decided, EventCallback.Factory.Create<bool?>(this, d => _decisions.Add(d))));

    [Fact]
    public void The_alert_names_what_was_not_saved_and_lists_each_change_made_meanwhile()
    {
        var cut = Render(new SessionConflict("Save the nurse's note", Guid.NewGuid(), () => Task.CompletedTask, () => Task.CompletedTask),
            ["New reading 10:20 by Noah Nurse: BP 126/80, HR 74, SpO2 97 %.", "Dose order replaced by Dr Clara Clinician: 32.96 mg over 40 min."]);

        Assert.Contains("Not saved: Save the nurse's note.", cut.Find("[data-testid='session-conflict']").TextContent, StringComparison.Ordinal);
        Assert.Equal(
            ["New reading 10:20 by Noah Nurse: BP 126/80, HR 74, SpO2 97 %.", "Dose order replaced by Dr Clara Clinician: 32.96 mg over 40 min."],
            cut.FindAll("[data-testid='session-conflict-changes'] li").Select(li => li.TextContent));
    }

    [Fact]
    public void Saving_again_and_discarding_are_the_users_choice()
    {
        var cut = Render(new SessionConflict("Discharge the patient", Guid.NewGuid(), () => Task.CompletedTask, () => Task.CompletedTask), ["Discharged 11:05 by Noah Nurse."]);

        cut.Find("[data-testid='conflict-reapply']").Click();
        cut.Find("[data-testid='conflict-discard']").Click();
        cut.Find("[data-testid='conflict-close']").Click();

        Assert.Equal([true, false, null], _decisions);
    }

    [Fact]
    public void Without_a_way_to_save_again_the_alert_offers_only_to_close()
    {
        var cut = Render(new SessionConflict("Sign the session", Guid.NewGuid()), []);

        Assert.Empty(cut.FindAll("[data-testid='conflict-reapply']"));
        Assert.Empty(cut.FindAll("[data-testid='conflict-discard']"));
        Assert.Equal("Close", cut.Find("[data-testid='conflict-close']").TextContent.Trim());
        Assert.Contains("The session was changed by someone else.", cut.Find("[data-testid='session-conflict-changes']").TextContent, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
