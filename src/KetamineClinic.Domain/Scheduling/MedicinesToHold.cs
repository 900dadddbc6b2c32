using KetamineClinic.Domain.Intake;

namespace KetamineClinic.Domain.Scheduling;

/// <summary>
/// Which of a patient's current medicines the pre-session instructions ask them not to take before an infusion:
/// sedatives that add to ketamine's CNS depression and may blunt its effect (benzodiazepines, non-benzodiazepine
/// hypnotics, opioids; <see cref="Screening.MedicationGroups"/>). Opioid agonist treatment (methadone,
/// buprenorphine) is never on the list: stopping it risks withdrawal and relapse, so only the clinician decides. The
/// instruction line always adds "unless your clinician says otherwise".
/// </summary>
public static class MedicinesToHold
{
    public static readonly IReadOnlyList<string> GroupCodes = ["benzodiazepine", "z_drug", "opioid"];

    private static readonly string[] OpioidAgonistTreatment = ["methadone", "buprenorphine", "Suboxone", "Subutex", "Zubsolv", "Sublocade"];

    public static IReadOnlyList<string> From(IEnumerable<string> currentMedicines)
    {
        ArgumentNullException.ThrowIfNull(currentMedicines);
        return Screening.ScreenMedicines(currentMedicines)
            .Where(f => GroupCodes.Contains(f.GroupCode))
            .Select(f => f.Medicine)
            .Where(m => !OpioidAgonistTreatment.Any(n => m.Contains(n, StringComparison.OrdinalIgnoreCase)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
    }
}
