using Dapper;
using Npgsql;

namespace Workflows.Audit;

/// <summary>
/// Recomputes the audit chain: for each seal (<c>audit_seals</c>), its record's hash over the record's fields, its position
/// and the hash of the record before it in the chain. Finds edited records (hash mismatch), a record deleted from under
/// its seal, and seals deleted or inserted (link mismatch); counts
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
                SELECT s.seq, s.position, s.prev_hash, s.hash, a.seq IS NULL AS missing,
                       coalesce(lag(s.hash) OVER (ORDER BY s.position), '\x'::bytea) AS expected_prev,
                       audit_hash(s.position, a.at, a.actor, a.action, a.plan_id, a.instance_id, a.task_id, a.data, s.prev_hash) AS recomputed
                FROM audit_seals s LEFT JOIN audit_log a ON a.seq = s.seq
            ), broken AS (
                SELECT seq, CASE WHEN missing THEN 'the record was removed: its seal is left without it'
                                 WHEN hash <> recomputed THEN 'the record was changed: its hash does not match its content'
                                 ELSE 'the link to the record before is wrong: a record was removed or inserted' END AS reason
                FROM chain WHERE missing OR hash <> recomputed OR prev_hash <> expected_prev
                ORDER BY position LIMIT 1
            ), unsealed AS (
                SELECT count(*) AS count, extract(epoch FROM clock_timestamp() - min(written_at))::float8 AS oldest FROM audit_unsealed()
            )
            SELECT (SELECT count(*) FROM audit_seals) AS records, (SELECT seq FROM broken) AS seq,
                   (SELECT reason FROM broken) AS reason, (SELECT count FROM unsealed) AS unsealed, (SELECT oldest FROM unsealed) AS oldest
            """, cancellationToken: cancellationToken));
        return new AuditVerification(result.Seq is null, result.Records, result.Seq, result.Reason, result.Unsealed, Math.Round(Math.Max(0, result.Oldest ?? 0), 3));
    }
}
