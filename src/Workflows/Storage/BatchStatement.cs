using Npgsql;

namespace Workflows.Storage;

/// <summary>Builds one statement of an <see cref="NpgsqlBatch"/> with positional parameters ($1, $2…).</summary>
internal static class BatchStatement
{
    /// <summary>
    /// The statement <paramref name="sql"/> with <paramref name="values"/> as $1, $2…; null becomes SQL NULL and a
    /// <see cref="DateTimeOffset"/> is sent as UTC (timestamptz).
    /// </summary>
    public static NpgsqlBatchCommand Create(string sql, params object?[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter
            {
                Value = value switch
                {
                    null => DBNull.Value,
                    DateTimeOffset instant => instant.ToUniversalTime(),
                    _ => value,
                },
            });
        }
        return command;
    }
}
