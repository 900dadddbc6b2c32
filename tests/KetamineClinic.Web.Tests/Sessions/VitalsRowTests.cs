using AngleSharp.Dom;
using Bunit;
using FluentValidation;
using KetamineClinic.Domain.Common;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Features.Sessions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Sessions;

/// <summary>The keyboard vitals row: Tab order, Enter saves from any field, the row clears and the time follows the
/// clock again after a save, and a bad value gets its message at the field while everything typed stays.</summary>
public sealed class VitalsRowTests : IAsyncDisposable
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
    private static readonly string[] Order = ["time", "systolic", "diastolic", "hr", "spo2", "rr", "temp", "comment"];
    private readonly BunitContext _ctx = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 25, 15, 42, 30, TimeSpan.Zero)); // 10:42 in New York
    private readonly List<VitalsEntry> _saved = [];
    private DomainError? _serverAnswer;

    public VitalsRowTests()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<TimeProvider>(_clock);
        _ctx.Services.AddSingleton<IValidator<VitalsEntry>>(new VitalsEntryValidator());
    }

    private IRenderedComponent<VitalsRow> Render() =>
        _ctx.Render<VitalsRow>(p => p
            .Add(r => r.ClinicTimeZone, NewYork)
            .Add(r => r.Save, entry =>
            {
                if (_serverAnswer is null)
                {
                    _saved.Add(entry);
                }

                return Task.FromResult(_serverAnswer);
            }));

    private static IElement Input(IRenderedComponent<VitalsRow> cut, string field) => cut.Find($"[data-testid='vitals-{field}'] input, input[data-testid='vitals-{field}']");

    private static void Type(IRenderedComponent<VitalsRow> cut, string field, string text) => Input(cut, field).Input(text);

    private static void Enter(IRenderedComponent<VitalsRow> cut, string field) => Input(cut, field).KeyDown(new KeyboardEventArgs { Key = "Enter" });

    private static void TypeReading(IRenderedComponent<VitalsRow> cut)
    {
        Type(cut, "systolic", "132");
        Type(cut, "diastolic", "84");
        Type(cut, "hr", "76");
        Type(cut, "spo2", "97");
        Type(cut, "rr", "14");
    }

    private static string FieldText(IRenderedComponent<VitalsRow> cut, string field) =>
        cut.Find($"[data-testid='vitals-{field}']").Closest(".mud-input-control")?.TextContent ?? "";

    [Fact]
    public void The_fields_follow_in_tab_order_time_systolic_diastolic_hr_spo2_rr_temperature_comment_then_save()
    {
        var cut = Render();

        var inputs = cut.FindAll("[data-testid='vitals-row'] input, [data-testid='vitals-row'] button");
        var order = inputs.Select(i => Order.FirstOrDefault(f => i.Closest($"[data-testid='vitals-{f}']") is not null || i.GetAttribute("data-testid") == $"vitals-{f}")
            ?? i.GetAttribute("data-testid")).ToList();

        Assert.Equal([.. Order, "vitals-save"], order);
        Assert.DoesNotContain(inputs, i => int.TryParse(i.GetAttribute("tabindex"), out var t) && t > 0);
        Assert.Equal("10:42", Input(cut, "time").GetAttribute("value"));
    }

    [Fact]
    public void Enter_in_any_field_saves_the_reading_then_the_row_clears_and_focus_returns_to_systolic()
    {
        var cut = Render();
        TypeReading(cut);
        Type(cut, "temp", "36,8");
        Type(cut, "comment", "Feels floaty");

        Enter(cut, "rr");

        var entry = Assert.Single(_saved);
        Assert.Equal(new VitalsEntry(null, 132, 84, 76, 97, 14, 36.8m, "Feels floaty"), entry);
        Assert.All(Order.Skip(1), f => Assert.True(string.IsNullOrEmpty(Input(cut, f).GetAttribute("value")), f + " cleared"));
        // The row's inputs are new after a save; the cursor is in the new systolic field.
        var systolic = cut.FindComponents<MudBlazor.MudInput<string>>()[1].Instance.ElementReference.Id;
        var focused = (ElementReference)_ctx.JSInterop.VerifyFocusAsyncInvoke().Arguments[0]!;
        Assert.Equal(systolic, focused.Id);

        _clock.Advance(TimeSpan.FromMinutes(10));
        TypeReading(cut);
        Enter(cut, "systolic");

        Assert.Equal(2, _saved.Count);
        Assert.Equal("10:52", Input(cut, "time").GetAttribute("value"));
    }

    [Fact]
    public void A_corrected_time_is_sent_as_that_clinic_time_today()
    {
        var cut = Render();
        Type(cut, "time", "10:35");
        TypeReading(cut);

        Enter(cut, "comment");

        Assert.Equal(new DateTime(2026, 11, 25, 10, 35, 0), Assert.Single(_saved).TakenLocal);
    }

    [Fact]
    public void A_value_out_of_range_shows_its_message_at_the_field_saves_nothing_and_keeps_everything_typed()
    {
        var cut = Render();
        TypeReading(cut);
        Type(cut, "systolic", "400");
        Type(cut, "hr", "7a");

        Enter(cut, "spo2");

        Assert.Empty(_saved);
        Assert.Contains("Systolic pressure must be from 50 to 300 mmHg.", FieldText(cut, "systolic"), StringComparison.Ordinal);
        Assert.Contains("Enter a whole number.", FieldText(cut, "hr"), StringComparison.Ordinal);
        Assert.Equal(["400", "84", "7a", "97", "14"], new[] { "systolic", "diastolic", "hr", "spo2", "rr" }.Select(f => Input(cut, f).GetAttribute("value")));
    }

    [Fact]
    public void A_missing_value_is_named_at_its_field()
    {
        var cut = Render();
        Type(cut, "systolic", "132");
        Type(cut, "diastolic", "84");

        Enter(cut, "diastolic");

        Assert.Empty(_saved);
        Assert.Contains("Enter the heart rate.", FieldText(cut, "hr"), StringComparison.Ordinal);
        Assert.Equal("132", Input(cut, "systolic").GetAttribute("value"));
    }

    [Fact]
    public void When_the_server_refuses_the_time_the_message_shows_at_the_time_and_the_reading_stays_in_the_row()
    {
        var cut = Render();
        Type(cut, "time", "10:50");
        TypeReading(cut);
        _serverAnswer = SessionErrors.TimeInFuture;

        Enter(cut, "rr");

        Assert.Contains(SessionErrors.TimeInFuture.Message, FieldText(cut, "time"), StringComparison.Ordinal);
        Assert.Equal(["10:50", "132", "84", "76", "97", "14"], new[] { "time", "systolic", "diastolic", "hr", "spo2", "rr" }.Select(f => Input(cut, f).GetAttribute("value")));
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
