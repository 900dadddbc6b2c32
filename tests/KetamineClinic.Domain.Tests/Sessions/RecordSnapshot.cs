using System.Collections;
using System.Globalization;
using System.Text;
using KetamineClinic.Domain.Sessions;

namespace KetamineClinic.Domain.Tests.Sessions;

/// <summary>
/// Everything a reader of a session can see — phase, checklist, go-ahead, orders, events, vitals, alerts, side
/// effects, notes, completion and signature — written out by reflection, so a property added to the aggregate later
/// is covered too. The amendments and the version stamp are left out: they are what a signed session may still gain.
/// </summary>
internal static class RecordSnapshot
{
    private static readonly HashSet<string> Excluded = [nameof(InfusionSession.Amendments), nameof(InfusionSession.Version)];

    public static string Of(InfusionSession session)
    {
        var text = new StringBuilder();
        WriteObject(text, session, 0, Excluded);
        return text.ToString();
    }

    private static void Write(StringBuilder text, object? value, int depth)
    {
        switch (value)
        {
            case null:
                text.Append("null");
                break;
            case string s:
                text.Append('"').Append(s).Append('"');
                break;
            case bool b:
                text.Append(b ? "true" : "false");
                break;
            case DateTime dt:
                text.Append(dt.ToString("O", CultureInfo.InvariantCulture));
                break;
            case IFormattable formattable:
                text.Append(formattable.ToString(null, CultureInfo.InvariantCulture));
                break;
            case IEnumerable items:
                text.Append('[');
                foreach (var item in items)
                {
                    Write(text, item, depth + 1);
                    text.Append(", ");
                }

                text.Append(']');
                break;
            default:
                WriteObject(text, value, depth, []);
                break;
        }
    }

    private static void WriteObject(StringBuilder text, object value, int depth, HashSet<string> excluded)
    {
        if (depth > 6)
        {
            throw new InvalidOperationException($"The snapshot of {value.GetType().Name} nests too deeply.");
        }

        text.Append(value.GetType().Name).Append(" { ");
        foreach (var property in value.GetType().GetProperties(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && !excluded.Contains(p.Name)).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            text.Append(property.Name).Append(" = ");
            Write(text, property.GetValue(value), depth + 1);
            text.Append("; ");
        }

        text.Append('}');
    }
}
