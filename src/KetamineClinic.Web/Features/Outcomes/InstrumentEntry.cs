using KetamineClinic.Domain.Outcomes;

namespace KetamineClinic.Web.Features.Outcomes;

/// <summary>What the instrument form hands back on save: every item's answer and when the measure was taken (UTC).</summary>
public sealed record InstrumentEntry(InstrumentCode Instrument, IReadOnlyList<int?> Answers, DateTime TakenUtc);
