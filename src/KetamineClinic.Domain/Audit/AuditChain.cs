using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace KetamineClinic.Domain.Audit;

/// <summary>The hash chain over audit rows: SHA-256 of the previous hash and every recorded field.</summary>
public static class AuditChain
{
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string ComputeHash(AuditEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var canonical = string.Join(
            '\u001f',
            row.PreviousHash,
            row.Sequence.ToString(CultureInfo.InvariantCulture),
            row.OccurredUtc.ToUniversalTime().Ticks.ToString(CultureInfo.InvariantCulture),
            row.UserId ?? "",
            row.UserName ?? "",
            row.Roles ?? "",
            ((int)row.Action).ToString(CultureInfo.InvariantCulture),
            row.EntityType,
            row.EntityId ?? "",
            row.PatientId ?? "",
            ((int)row.Outcome).ToString(CultureInfo.InvariantCulture),
            row.ClientAddress ?? "",
            row.Detail ?? "");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    /// <summary>
    /// Walks rows in sequence order and reports the first row whose hash does not match its content or whose link to
    /// the row before is broken (a row edited, removed or inserted).
    /// </summary>
    public static AuditChainReport Verify(IEnumerable<AuditEvent> rowsInSequenceOrder)
    {
        ArgumentNullException.ThrowIfNull(rowsInSequenceOrder);
        var verifier = new AuditChainVerifier();
        foreach (var row in rowsInSequenceOrder)
        {
            if (!verifier.Add(row))
            {
                break;
            }
        }

        return verifier.Report();
    }
}

/// <summary>
/// Verifies the chain a row at a time, carrying the previous hash and the expected sequence between calls, so a long
/// trail can be streamed from the database in batches instead of loaded at once.
/// </summary>
public sealed class AuditChainVerifier
{
    private string _expectedPrevious = AuditChain.GenesisHash;
    private long _expectedSequence = 1;
    private AuditChainReport? _broken;

    /// <summary>Rows checked and found intact so far.</summary>
    public long RowsChecked { get; private set; }

    /// <summary>The sequence of the last intact row (0 before the first), where the next batch starts after.</summary>
    public long LastSequence => _expectedSequence - 1;

    public bool IsBroken => _broken is not null;

    /// <summary>Checks the next row in sequence order. Returns false once the chain is broken (at this row or
    /// before); later rows are then ignored, because the first broken row is what an investigator needs.</summary>
    public bool Add(AuditEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (_broken is not null)
        {
            return false;
        }

        if (row.Sequence != _expectedSequence)
        {
            _broken = AuditChainReport.Broken(RowsChecked, row, $"Row {row.Id} has sequence {row.Sequence}; {_expectedSequence} was expected (a row is missing or was inserted).");
            return false;
        }

        if (!string.Equals(row.PreviousHash, _expectedPrevious, StringComparison.Ordinal))
        {
            _broken = AuditChainReport.Broken(RowsChecked, row, $"Row {row.Id} does not link to the row before it.");
            return false;
        }

        if (!string.Equals(AuditChain.ComputeHash(row), row.Hash, StringComparison.Ordinal))
        {
            _broken = AuditChainReport.Broken(RowsChecked, row, $"Row {row.Id} was changed after it was written.");
            return false;
        }

        _expectedPrevious = row.Hash;
        _expectedSequence++;
        RowsChecked++;
        return true;
    }

    public AuditChainReport Report() => _broken ?? AuditChainReport.Intact(RowsChecked);
}

public sealed record AuditChainReport(bool IsIntact, long RowsChecked, long? FirstBrokenId, long? FirstBrokenSequence, string Message)
{
    public static AuditChainReport Intact(long rows) =>
        new(true, rows, null, null, $"All {rows} rows are intact.");

    public static AuditChainReport Broken(long rowsBefore, AuditEvent row, string why) =>
        new(false, rowsBefore, row.Id, row.Sequence, why);
}
