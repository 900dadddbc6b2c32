using KetamineClinic.Domain.Intake;

namespace KetamineClinic.Domain.Tests.Intake;

public sealed class ScreeningTests
{
    [Theory]
    [InlineData("Lorazepam 1 mg", "benzodiazepine")]
    [InlineData("XANAX XR", "benzodiazepine")]
    [InlineData("zolpidem", "z_drug")]
    [InlineData("Oxycodone/paracetamol (Percocet)", "opioid")]
    [InlineData("Adderall XR 20 mg", "psychostimulant")]
    [InlineData("phenelzine", "maoi")]
    [InlineData("Lamictal", "lamotrigine")]
    [InlineData("naltrexone 50 mg", "naltrexone")]
    public void Screened_medicines_are_flagged_with_their_group(string medicine, string group)
    {
        var flag = Assert.Single(Screening.ScreenMedicines([medicine]));

        Assert.Equal(group, flag.GroupCode);
        Assert.Equal(medicine, flag.Medicine);
        Assert.False(string.IsNullOrWhiteSpace(flag.Reason));
    }

    [Fact]
    public void Medicines_that_are_not_screened_raise_no_flag()
    {
        Assert.Empty(Screening.ScreenMedicines(["Sertraline 100 mg", "Metformin", "Lisinopril", ""]));
    }

    [Fact]
    public void Each_flag_says_why_it_matters()
    {
        var flags = Screening.ScreenMedicines(["clonazepam", "tramadol"]);

        Assert.Contains(flags, f => f.GroupCode == "benzodiazepine" && f.Reason.Contains("blunt", StringComparison.Ordinal));
        Assert.Contains(flags, f => f.GroupCode == "opioid" && f.Reason.Contains("CNS depression", StringComparison.Ordinal));
    }

    [Fact]
    public void The_checklist_covers_the_label_and_Cohen_2018_contraindications()
    {
        var codes = Screening.Contraindications.Select(c => c.Code).ToHashSet();

        foreach (var code in new[] { "hypersensitivity", "aneurysmal_vascular_disease", "avm", "intracerebral_haemorrhage", "active_psychosis", "pregnancy", "uncontrolled_cardiovascular", "severe_hepatic", "raised_icp_iop", "active_sud", "bipolar_without_stabiliser" })
        {
            Assert.Contains(code, codes);
        }

        Assert.All(Screening.Contraindications, c => Assert.False(string.IsNullOrWhiteSpace(c.Source)));
    }

    [Fact]
    public void The_REMS_form_groups_are_marked()
    {
        var rems = Screening.MedicationGroups.Where(g => g.AskedOnRemsForm).Select(g => g.Code).ToList();

        Assert.Contains("benzodiazepine", rems);
        Assert.Contains("opioid", rems);
        Assert.Contains("psychostimulant", rems);
        Assert.Contains("maoi", rems);
        Assert.DoesNotContain("lamotrigine", rems);
    }
}
