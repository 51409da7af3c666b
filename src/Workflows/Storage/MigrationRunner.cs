using System.Reflection;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Workflows.Storage;

/// <summary>
/// Applies the versioned SQL migrations embedded in the Workflows assembly (<c>Storage/Migrations/NNNN_name.sql</c>),
/// in the order of their number, each in its own transaction, once. Safe to run from several processes at once:
/// a PostgreSQL advisory lock serialises the runners, and applied versions are recorded in <c>schema_migrations</c>.
/// </summary>
public static class MigrationRunner
{
    private const long LockKey = 0x5746_4d49_4752; // "WFMIGR"

    /// <summary>The highest migration version this build knows; the ready check compares it with the database.</summary>
    public static int LatestVersion => Migrations().Max(m => m.Version);

    /// <summary>Applies every migration not yet recorded in the database.</summary>
    /// <exception cref="NpgsqlException">The database cannot be reached or a migration fails (nothing of it is kept).</exception>
    public static async Task ApplyAsync(NpgsqlDataSource dataSource, ILogger logger, CancellationToken cancellationToken = default)
    {
        // A session-level lock: on a connection of its own (WorkflowsDataSource.OpenSessionAsync), never a pooled one.
        await using var connection = await WorkflowsDataSource.OpenSessionAsync(dataSource, cancellationToken);
        await connection.ExecuteAsync("SELECT pg_advisory_lock(@LockKey)", new { LockKey });
        try
        {
            await connection.ExecuteAsync(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
            var applied = (await connection.QueryAsync<int>("SELECT version FROM schema_migrations")).ToHashSet();
            foreach (var migration in Migrations().Where(m => !applied.Contains(m.Version)).OrderBy(m => m.Version))
            {
                logger.LogInformation("Applying migration {Version} {Name}", migration.Version, migration.Name);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(
                    "INSERT INTO schema_migrations (version, name) VALUES (@Version, @Name)",
                    new { migration.Version, migration.Name }, transaction);
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(@LockKey)", new { LockKey });
        }
    }

    /// <summary>The highest version recorded in the database, or 0 when none.</summary>
    public static async Task<int> CurrentVersionAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int?>(
            "SELECT max(version) FROM schema_migrations") ?? 0;
    }

    private static IEnumerable<(int Version, string Name, string Sql)> Migrations()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[(resource.IndexOf(".Migrations.", StringComparison.Ordinal) + ".Migrations.".Length)..];
            var separator = fileName.IndexOf('_');
            if (separator < 0 || !int.TryParse(fileName[..separator], out var version)) continue;
            using var reader = new StreamReader(assembly.GetManifestResourceStream(resource)!);
            yield return (version, fileName[(separator + 1)..^4], reader.ReadToEnd());
        }
    }
}
