namespace KetamineClinic.Domain.Outcomes;

/// <summary>A set of instruments with value equality (so a protocol's settings compare by value), listed in the
/// order of <see cref="InstrumentCode"/>. Stored as their names separated by commas, e.g. "Phq9,Gad7". (Not an
/// IEnumerable: Npgsql would take it for an array column.)</summary>
public readonly record struct InstrumentSet
{
    private readonly int _mask;

    private InstrumentSet(int mask) => _mask = mask;

    public static InstrumentSet Empty => default;

    public int Count => Items.Count;

    public IReadOnlyList<InstrumentCode> Items => [.. Enum.GetValues<InstrumentCode>().Where(Contains)];

    public bool IsEmpty => _mask == 0;

    public static InstrumentSet Of(params InstrumentCode[] instruments)
    {
        ArgumentNullException.ThrowIfNull(instruments);
        var mask = 0;
        foreach (var instrument in instruments)
        {
            if (!Enum.IsDefined(instrument))
            {
                throw new ArgumentOutOfRangeException(nameof(instruments), instrument, "Unknown instrument.");
            }

            mask |= 1 << (int)instrument;
        }

        return new InstrumentSet(mask);
    }

    public bool Contains(InstrumentCode instrument) => (_mask & (1 << (int)instrument)) != 0;

    public override string ToString() => string.Join(',', Items);

    /// <summary>Reads <see cref="ToString"/>'s form; unknown names are refused.</summary>
    public static InstrumentSet Parse(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? Empty
            : Of([.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Enum.Parse<InstrumentCode>)]);
}
