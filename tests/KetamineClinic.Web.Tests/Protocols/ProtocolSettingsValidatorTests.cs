using Bunit;
using FluentValidation;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Web.Features.Admin.Protocols;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace KetamineClinic.Web.Tests.Protocols;

/// <summary>The protocol form's validator agrees with Protocol.Validate and names the field at fault.</summary>
public sealed class ProtocolSettingsValidatorTests : IAsyncDisposable
{
    private static readonly ProtocolSettings Depression = Protocol.Defaults[0];
    private readonly ProtocolSettingsValidator _validator = new();
    private readonly BunitContext _ctx = new();

    public static TheoryData<string, string> DomainRefusals() => new()
    {
        { "name", nameof(ProtocolSettings.Name) },
        { "minimum zero", nameof(ProtocolSettings.UsualMinDose) },
        { "default above usual maximum", nameof(ProtocolSettings.DefaultDose) },
        { "usual maximum above ceiling", nameof(ProtocolSettings.CeilingDose) },
        { "infusion too long", nameof(ProtocolSettings.InfusionMinutes) },
        { "vitals interval zero", nameof(ProtocolSettings.VitalsIntervalMinutes) },
        { "observation negative", nameof(ProtocolSettings.ObservationMinutes) },
        { "no sessions", nameof(ProtocolSettings.DefaultSessions) },
        { "eight a week", nameof(ProtocolSettings.DefaultSessionsPerWeek) },
        { "review after the last session", nameof(ProtocolSettings.ReviewAfterInfusions) },
        { "liquids longer than solids", nameof(ProtocolSettings.FastingClearLiquidHours) },
        { "interval over two weeks", nameof(ProtocolSettings.MinIntervalHours) },
        { "weight age zero", nameof(ProtocolSettings.MaxWeightAgeDays) },
    };

    private static ProtocolSettings Broken(string what) => what switch
    {
        "name" => Depression with { Name = " " },
        "minimum zero" => Depression with { UsualMinDose = 0 },
        "default above usual maximum" => Depression with { DefaultDose = 0.8m },
        "usual maximum above ceiling" => Depression with { UsualMaxDose = 1.2m, CeilingDose = 1.1m },
        "infusion too long" => Depression with { InfusionMinutes = 601 },
        "vitals interval zero" => Depression with { VitalsIntervalMinutes = 0 },
        "observation negative" => Depression with { ObservationMinutes = -1 },
        "no sessions" => Depression with { DefaultSessions = 0, ReviewAfterInfusions = 0 },
        "eight a week" => Depression with { DefaultSessionsPerWeek = 8 },
        "review after the last session" => Depression with { ReviewAfterInfusions = 7 },
        "liquids longer than solids" => Depression with { FastingClearLiquidHours = 8 },
        "interval over two weeks" => Depression with { MinIntervalHours = 337 },
        "weight age zero" => Depression with { MaxWeightAgeDays = 0 },
        _ => throw new ArgumentOutOfRangeException(nameof(what)),
    };

    [Fact]
    public void The_seeded_default_protocols_are_valid()
    {
        Assert.All(Protocol.Defaults, settings => Assert.True(_validator.Validate(settings).IsValid));
    }

    [Theory]
    [MemberData(nameof(DomainRefusals))]
    public void What_the_domain_refuses_the_form_refuses_at_the_field(string what, string field)
    {
        var settings = Broken(what);

        var result = _validator.Validate(settings);

        Assert.False(Protocol.Validate(settings).IsSuccess);
        Assert.Contains(result.Errors, e => e.PropertyName == field);
    }

    [Theory]
    [InlineData(nameof(ProtocolSettings.AlertSystolicAtOrAbove), 1800)]
    [InlineData(nameof(ProtocolSettings.AlertSpO2Below), 101)]
    [InlineData(nameof(ProtocolSettings.DischargeMaxHeartRate), 40)]
    public void A_threshold_outside_physiology_is_refused_at_its_field(string field, int value)
    {
        var settings = field switch
        {
            nameof(ProtocolSettings.AlertSystolicAtOrAbove) => Depression with { AlertSystolicAtOrAbove = value },
            nameof(ProtocolSettings.AlertSpO2Below) => Depression with { AlertSpO2Below = value },
            _ => Depression with { DischargeMaxHeartRate = value },
        };

        Assert.Contains(_validator.Validate(settings).Errors, e => e.PropertyName == field);
    }

    [Fact]
    public void The_form_model_round_trips_every_number()
    {
        Assert.Equal(Protocol.Defaults[1], ProtocolFormModel.From(Protocol.Defaults[1]).ToSettings());
    }

    [Fact]
    public async Task The_form_shows_the_dose_rule_under_the_default_dose_and_keeps_the_typed_value()
    {
        _ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        _ctx.Services.AddMudServices();
        _ctx.Services.AddSingleton<IValidator<ProtocolSettings>>(_validator);
        var model = ProtocolFormModel.From(Depression);
        model.DefaultDose = 0.9m;
        _ctx.Render<MudBlazor.MudPopoverProvider>();
        var cut = _ctx.Render<ProtocolForm>(p => p.Add(f => f.Model, model));

        var valid = await cut.InvokeAsync(() => cut.Instance.ValidateAsync());

        Assert.False(valid);
        Assert.Contains("The default dose must lie within the usual range", cut.Markup, StringComparison.Ordinal);
        Assert.Equal(0.9m, model.DefaultDose);
    }

    public async ValueTask DisposeAsync() => await _ctx.DisposeAsync();
}
