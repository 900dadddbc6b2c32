using System.Reflection;
using KetamineClinic.Domain.Audit;

namespace KetamineClinic.Domain.Tests.Audit;

public sealed class AuditChainTests
{
    private static readonly DateTime Start = new(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc);

    private static List<AuditEvent> Chain(int length)
    {
        var rows = new List<AuditEvent>();
        for (var i = 0; i < length; i++)
        {
            var row = AuditEvent.Create(
                new AuditEntry(Start.AddMinutes(i), AuditAction.Read, "Patient", $"p{i}", $"p{i}", UserId: "u1", UserName: "nurse@test"),
                rows.LastOrDefault());
            SetId(row, i + 1);
            rows.Add(row);
        }

        return rows;
    }

    private static void SetId(AuditEvent row, long id) =>
        typeof(AuditEvent).GetProperty(nameof(AuditEvent.Id))!.SetValue(row, id);

    private static void Tamper(AuditEvent row, string property, object? value) =>
        typeof(AuditEvent).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)!.SetValue(row, value);

    [Fact]
    public void First_row_links_to_the_genesis_hash_and_starts_at_sequence_one()
    {
        var row = Chain(1)[0];

        Assert.Equal(AuditChain.GenesisHash, row.PreviousHash);
        Assert.Equal(1, row.Sequence);
        Assert.Equal(64, row.Hash.Length);
    }

    [Fact]
    public void Each_row_links_to_the_hash_of_the_row_before()
    {
        var rows = Chain(3);

        Assert.Equal(rows[0].Hash, rows[1].PreviousHash);
        Assert.Equal(rows[1].Hash, rows[2].PreviousHash);
        Assert.Equal([1L, 2L, 3L], rows.Select(r => r.Sequence));
    }

    [Fact]
    public void An_untouched_chain_verifies_as_intact()
    {
        var report = AuditChain.Verify(Chain(5));

        Assert.True(report.IsIntact);
        Assert.Equal(5, report.RowsChecked);
        Assert.Null(report.FirstBrokenId);
    }

    [Fact]
    public void An_empty_chain_is_intact()
    {
        Assert.True(AuditChain.Verify([]).IsIntact);
    }

    [Theory]
    [InlineData(nameof(AuditEvent.PatientId), "someone-else")]
    [InlineData(nameof(AuditEvent.UserName), "intruder")]
    [InlineData(nameof(AuditEvent.Outcome), AuditOutcome.Failure)]
    [InlineData(nameof(AuditEvent.Action), AuditAction.Update)]
    public void Editing_any_field_of_a_row_is_reported_at_that_row(string property, object value)
    {
        var rows = Chain(5);
        Tamper(rows[2], property, value);

        var report = AuditChain.Verify(rows);

        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBrokenId);
        Assert.Equal(2, report.RowsChecked);
        Assert.Contains("changed", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Removing_a_row_is_reported_at_the_row_after_the_gap()
    {
        var rows = Chain(5);
        rows.RemoveAt(1);

        var report = AuditChain.Verify(rows);

        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBrokenId);
    }

    [Fact]
    public void Rewriting_a_row_and_its_own_hash_still_breaks_the_link_to_the_next_row()
    {
        var rows = Chain(4);
        Tamper(rows[1], nameof(AuditEvent.PatientId), "hidden");
        Tamper(rows[1], nameof(AuditEvent.Hash), AuditChain.ComputeHash(rows[1]));

        var report = AuditChain.Verify(rows);

        Assert.False(report.IsIntact);
        Assert.Equal(3, report.FirstBrokenId);
        Assert.Contains("does not link", report.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Occurred_time_is_kept_to_the_microsecond_so_every_database_stores_it_exactly()
    {
        var precise = new DateTime(2026, 11, 25, 9, 0, 0, DateTimeKind.Utc).AddTicks(1_234_567);

        var row = AuditEvent.Create(new AuditEntry(precise, AuditAction.Read, "Patient"), null);

        Assert.Equal(precise.AddTicks(-7), row.OccurredUtc);
        Assert.Equal(DateTimeKind.Utc, row.OccurredUtc.Kind);
    }

    [Fact]
    public void Verifying_in_batches_gives_the_same_report_as_verifying_at_once()
    {
        var rows = Chain(7);
        Tamper(rows[4], nameof(AuditEvent.Detail), "edited");
        var verifier = new AuditChainVerifier();

        var accepted = rows.Chunk(3).SelectMany(batch => batch).TakeWhile(verifier.Add).Count();

        Assert.Equal(4, accepted);
        Assert.Equal(4, verifier.LastSequence);
        Assert.Equal(AuditChain.Verify(rows), verifier.Report());
        Assert.False(verifier.Add(rows[5]));
    }
}
