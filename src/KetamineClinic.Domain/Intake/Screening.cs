namespace KetamineClinic.Domain.Intake;

public enum ScreeningAnswer
{
    NotAsked = 0,
    No = 1,
    Yes = 2,
    Unknown = 3,
}

/// <summary>One contraindication the clinician must confirm (domain.md, "Screening").</summary>
public sealed record Contraindication(string Code, string Question, string Reason, string Source);

/// <summary>A group of medicines screened at intake, with why it matters and names that identify it.</summary>
public sealed record MedicationScreenGroup(string Code, string Name, string Reason, IReadOnlyList<string> Names, bool AskedOnRemsForm);

/// <summary>A flag raised by the medicine list: which medicine, which group, and why.</summary>
public sealed record MedicationFlag(string GroupCode, string GroupName, string Medicine, string Reason);

/// <summary>
/// The contraindication checklist and the medication screen. Any contraindication answered Yes blocks an "eligible"
/// decision until a clinician records an override with a reason.
/// </summary>
public static class Screening
{
    private const string EsketamineLabel = "Spravato (esketamine) prescribing information, contraindications.";
    private const string Cohen2018 = "Cohen SP et al. Consensus guidelines on the use of intravenous ketamine infusions for chronic pain. Reg Anesth Pain Med 2018 (relative contraindications).";

    public static IReadOnlyList<Contraindication> Contraindications { get; } =
    [
        new("hypersensitivity", "Hypersensitivity (allergy) to ketamine or esketamine", "Absolute contraindication.", EsketamineLabel),
        new("aneurysmal_vascular_disease", "Aneurysmal vascular disease (thoracic or abdominal aorta, intracranial or peripheral arteries)", "Blood pressure rises during infusion.", EsketamineLabel),
        new("avm", "Arteriovenous malformation", "Blood pressure rises during infusion.", EsketamineLabel),
        new("intracerebral_haemorrhage", "History of intracerebral haemorrhage", "Blood pressure rises during infusion.", EsketamineLabel),
        new("active_psychosis", "Active psychosis", "Ketamine can worsen psychotic symptoms.", Cohen2018),
        new("pregnancy", "Pregnancy (or possible pregnancy)", "Safety in pregnancy is not established.", Cohen2018),
        new("uncontrolled_cardiovascular", "Poorly controlled cardiovascular disease or hypertension", "Sympathomimetic effects: blood pressure and heart rate rise.", Cohen2018),
        new("severe_hepatic", "Severe hepatic disease", "Ketamine is metabolised by the liver.", Cohen2018),
        new("raised_icp_iop", "Raised intracranial or intra-ocular pressure", "Ketamine may raise intracranial and intra-ocular pressure.", Cohen2018),
        new("active_sud", "Active substance use disorder", "Risk of misuse.", Cohen2018),
        new("bipolar_without_stabiliser", "Bipolar disorder without a mood stabiliser (flag for review)", "Risk of switching to mania.", "Clinic policy (domain.md): flag for clinician review."),
    ];

    public static IReadOnlyList<MedicationScreenGroup> MedicationGroups { get; } =
    [
        new("benzodiazepine", "Benzodiazepines", "Sedation; may blunt the response to ketamine.",
            ["alprazolam", "lorazepam", "clonazepam", "diazepam", "temazepam", "oxazepam", "chlordiazepoxide", "midazolam", "clobazam", "triazolam", "estazolam", "flurazepam", "Xanax", "Ativan", "Klonopin", "Valium", "Restoril"], true),
        new("z_drug", "Non-benzodiazepine sedative hypnotics", "Sedation; may blunt the response to ketamine.",
            ["zolpidem", "zopiclone", "eszopiclone", "zaleplon", "Ambien", "Lunesta", "Sonata"], true),
        new("opioid", "Opioids", "CNS depression with ketamine.",
            ["oxycodone", "hydrocodone", "morphine", "fentanyl", "tramadol", "codeine", "hydromorphone", "methadone", "buprenorphine", "tapentadol", "oxymorphone", "Percocet", "Vicodin", "Norco", "Suboxone", "OxyContin", "Dilaudid"], true),
        new("alcohol", "Alcohol", "CNS depression with ketamine.", ["alcohol", "ethanol"], true),
        new("psychostimulant", "Psychostimulants", "Raise blood pressure.",
            ["amphetamine", "dextroamphetamine", "lisdexamfetamine", "methylphenidate", "dexmethylphenidate", "modafinil", "armodafinil", "Adderall", "Vyvanse", "Ritalin", "Concerta", "Focalin", "Provigil"], true),
        new("maoi", "Monoamine oxidase inhibitors", "Raise blood pressure.",
            ["phenelzine", "tranylcypromine", "isocarboxazid", "selegiline", "Nardil", "Parnate", "Marplan", "Emsam"], true),
        new("lamotrigine", "Lamotrigine", "May attenuate the effect of ketamine.", ["lamotrigine", "Lamictal"], false),
        new("naltrexone", "Naltrexone", "May attenuate the effect of ketamine.", ["naltrexone", "Vivitrol", "Revia", "Contrave"], false),
    ];

    public static Contraindication? FindContraindication(string code) =>
        Contraindications.FirstOrDefault(c => c.Code == code);

    /// <summary>Flags every medicine whose name contains a screened name (case-insensitive), with the reason.</summary>
    public static IReadOnlyList<MedicationFlag> ScreenMedicines(IEnumerable<string> medicineNames)
    {
        ArgumentNullException.ThrowIfNull(medicineNames);
        var flags = new List<MedicationFlag>();
        foreach (var medicine in medicineNames.Where(m => !string.IsNullOrWhiteSpace(m)))
        {
            foreach (var group in MedicationGroups)
            {
                if (group.Names.Any(n => medicine.Contains(n, StringComparison.OrdinalIgnoreCase)))
                {
                    flags.Add(new MedicationFlag(group.Code, group.Name, medicine.Trim(), group.Reason));
                }
            }
        }

        return flags;
    }
}
