using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Workflows.Storage;

namespace Workflows.Audit;

/// <summary>
/// Writes audit records on a <see cref="UnitOfWork"/>: each record is one queued <c>INSERT</c>, sent with the unit's
/// other writes and committed with them. No lock is taken: the record is written unsealed (no hash yet) with the id of
/// its transaction, and <see cref="AuditSealer"/> chains it shortly after the commit.
/// </summary>
public static class AuditTrail
{
    private const string Insert =
        "INSERT INTO audit_log (at, actor, action, plan_id, instance_id, task_id, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)";

    /// <summary>Queues one audit record on <paramref name="work"/>; it commits or rolls back with the unit's other writes.</summary>
    /// <param name="work">The unit of work of the change being recorded.</param>
    /// <param name="at">Instant (UTC).</param>
    /// <param name="actor">User name, <c>system</c>, or <c>school:{entryId}</c>.</param>
    /// <param name="action">What happened, e.g. <c>task.completed</c>.</param>
    /// <param name="planId">Plan concerned, if any.</param>
    /// <param name="instanceId">Workflow instance, if any.</param>
    /// <param name="taskId">Human task, if any.</param>
    /// <param name="data">Details, serialised as JSON (web defaults: camelCase).</param>
    public static void Audit(this UnitOfWork work, DateTimeOffset at, string actor, string action, Guid? planId, Guid? instanceId, Guid? taskId, object data)
    {
        var command = new NpgsqlBatchCommand(Insert);
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = at.ToUniversalTime(), NpgsqlDbType = NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = actor, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = action, NpgsqlDbType = NpgsqlDbType.Text });
        command.Parameters.Add(Id(planId));
        command.Parameters.Add(Id(instanceId));
        command.Parameters.Add(Id(taskId));
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(data, JsonSerializerOptions.Web), NpgsqlDbType = NpgsqlDbType.Text });
        work.Queue(command);
    }

    private static NpgsqlParameter Id(Guid? id) => id is { } value
        ? new NpgsqlParameter<Guid> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid }
        : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };
}
