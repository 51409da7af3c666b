using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Engine;

// A completion in one round trip: the engine keeps a copy of each open task it opened (with its plan as the opening
// transition left it) and, completing that task, queues the lock as a check of the copy instead of reading the rows
// first; the writes and COMMIT follow in the same round trip. A copy that no longer holds stops the batch before any
// write (SQLSTATE WF409, migration 0820) and the completion is decided again from a fresh read: the copy is a hint, the
// locked rows are the truth.
public sealed partial class WorkflowEngine
{
    /// <summary>The SQLSTATE task_snapshot_holds() raises when the locked rows differ from the engine's copy.</summary>
    private const string SnapshotChanged = "WF409";

    private readonly TaskSnapshots _snapshots = new();

    /// <summary>
    /// <c>SELECT</c> of a task's columns (<see cref="TaskRow"/>) then its subject's (<see cref="WorkflowSubject"/>, from
    /// <c>id</c>), from the task joined to its instance and subject, without a condition: the read that locks a task and
    /// the start-up loading of the copies.
    /// </summary>
    private readonly string _taskWithSubjectSql;

    /// <summary>The statement of <see cref="LockAsRemembered"/>, built once from the subject owner's columns.</summary>
    private readonly string _snapshotCheckSql;

    /// <summary>
    /// Completes a task from the engine's copy of it (one round trip) when there is one; when the copy no longer holds, or
    /// the decision taken from it refuses the completion, the authoritative path decides from the locked rows.
    /// </summary>
    private async Task CompleteFromSnapshotOrReadAsync(Guid taskId, TaskCompletion completion, Actor actor, CancellationToken cancellationToken)
    {
        if (_snapshots.Find(taskId) is { } snapshot)
        {
            try
            {
                await CompleteAsync(taskId, completion, actor, snapshot, cancellationToken);
                return;
            }
            // A refusal decided from the copy may be the copy's error (a task claimed or moved elsewhere): only the locked
            // rows may refuse. Nothing of the attempt was committed.
            catch (Exception e) when (e is WorkflowException or PostgresException { SqlState: SnapshotChanged })
            {
                _snapshots.Forget(taskId);
                _logger.LogDebug("Task {TaskId}: decided again from a fresh read after the decision from the engine's copy ended with: {Reason}", taskId, e.Message);
            }
        }
        await CompleteAsync(taskId, completion, actor, null, cancellationToken);
    }

    /// <summary>
    /// Loads the engine's copies of the open tasks, with their plans, from the database (the most recently created first, at
    /// most 50,000): run at start-up, so that completing a task opened before this process started also takes one round
    /// trip. A copy that changes while this runs is caught like any other by the check before the writes.
    /// </summary>
    /// <returns>How many open tasks the engine now has a copy of.</returns>
    /// <exception cref="NpgsqlException">PostgreSQL cannot be reached.</exception>
    public async Task<int> RememberOpenTasksAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var open = await connection.QueryAsync<TaskRow, WorkflowSubject, TaskSnapshot>(new CommandDefinition(
                $"{_taskWithSubjectSql} WHERE t.status = 'open' ORDER BY t.created_at DESC LIMIT {TaskSnapshots.Capacity}",
                cancellationToken: cancellationToken),
            (task, plan) => new TaskSnapshot(task, plan), splitOn: "id");
        var count = 0;
        foreach (var snapshot in open)
        {
            _snapshots.Remember(snapshot);
            count++;
        }
        return count;
    }

    /// <summary>
    /// Queues the lock of a task and its plan (<c>FOR UPDATE</c> of both, as <see cref="LockTaskAsync"/>) as a check that
    /// they still hold <paramref name="snapshot"/>'s values: the statements queued after it run only when they do.
    /// </summary>
    private void LockAsRemembered(UnitOfWork work, TaskSnapshot snapshot)
    {
        var values = snapshot.Task.Values();
        var subject = snapshot.Plan;
        work.Queue(_snapshotCheckSql, [.. values, subject.BodyCode, subject.CreatedBy, subject.Status, subject.Revision]);
    }

    private string SnapshotCheckSql()
    {
        var parameters = string.Join(", ", Enumerable.Range(1, TaskColumnCount).Select(i => $"${i}"));
        return $"""
            SELECT task_snapshot_holds(count(*) = 1) FROM (
                SELECT {TaskFrom} {_subjects.JoinFromTask}
                WHERE t.id = $1 AND ({TaskColumns}) IS NOT DISTINCT FROM ({parameters}) AND {_subjects.Unchanged(TaskColumnCount + 1)}
                FOR UPDATE OF t, {_subjects.Alias}) AS locked
            """;
    }

    /// <summary>Remembers a task this transition opened, with its plan as the transition leaves it, once it has committed.</summary>
    private void RememberAfterCommit(Transition transition, TaskRow task) =>
        transition.Work.AfterCommit(() => _snapshots.Remember(new TaskSnapshot(task, transition.Plan with { Status = transition.SubjectStatus })));

    /// <summary>Once the unit of work has committed, applies <paramref name="change"/> to the copy of task <paramref name="taskId"/>.</summary>
    private void ChangeAfterCommit(UnitOfWork work, Guid taskId, Func<TaskRow, TaskRow> change) =>
        work.AfterCommit(() => _snapshots.Change(taskId, change));

    /// <summary>An open task and its plan as the engine last wrote them.</summary>
    private sealed record TaskSnapshot(TaskRow Task, WorkflowSubject Plan);

    /// <summary>
    /// The copies, at most <see cref="Capacity"/> (a task completed by another node is never forgotten here; when full the
    /// copies are dropped, which costs each of those tasks' completion one round trip). Thread-safe.
    /// </summary>
    private sealed class TaskSnapshots
    {
        public const int Capacity = 50_000;
        private readonly ConcurrentDictionary<Guid, TaskSnapshot> _byTask = new();

        public TaskSnapshot? Find(Guid taskId) => _byTask.GetValueOrDefault(taskId);

        public void Remember(TaskSnapshot snapshot)
        {
            if (_byTask.Count >= Capacity) _byTask.Clear();
            _byTask[snapshot.Task.id] = snapshot;
        }

        public void Forget(Guid taskId) => _byTask.TryRemove(taskId, out _);

        /// <summary>Applies <paramref name="change"/> to the copy of the task, when there is one.</summary>
        public void Change(Guid taskId, Func<TaskRow, TaskRow> change)
        {
            if (_byTask.TryGetValue(taskId, out var snapshot)) _byTask.TryUpdate(taskId, snapshot with { Task = change(snapshot.Task) }, snapshot);
        }
    }
}
