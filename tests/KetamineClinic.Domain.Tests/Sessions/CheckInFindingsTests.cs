using KetamineClinic.Domain.Protocols;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>The checklist names the item each unmet point belongs to, so the check-in form can show it at its field.</summary>
public sealed class CheckInFindingsTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 14, 0, 0, DateTimeKind.Utc);
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static ProtocolSettings Depression => Protocol.Defaults[0];

    [Fact]
    public void Every_unmet_item_is_reported_at_once_with_its_item()
    {
        var input = new CheckInInput(Start.AddHours(-2), Start.AddHours(-1), "Sam", null, false, 82.4m, Today.AddDays(-45), null);

        var findings = InfusionSession.CheckInFindings(Depression, input, new CheckInFacts(false, false, Start), Start, Today);

        Assert.Equal(
            [CheckInItem.SolidFood, CheckInItem.ClearLiquid, CheckInItem.Escort, CheckInItem.MedicinesHeld, CheckInItem.Consent, CheckInItem.Eligibility, CheckInItem.Weight, CheckInItem.Baseline],
            findings.Select(f => f.Item));
        Assert.Equal(findings.Select(f => f.Text), InfusionSession.CheckInProblems(Depression, input, new CheckInFacts(false, false, Start), Start, Today));
    }

    [Fact]
    public void A_complete_checklist_has_no_findings()
    {
        var input = new CheckInInput(Start.AddHours(-8), Start.AddHours(-3), "Sam", "+1 555 0100", true, 82.4m, Today, new VitalsInput(120, 80, 70, 98, 14));

        Assert.Empty(InfusionSession.CheckInFindings(Depression, input, new CheckInFacts(true, true, Start), Start, Today));
    }
}
