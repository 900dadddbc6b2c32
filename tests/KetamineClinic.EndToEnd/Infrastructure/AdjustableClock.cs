namespace KetamineClinic.EndToEnd.Infrastructure;

/// <summary>
/// The live server's clock for a test that needs clinical minutes to pass: the real clock plus an offset the test moves
/// forward between steps. Only "now" moves; timers and timestamps stay real, so the pages' countdown and refresh timers
/// and the floor's push debounce keep running as they do in the clinic.
/// </summary>
public sealed class AdjustableClock : TimeProvider
{
    private long _offsetTicks;

    public AdjustableClock(DateTimeOffset startUtc) => _offsetTicks = (startUtc - System.GetUtcNow()).Ticks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    /// <summary>Moves "now" to <paramref name="utc"/>; the clock never runs backwards.</summary>
    public void MoveTo(DateTimeOffset utc)
    {
        var now = GetUtcNow();
        if (utc < now)
        {
            throw new InvalidOperationException($"The clock is already at {now:O}; it cannot go back to {utc:O}.");
        }

        Interlocked.Add(ref _offsetTicks, (utc - now).Ticks);
    }
}
