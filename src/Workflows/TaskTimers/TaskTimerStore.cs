using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;
using Workflows.Reporting.Steps;
using Workflows.Storage;

namespace Workflows.TaskTimers;

/// <summary>
/// The only writer of <c>task_timers</c>: a new task's timers are one queued statement of the unit of work that opens the
/// task (no round trip of their own; they commit or roll back with the task), and <see cref="FireDueAsync"/>, run every
/// minute by the Host's recurring job, fires those due through the <see cref="ITaskTimerHandler"/> of their kind. A timer is
/// fired at most once at a time across nodes (its row is locked, <c>SKIP LOCKED</c>) and deleted after its handler has
/// committed; a node dying in between fires it again, which the handlers tolerate (they read the task's state; the emails'
/// dedup keys hold).
/// </summary>
public sealed class TaskTimerStore(NpgsqlDataSource dataSource, IEnumerable<ITaskTimerHandler> handlers, ILogger<TaskTimerStore> logger)
{
    /// <summary>How long a timer whose handler failed waits before it is tried again.</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromMinutes(10);

    private readonly IReadOnlyList<ITaskTimerHandler> _handlers = [.. handlers];

    /// <summary>
    /// Queues on <paramref name="work"/> the timers of a subject that has none yet (a task created in the same unit of work)
    /// as one plain <c>INSERT</c>, without a conflict check (<c>ON CONFLICT</c> costs PostgreSQL a speculative insertion
    /// per row). A timer already pending for the same kind, subject and name makes the unit of work fail (unique key).
    /// </summary>
    public static void QueueFirst(UnitOfWork work, IReadOnlyList<TaskTimer> timers)
    {
        if (timers.Count == 0) return;
        var command = new NpgsqlBatchCommand(
            "INSERT INTO task_timers (kind, subject_id, name, due_at) SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::timestamptz[])");
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.Kind).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.SubjectId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.Name).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = timers.Select(t => t.At.ToUniversalTime()).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.TimestampTz });
        work.Queue(command);
    }

    /// <summary>The pending timers of <paramref name="subjectId"/>, earliest first (instants in UTC).</summary>
    public async Task<IReadOnlyList<TaskTimer>> PendingAsync(Guid subjectId, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return (await connection.QueryAsync<Row>(new CommandDefinition(
                "SELECT kind, subject_id, name, due_at FROM task_timers WHERE subject_id = @subjectId ORDER BY due_at, name",
                new { subjectId }, cancellationToken: cancellationToken)))
            .Select(r => r.Timer).ToList();
    }

    /// <summary>
    /// Fires every timer due at <paramref name="now"/> (UTC), earliest first, each through its kind's handler and then deleted.
    /// A handler that throws is logged and its timer tried again <see cref="RetryAfter"/> later; the others go on. Returns how
    /// many fired.
    /// </summary>
    public async Task<int> FireDueAsync(DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var fired = 0;
        while (true)
        {
            await using var work = await UnitOfWork.BeginAsync(dataSource, cancellationToken);
            var due = await work.QuerySingleOrDefaultAsync<Row>(
                "SELECT kind, subject_id, name, due_at FROM task_timers WHERE due_at <= @now ORDER BY due_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                new { now }, cancellationToken);
            if (due is null) return fired;
            var timer = due.Timer;
            try
            {
                var handler = _handlers.FirstOrDefault(h => h.Kind == timer.Kind)
                    ?? throw new InvalidOperationException($"No task timer handler is registered for '{timer.Kind}'.");
                await handler.FireAsync(timer.SubjectId, timer.Name, now, cancellationToken);
                work.Queue("DELETE FROM task_timers WHERE kind = $1 AND subject_id = $2 AND name = $3 AND due_at = $4",
                    timer.Kind, timer.SubjectId, timer.Name, timer.At);
                fired++;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Timer {Kind}/{Name} of {Subject} failed; tried again at {Retry:u}", timer.Kind, timer.Name, timer.SubjectId, now + RetryAfter);
                work.Queue("UPDATE task_timers SET due_at = $4 WHERE kind = $1 AND subject_id = $2 AND name = $3",
                    timer.Kind, timer.SubjectId, timer.Name, now + RetryAfter);
            }
            await work.CommitAsync(cancellationToken);
        }
    }

#pragma warning disable IDE1006 // column names as Dapper maps them
    private sealed record Row(string kind, Guid subject_id, string name, DateTime due_at)
    {
        public TaskTimer Timer => new(kind, subject_id, name, new DateTimeOffset(DateTime.SpecifyKind(due_at, DateTimeKind.Utc)));
    }
#pragma warning restore IDE1006
}
