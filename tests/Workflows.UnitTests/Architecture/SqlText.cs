using System.Text.RegularExpressions;

namespace Workflows.UnitTests.Architecture;

/// <summary>
/// Recognises SQL in a string literal. The repository writes SQL keywords in capitals, so the keywords are matched
/// case-sensitively: "Select a school" is prose, <c>SELECT id FROM plans</c> is SQL.
/// </summary>
internal static partial class SqlText
{
    /// <summary>True when <paramref name="text"/> holds a SELECT, INSERT, UPDATE, DELETE, MERGE, COPY, TRUNCATE or DDL statement.</summary>
    public static bool IsSql(string text) => Statement().IsMatch(text);

    /// <summary>
    /// The tables <paramref name="text"/> writes: <c>INSERT INTO t</c>, <c>UPDATE t SET</c>, <c>DELETE FROM t</c>,
    /// <c>MERGE INTO t</c>, <c>TRUNCATE t</c>, <c>COPY t FROM</c> (schema prefixes and quotes removed).
    /// </summary>
    public static IReadOnlySet<string> WrittenTables(string text) =>
        Write().Matches(text).Select(m => m.Groups["table"].Value.Replace("\"", "", StringComparison.Ordinal).Split('.')[^1])
            .ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\b(?:SELECT\s|INSERT\s+INTO\s|UPDATE\s+\S+(?:\s+\w+)?\s+SET\s|DELETE\s+FROM\s|MERGE\s+INTO\s|TRUNCATE\s|COPY\s+\S+\s+(?:FROM|TO)\s|CREATE\s+(?:OR\s+REPLACE\s+|UNIQUE\s+)?(?:TABLE|DATABASE|INDEX|SCHEMA|VIEW|FUNCTION|PROCEDURE|EXTENSION|TRIGGER|SEQUENCE|ROLE|USER|TYPE)\b|ALTER\s+(?:TABLE|DATABASE|INDEX|SCHEMA|ROLE|SYSTEM)\b|DROP\s+(?:TABLE|DATABASE|INDEX|SCHEMA|VIEW|FUNCTION)\b)")]
    private static partial Regex Statement();

    [GeneratedRegex(@"\b(?:(?:INSERT\s+INTO|DELETE\s+FROM|MERGE\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(?<table>[\w.""]+)|(?<!DO\s+)UPDATE\s+(?:ONLY\s+)?(?<table>[\w.""]+)(?:\s+(?:AS\s+)?(?!SET\b)\w+)?\s+SET\b|COPY\s+(?<table>[\w.""]+)(?:\s*\([^)]*\))?\s+FROM\b)")]
    private static partial Regex Write();
}
