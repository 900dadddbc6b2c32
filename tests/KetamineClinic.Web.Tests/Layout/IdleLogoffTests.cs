using Bunit;
using KetamineClinic.Web.Auth;
using KetamineClinic.Web.Components.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Layout;

/// <summary>The idle logoff inside the circuit: a warning a minute before, then sign-out; any input resets it.</summary>
public sealed class IdleLogoffTests : IAsyncDisposable
{
    private readonly BunitContext _ctx = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 9, 0, 0, TimeSpan.Zero));

    public IdleLogoffTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton(Options.Create(new IdentitySettings { IdleTimeout = TimeSpan.FromMinutes(15) }));
    }

    private IRenderedComponent<IdleLogoff> Render()
    {
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        return _ctx.Render<IdleLogoff>();
    }

    private void Advance(TimeSpan by)
    {
        // The component ticks every second; step the fake clock a second at a time so every tick runs.
        for (var i = 0; i < (int)by.TotalSeconds; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
        }
    }

    private int SignOutCalls() => _ctx.JSInterop.Invocations.Count(i => i.Identifier == "clinic.submitForm" && (string?)i.Arguments[0] == "logout-form");

    [Fact]
    public void No_warning_and_no_sign_out_before_fourteen_minutes_idle()
    {
        var cut = Render();

        Advance(TimeSpan.FromMinutes(13) + TimeSpan.FromSeconds(59));

        Assert.DoesNotContain("Are you still there?", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(0, SignOutCalls());
    }

    [Fact]
    public void A_warning_shows_one_minute_before_sign_out()
    {
        var cut = Render();

        Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(1));

        cut.WaitForAssertion(() => Assert.Contains("Are you still there?", cut.Markup, StringComparison.Ordinal));
        Assert.Equal(0, SignOutCalls());
    }

    [Fact]
    public void After_fifteen_minutes_without_input_the_user_is_signed_out_once()
    {
        Render();

        Advance(TimeSpan.FromMinutes(16));

        Assert.Equal(1, SignOutCalls());
    }

    [Fact]
    public async Task Input_resets_the_idle_clock()
    {
        var cut = Render();
        Advance(TimeSpan.FromMinutes(14) + TimeSpan.FromSeconds(30));

        await cut.InvokeAsync(() => cut.Instance.ActivityAsync());
        Advance(TimeSpan.FromMinutes(13));

        Assert.Equal(0, SignOutCalls());
        cut.WaitForAssertion(() => Assert.DoesNotContain("Are you still there?", cut.Markup, StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
