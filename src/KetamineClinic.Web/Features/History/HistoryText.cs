using System.Globalization;
using KetamineClinic.Domain.Outcomes;
using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Scheduling;
using KetamineClinic.Domain.Sessions;
using KetamineClinic.Web.Features.Outcomes;
using KetamineClinic.Web.Features.Sessions;

namespace KetamineClinic.Web.Features.History;

/// <summary>How the treatment history's facts read on screen and on the printed summary.</summary>
public static class HistoryText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>"PHQ-9: Response (55.0% reduction) — remission not yet": the instrument, the response worked out by
    /// <see cref="CourseResponse.Assess"/>, and for an instrument with a remission rule, whether it is reached.</summary>
    public static string ResponseLabel(InstrumentTrajectory trajectory)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        var instrument = OutcomeInstrument.Get(trajectory.Instrument);
        if (trajectory.Response is not { } response)
        {
            return trajectory.Baseline is null
                ? $"{instrument.ShortName}: no scores yet"
                : $"{instrument.ShortName}: baseline {trajectory.Baseline.Total}, no score since";
        }

        var remissionPending = instrument.RemissionAtOrBelow is { } limit && !response.Remission
            && response.Status is ResponseStatus.Response or ResponseStatus.PartialImprovement
            ? $" — remission not yet (≤ {limit})"
            : "";
        return $"{instrument.ShortName}: {response.Label}{remissionPending}";
    }

    /// <summary>How the label is coloured: remission and response green, partial amber, none and worse red.</summary>
    public static MudBlazor.Color ResponseColor(CourseResponse? response) => response switch
    {
        { Remission: true } or { Status: ResponseStatus.Response } => MudBlazor.Color.Success,
        { Status: ResponseStatus.PartialImprovement } => MudBlazor.Color.Warning,
        { Status: ResponseStatus.NoResponse } => MudBlazor.Color.Error,
        _ => MudBlazor.Color.Default,
    };

    public static string Context(MeasureContext context) => OutcomeText.Context(context);

    /// <summary>"0.5 mg/kg · 41.2 mg" or "1 mg/kg/h · 123.6 mg".</summary>
    public static string Dose(DoseOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return $"{Number(order.Dose)} {DoseCalculation.UnitText(order.Unit)} · {Number(order.TotalMg)} mg";
    }

    /// <summary>"40 min" of drug given, with the ordered minutes when they differ ("28 of 40 min").</summary>
    public static string Duration(TimeSpan infused, int? orderedMinutes)
    {
        var minutes = (int)Math.Round(infused.TotalMinutes, MidpointRounding.AwayFromZero);
        return orderedMinutes is { } ordered && ordered != minutes ? $"{minutes} of {ordered} min" : $"{minutes} min";
    }

    public static string SessionTitle(SessionHistory row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var kind = row.Type == AppointmentType.Booster ? "Booster" : "Infusion";
        return row.Number is { } n ? $"{kind}, session {n.N} of {n.Of}" : kind;
    }

    /// <summary>Where a booking or session stands, when it is not simply a given infusion.</summary>
    public static string? Standing(SessionHistory row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row switch
        {
            { Status: AppointmentStatus.NoShow } => "Did not attend",
            { Upcoming: true } => "Booked",
            { NotStarted: true } => "Not started",
            { Session: null } => Calendar.CalendarText.Status(row.Status),
            { Session.Phase: SessionPhase.Signed } => null,
            { Session.NurseCompletedUtc: not null } => "Awaiting signature",
            { Session.Phase: var phase } => SessionErrors.PhaseText(phase),
        };
    }

    /// <summary>The readings a clinician checks first: the highest blood pressure, fastest heart rate, lowest SpO2.</summary>
    public static string NotableVitals(VitalsCurve? curve)
    {
        if (curve?.HighestBloodPressure is not { } peak)
        {
            return "No readings";
        }

        var at = peak.Minute < 0 ? "before the start" : $"min {peak.Minute.ToString("0", Invariant)}";
        var alerts = curve.AlertReadings switch
        {
            0 => "",
            1 => " · 1 reading alerted",
            var n => $" · {n} readings alerted",
        };
        return $"BP up to {peak.Systolic}/{peak.Diastolic} ({at}) · HR up to {curve.MaxHeartRate} · SpO2 down to {curve.MinSpO2} %{alerts}";
    }

    public static string SideEffect(SideEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        var what = effect.Type == SideEffectType.Other && effect.OtherDescription is { } other ? other : SessionChanges.SideEffectText(effect.Type);
        var scores = new[]
        {
            effect.Moaas is { } m ? $"MOAA/S {m}" : null,
            effect.DissociationRating is { } d ? $"dissociation {d}/4" : null,
            effect.Cadss is { } c ? $"CADSS {c}" : null,
        }.OfType<string>().ToList();
        return $"{Capitalise(what)} ({effect.Severity.ToString().ToLowerInvariant()}{(scores.Count == 0 ? "" : ", " + string.Join(", ", scores))})";
    }

    public static string SideEffectAction(SideEffect effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        return SideEffectsPanel.ActionText(effect.Action) + (effect.ActionNote is { } note ? $": {note}" : "");
    }

    public static string Indication(Indication indication) => Admin.Protocols.ProtocolText.Indication(indication);

    public static string Number(decimal value) => value.ToString("0.##", Invariant);

    public static string Date(DateTime local) => local.ToString("ddd d MMM yyyy", Invariant);

    public static string DateAndTime(DateTime local) => local.ToString("d MMM yyyy HH:mm", Invariant);

    public static string Time(DateTime local) => local.ToString("HH:mm", Invariant);

    private static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
