using Dapper;
using Npgsql;

namespace Workflows.Audit;

/// <summary>
/// Chains the audit records shortly after their transactions commit (<c>audit_seal</c>, migrations 0400 and 0800): each
/// record of a finished transaction gets a seal, a row of <c>audit_seals</c> with its chain position, the hash of the
/// record before it and its own hash, in the order of the transactions' ids and, within one transaction, of writing.
/// The record itself is never rewritten. One sealer runs per database: the nodes compete for
/// a session-level advisory lock (<see cref="TryLeadAsync"/>) and the holder seals every
/// <see cref="SealingInterval"/>; if its process dies the lock is released with its connection and another node takes
/// over. <see cref="SealAsync(CancellationToken)"/> can also be called on demand from any node (sealers are serialised inside PostgreSQL).
/// </summary>
public sealed class AuditSealer(NpgsqlDataSource dataSource)
{
    /// <summary>Session-level advisory lock key held by the elected sealer.</summary>
    public const long LeaderLockKey = 87002;

    /// <summary>How often the elected sealer seals: 200 ms.</summary>
    public static readonly TimeSpan SealingInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Records sealed per statement (a larger backlog is sealed in several).</summary>
    public const int BatchSize = 5000;

    /// <summary>
    /// Seals every record of the transactions finished so far, in batches of <see cref="BatchSize"/>; returns how many.
    /// Records of transactions still open (and of any later one) wait for the next call.
    /// </summary>
    public async Task<long> SealAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await SealAsync(connection, cancellationToken);
    }

    /// <summary>Seals on <paramref name="connection"/> (the leader's own): see <see cref="SealAsync(CancellationToken)"/>.</summary>
    public static async Task<long> SealAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        long total = 0;
        while (true)
        {
            var sealedNow = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT audit_seal(@BatchSize)", new { BatchSize }, cancellationToken: cancellationToken));
            total += sealedNow;
            if (sealedNow < BatchSize) return total;
        }
    }

    /// <summary>
    /// Tries to become this database's sealer on <paramref name="connection"/> (kept open by the caller for as long as it
    /// leads); true when it holds the lock, false when another session does.
    /// </summary>
    public static async Task<bool> TryLeadAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT pg_try_advisory_lock(@LeaderLockKey)", new { LeaderLockKey }, cancellationToken: cancellationToken));

    /// <summary>How many records are unsealed and how long the oldest has waited (zero when none), by the database's clock.</summary>
    public async Task<(long Count, TimeSpan OldestAge)> BacklogAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await BacklogAsync(connection, cancellationToken);
    }

    /// <summary>See <see cref="BacklogAsync(CancellationToken)"/>, on the caller's connection.</summary>
    public static async Task<(long Count, TimeSpan OldestAge)> BacklogAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleAsync<(long Count, double? Seconds)>(new CommandDefinition(
            """
            SELECT count(*), extract(epoch FROM clock_timestamp() - min(written_at))::float8 FROM audit_unsealed()
            """, cancellationToken: cancellationToken));
        return (row.Count, TimeSpan.FromSeconds(Math.Max(0, row.Seconds ?? 0)));
    }
}
