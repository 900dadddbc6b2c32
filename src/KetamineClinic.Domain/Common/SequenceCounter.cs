namespace KetamineClinic.Domain.Common;

/// <summary>A named counter (e.g. for medical record numbers). Taking the next value changes the version, so two
/// writers taking the same value cannot both commit; the loser retries.</summary>
public sealed class SequenceCounter
{
    public const string MedicalRecordNumber = "mrn";

    private SequenceCounter()
    {
    }

    public SequenceCounter(string name) => Name = name;

    public string Name { get; private set; } = "";

    public long Value { get; private set; }

    public Guid Version { get; private set; } = Guid.NewGuid();

    public long Next()
    {
        Value++;
        Version = Guid.NewGuid();
        return Value;
    }
}
