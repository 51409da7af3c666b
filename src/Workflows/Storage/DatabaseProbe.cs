using Npgsql;

namespace Workflows.Storage;

/// <summary>The liveness probe of the database: one connection from the pool answers <c>SELECT 1</c>.</summary>
internal static class DatabaseProbe
{
    /// <summary>
    /// Opens a connection, runs <c>SELECT 1</c> and describes the server, e.g. "PostgreSQL 15.14 at 127.0.0.1:5433".
    /// </summary>
    /// <exception cref="NpgsqlException">The server cannot be reached or refuses.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled (the caller's time limit).</exception>
    public static async Task<string> DescribeAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("SELECT 1", connection);
        await command.ExecuteScalarAsync(ct);
        return $"PostgreSQL {connection.PostgreSqlVersion} at {connection.Host}:{connection.Port}";
    }
}
