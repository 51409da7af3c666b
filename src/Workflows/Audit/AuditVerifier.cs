using Dapper;
using Npgsql;

namespace Workflows.Audit;

/// <summary>
/// Recomputes the audit chain: each sealed record's hash over its own fields, its position and the hash of the record
/// before it in the chain. Finds edited records (hash mismatch) and deleted or inserted ones (link mismatch); counts
/// the records not yet sealed (<see cref="AuditSealer"/>) and the age of the oldest.
/// </summary>
public sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    /// <summary>Checks the whole sealed chain, in one pass over the table.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var result = await connection.QuerySingleAsync<(long Records, long? Seq, string? Reason, long Unsealed, double? Oldest)>(new CommandDefinition(
            """
            WITH chain AS (
                SELECT seq, position, prev_hash, hash,
                       coalesce(lag(hash) OVER (ORDER BY position), '\x'::bytea) AS expected_prev,
                       audit_hash(position, at, actor, action, plan_id, instance_id, task_id, data, prev_hash) AS recomputed
                FROM audit_log WHERE hash IS NOT NULL
            ), broken AS (
                SELECT seq, CASE WHEN hash <> recomputed THEN 'the record was changed: its hash does not match its content'
                                 ELSE 'the link to the record before is wrong: a record was removed or inserted' END AS reason
                FROM chain WHERE hash <> recomputed OR prev_hash <> expected_prev
                ORDER BY position LIMIT 1
            )
            SELECT (SELECT count(*) FROM audit_log WHERE hash IS NOT NULL) AS records, (SELECT seq FROM broken) AS seq,
                   (SELECT reason FROM broken) AS reason,
                   (SELECT count(*) FROM audit_log WHERE hash IS NULL) AS unsealed,
                   (SELECT extract(epoch FROM clock_timestamp() - min(written_at))::float8 FROM audit_log WHERE hash IS NULL) AS oldest
            """, cancellationToken: cancellationToken));
        return new AuditVerification(result.Seq is null, result.Records, result.Seq, result.Reason, result.Unsealed, Math.Round(Math.Max(0, result.Oldest ?? 0), 3));
    }
}
