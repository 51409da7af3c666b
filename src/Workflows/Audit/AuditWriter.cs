using System.Text.Json;
using Dapper;
using Npgsql;

namespace Workflows.Audit;

/// <summary>
/// Appends records to the hash-chained audit trail inside a caller's transaction (see <c>audit_append</c> in the
/// schema). Call it last in a transaction: the chain's lock is held until commit.
/// </summary>
public sealed class AuditWriter(NpgsqlConnection connection, NpgsqlTransaction transaction)
{
    private readonly List<object> _pending = [];

    /// <summary>Queues one record; <see cref="FlushAsync"/> writes the queue.</summary>
    /// <param name="at">Instant (UTC).</param>
    /// <param name="actor">User name, or <c>system</c>.</param>
    /// <param name="action">What happened, e.g. <c>task.completed</c>.</param>
    /// <param name="planId">Plan concerned, if any.</param>
    /// <param name="instanceId">Workflow instance, if any.</param>
    /// <param name="taskId">Human task, if any.</param>
    /// <param name="data">Details, serialised as JSON.</param>
    public void Add(DateTimeOffset at, string actor, string action, Guid? planId, Guid? instanceId, Guid? taskId, object data) =>
        _pending.Add(new
        {
            at, actor, action, planId, instanceId, taskId,
            data = JsonSerializer.Serialize(data, JsonSerializerOptions.Web),
        });

    /// <summary>Writes the queued records, in order, at the end of the chain.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_pending.Count == 0) return;
        await connection.ExecuteAsync(new CommandDefinition(
            "SELECT audit_append(@at, @actor, @action, @planId, @instanceId, @taskId, @data::jsonb)",
            _pending, transaction, cancellationToken: cancellationToken));
        _pending.Clear();
    }
}
