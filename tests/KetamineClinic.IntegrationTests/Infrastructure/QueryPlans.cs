using System.Data.Common;
using System.Text.RegularExpressions;
using KetamineClinic.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace KetamineClinic.IntegrationTests.Infrastructure;

/// <summary>Explains a LINQ query's SQL on the test database, to check which index serves it.</summary>
public static partial class QueryPlans
{
    /// <summary>EF Core prints parameters before the SQL (SQLite: ".param set @name value"; Npgsql: "-- @name='value'",
    /// with " (DbType = DateTime)" after some values):
    /// put the values in place so the statement can be explained.</summary>
    public static string Inline(string queryString)
    {
        var lines = queryString.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        var parameters = lines.Select(l => ParamLine().Match(l)).Where(m => m.Success)
            .Select(m => (Name: m.Groups[1].Value, Value: m.Groups[2].Value))
            .OrderByDescending(p => p.Name.Length)
            .ToList();
        var sql = string.Join('\n', lines.Where(l => !ParamLine().IsMatch(l)));
        foreach (var (name, value) in parameters)
        {
            sql = sql.Replace(name, value, StringComparison.Ordinal);
        }

        return sql;
    }

    public static async Task<string> ExplainAsync(ClinicDbContext db, string sql, int column)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open)
        {
            await connection.OpenAsync();
        }

        await using DbCommand command = connection.CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = sql;
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(column));
        }

        return string.Join('\n', rows);
    }

    [GeneratedRegex("^(?:\\.param set |-- )(@\\w+)[ =](.*?)(?: \\(DbType = \\w+\\))?$")]
    private static partial Regex ParamLine();
}
