using Dapper;
using Npgsql;

namespace Workflows.Audit;

/// <summary>
/// Recomputes the audit chain: each record's hash over its own fields and the hash of the record before it.
/// Finds edited records (hash mismatch) and deleted or inserted ones (link mismatch).
/// </summary>
public sealed class AuditVerifier(NpgsqlDataSource dataSource)
{
    /// <summary>Checks the whole chain, in one pass over the table.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var result = await connection.QuerySingleAsync<(long Records, long? Seq, string? Reason)>(new CommandDefinition(
            """
            WITH chain AS (
                SELECT seq, prev_hash, hash,
                       coalesce(lag(hash) OVER (ORDER BY seq), '\x'::bytea) AS expected_prev,
                       audit_hash(seq, at, actor, action, plan_id, instance_id, task_id, data, prev_hash) AS recomputed
                FROM audit_log
            ), broken AS (
                SELECT seq, CASE WHEN hash <> recomputed THEN 'the record was changed: its hash does not match its content'
                                 ELSE 'the link to the record before is wrong: a record was removed or inserted' END AS reason
                FROM chain WHERE hash <> recomputed OR prev_hash <> expected_prev
                ORDER BY seq LIMIT 1
            )
            SELECT (SELECT count(*) FROM audit_log) AS records, (SELECT seq FROM broken) AS seq, (SELECT reason FROM broken) AS reason
            """, cancellationToken: cancellationToken));
        return new AuditVerification(result.Seq is null, result.Records, result.Seq, result.Reason);
    }
}
