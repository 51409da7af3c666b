namespace Workflows.Reporting.Steps;

/// <summary>
/// What a <see cref="TaskTimer"/> does when it fires. Register one per <see cref="Kind"/> in the service container; the
/// scheduler's job resolves it by kind. A handler must be idempotent and read the subject's state at
/// <c>now</c>: the job may run late (every node down), twice (a retry after a crash) or after the task ended.
/// </summary>
public interface ITaskTimerHandler
{
    /// <summary>The <see cref="TaskTimer.Kind"/> this handler serves.</summary>
    string Kind { get; }

    /// <summary>Acts on the timer <paramref name="name"/> of <paramref name="subjectId"/> at <paramref name="now"/> (UTC).</summary>
    Task FireAsync(Guid subjectId, string name, DateTimeOffset now, CancellationToken cancellationToken);
}
