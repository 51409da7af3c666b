using System.Text.Json;
using Npgsql;
using NpgsqlTypes;

namespace Workflows.Audit;

/// <summary>
/// Appends records to the hash-chained audit trail inside a caller's transaction (see <c>audit_append</c> in the
/// schema: a transaction-level advisory lock orders the chain, so it is held from the first record until commit).
/// Records are queued by <see cref="Add"/> and written together, last in the transaction: <see cref="FlushAsync"/>
/// writes them in one round trip; <see cref="CommitAsync"/> writes the caller's remaining statements, the records and
/// <c>COMMIT</c> in one round trip, so the chain's lock is taken and released inside the server without waiting on
/// the client.
/// </summary>
public sealed class AuditWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private const string Append = "SELECT audit_append($1, $2, $3, $4, $5, $6, $7::jsonb)";
    private readonly List<NpgsqlBatchCommand> _pending = [];

    /// <summary>Queues one record; <see cref="FlushAsync"/> or <see cref="CommitAsync"/> writes the queue.</summary>
    /// <param name="at">Instant (UTC).</param>
    /// <param name="actor">User name, or <c>system</c>.</param>
    /// <param name="action">What happened, e.g. <c>task.completed</c>.</param>
    /// <param name="planId">Plan concerned, if any.</param>
    /// <param name="instanceId">Workflow instance, if any.</param>
    /// <param name="taskId">Human task, if any.</param>
    /// <param name="data">Details, serialised as JSON.</param>
    public void Add(DateTimeOffset at, string actor, string action, Guid? planId, Guid? instanceId, Guid? taskId, object data)
    {
        var command = new NpgsqlBatchCommand(Append);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(Id(planId));
        command.Parameters.Add(Id(instanceId));
        command.Parameters.Add(Id(taskId));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(data, JsonSerializerOptions.Web), NpgsqlDbType = NpgsqlDbType.Text });
        _pending.Add(command);
    }

    /// <summary>Writes the queued records, in order, at the end of the chain (one round trip).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.Count == 0) return;
        await ExecuteAsync([], commit: false, cancellationToken);
    }

    /// <summary>
    /// Runs <paramref name="statements"/> (the transaction's remaining writes, in order), writes the queued records and
    /// commits the transaction, all in one round trip. When any statement fails nothing is committed and the
    /// <see cref="PostgresException"/> is thrown; the transaction is then rolled back when it is disposed.
    /// </summary>
    public Task CommitAsync(IEnumerable<NpgsqlBatchCommand>? statements = null, CancellationToken cancellationToken = default) =>
        ExecuteAsync(statements ?? [], commit: true, cancellationToken);

    private async Task ExecuteAsync(IEnumerable<NpgsqlBatchCommand> statements, bool commit, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var statement in statements) batch.BatchCommands.Add(statement);
        foreach (var record in _pending) batch.BatchCommands.Add(record);
        // COMMIT as the batch's last statement: the server ends the transaction (Npgsql sees it idle afterwards, so
        // the NpgsqlTransaction counts as completed and its disposal does nothing); on any error the server skips the
        // rest, COMMIT included, and disposing the transaction rolls it back.
        if (commit) batch.BatchCommands.Add(new NpgsqlBatchCommand("COMMIT"));
        _pending.Clear();
        if (batch.BatchCommands.Count == 0) return;
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlParameter Id(Guid? id) => id is { } value
        ? new NpgsqlParameter<Guid> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid }
        : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };
}
