using KetamineClinic.Domain.Scheduling;

namespace KetamineClinic.Domain.Tests.Scheduling;

public sealed class MedicinesToHoldTests
{
    [Fact]
    public void Benzodiazepines_sleeping_tablets_and_opioids_are_held()
    {
        var held = MedicinesToHold.From(["Lorazepam 1 mg", "Zolpidem", "Oxycodone 5 mg", "Sertraline 100 mg"]);

        Assert.Equal(["Lorazepam 1 mg", "Zolpidem", "Oxycodone 5 mg"], held);
    }

    [Fact]
    public void Antidepressants_and_stimulants_are_not_on_the_list()
    {
        Assert.Empty(MedicinesToHold.From(["Sertraline", "Lamotrigine", "Adderall"]));
    }

    [Fact]
    public void Opioid_agonist_treatment_is_never_listed_to_hold()
    {
        Assert.Empty(MedicinesToHold.From(["Methadone 60 mg", "Suboxone 8/2 mg", "Buprenorphine"]));
    }
}
