using KetamineClinic.Domain.Protocols;

namespace KetamineClinic.Web.Features.Admin.Protocols;

/// <summary>How protocols' words and units read on screen.</summary>
public static class ProtocolText
{
    public static string DoseUnit(DoseUnit unit) => unit switch
    {
        Domain.Protocols.DoseUnit.MgPerKgPerHour => "mg/kg/h",
        _ => "mg/kg",
    };

    public static string DoseUnitLong(DoseUnit unit) => unit switch
    {
        Domain.Protocols.DoseUnit.MgPerKgPerHour => "Rate per kg per hour (mg/kg/h)",
        _ => "Total dose per kg over the infusion (mg/kg)",
    };

    public static string Indication(Indication indication) => indication switch
    {
        Domain.Protocols.Indication.TreatmentResistantDepression => "Treatment-resistant depression",
        Domain.Protocols.Indication.ChronicPain => "Chronic pain",
        Domain.Protocols.Indication.Ptsd => "PTSD",
        _ => "Other",
    };

    public static string Number(decimal value) => value.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
}
