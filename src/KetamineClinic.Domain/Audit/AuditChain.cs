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
        var expectedPrevious = GenesisHash;
        long expectedSequence = 1;
        long checkedRows = 0;
        foreach (var row in rowsInSequenceOrder)
        {
            if (row.Sequence != expectedSequence)
            {
                return AuditChainReport.Broken(checkedRows, row, $"Row {row.Id} has sequence {row.Sequence}; {expectedSequence} was expected (a row is missing or was inserted).");
            }

            if (!string.Equals(row.PreviousHash, expectedPrevious, StringComparison.Ordinal))
            {
                return AuditChainReport.Broken(checkedRows, row, $"Row {row.Id} does not link to the row before it.");
            }

            if (!string.Equals(ComputeHash(row), row.Hash, StringComparison.Ordinal))
            {
                return AuditChainReport.Broken(checkedRows, row, $"Row {row.Id} was changed after it was written.");
            }

            expectedPrevious = row.Hash;
            expectedSequence++;
            checkedRows++;
        }

        return AuditChainReport.Intact(checkedRows);
    }
}

public sealed record AuditChainReport(bool IsIntact, long RowsChecked, long? FirstBrokenId, long? FirstBrokenSequence, string Message)
{
    public static AuditChainReport Intact(long rows) =>
        new(true, rows, null, null, $"All {rows} rows are intact.");

    public static AuditChainReport Broken(long rowsBefore, AuditEvent row, string why) =>
        new(false, rowsBefore, row.Id, row.Sequence, why);
}
