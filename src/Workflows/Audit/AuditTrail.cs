using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Workflows.Storage;

namespace Workflows.Audit;

/// <summary>
/// Writes audit records on a <see cref="UnitOfWork"/>: the records of one send of the unit (a transition's, typically all
/// of them) are one <c>INSERT</c>, sent after the unit's other queued writes and committed with them, in the order they
/// were recorded. No lock is taken: each record is written unsealed (no hash yet) with the id of its transaction, and
/// <see cref="AuditSealer"/> chains it shortly after the commit.
/// </summary>
public static class AuditTrail
{
    /// <summary>Queues one audit record on <paramref name="work"/>; it commits or rolls back with the unit's other writes.</summary>
    /// <param name="work">The unit of work of the change being recorded.</param>
    /// <param name="at">Instant (UTC).</param>
    /// <param name="actor">User name, <c>system</c>, or <c>school:{entryId}</c>.</param>
    /// <param name="action">What happened, e.g. <c>task.completed</c>.</param>
    /// <param name="planId">Plan concerned, if any.</param>
    /// <param name="instanceId">Workflow instance, if any.</param>
    /// <param name="taskId">Human task, if any.</param>
    /// <param name="data">Details, serialised as JSON (web defaults: camelCase).</param>
    public static void Audit(this UnitOfWork work, DateTimeOffset at, string actor, string action, Guid? planId, Guid? instanceId, Guid? taskId, object data) =>
        work.Rows<AuditRecords>().Add(new AuditRecord(at.ToUniversalTime(), actor, action, planId, instanceId, taskId,
            JsonSerializer.Serialize(data, JsonSerializerOptions.Web)));

    private sealed record AuditRecord(DateTimeOffset At, string Actor, string Action, Guid? PlanId, Guid? InstanceId, Guid? TaskId, string Data);

    /// <summary>The records of one unit of work not yet sent: one row as <c>VALUES</c>, several as one <c>unnest</c> of arrays.</summary>
    private sealed class AuditRecords : IQueuedRows
    {
        private const string InsertOne =
            "INSERT INTO audit_log (at, actor, action, plan_id, instance_id, task_id, data) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)";

        // unnest keeps the arrays' order, so the records' seq (and thus their order in the chain) is the order of recording.
        private const string InsertMany =
            """
            INSERT INTO audit_log (at, actor, action, plan_id, instance_id, task_id, data)
            SELECT at, actor, action, plan_id, instance_id, task_id, data::jsonb
            FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::uuid[], $5::uuid[], $6::uuid[], $7::text[])
                 AS r(at, actor, action, plan_id, instance_id, task_id, data)
            """;

        private readonly List<AuditRecord> _records = [];

        public void Add(AuditRecord record) => _records.Add(record);

        public NpgsqlBatchCommand? Take()
        {
            if (_records.Count == 0) return null;
            NpgsqlBatchCommand command;
            if (_records.Count == 1)
            {
                var record = _records[0];
                command = new NpgsqlBatchCommand(InsertOne);
                command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = record.At, NpgsqlDbType = NpgsqlDbType.TimestampTz });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Actor, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Action, NpgsqlDbType = NpgsqlDbType.Text });
                command.Parameters.Add(Id(record.PlanId));
                command.Parameters.Add(Id(record.InstanceId));
                command.Parameters.Add(Id(record.TaskId));
                command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = record.Data, NpgsqlDbType = NpgsqlDbType.Text });
            }
            else
            {
                command = new NpgsqlBatchCommand(InsertMany);
                command.Parameters.Add(Array(NpgsqlDbType.TimestampTz, _records.Select(r => r.At).ToArray()));
                command.Parameters.Add(Array(NpgsqlDbType.Text, _records.Select(r => r.Actor).ToArray()));
                command.Parameters.Add(Array(NpgsqlDbType.Text, _records.Select(r => r.Action).ToArray()));
                command.Parameters.Add(Array(NpgsqlDbType.Uuid, _records.Select(r => r.PlanId).ToArray()));
                command.Parameters.Add(Array(NpgsqlDbType.Uuid, _records.Select(r => r.InstanceId).ToArray()));
                command.Parameters.Add(Array(NpgsqlDbType.Uuid, _records.Select(r => r.TaskId).ToArray()));
                command.Parameters.Add(Array(NpgsqlDbType.Text, _records.Select(r => r.Data).ToArray()));
            }
            _records.Clear();
            return command;
        }

        private static NpgsqlParameter<T[]> Array<T>(NpgsqlDbType type, T[] values) => new() { TypedValue = values, NpgsqlDbType = NpgsqlDbType.Array | type };

        private static NpgsqlParameter Id(Guid? id) => id is { } value
            ? new NpgsqlParameter<Guid> { TypedValue = value, NpgsqlDbType = NpgsqlDbType.Uuid }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid };
    }
}
