using Workflows.Engine;
using Workflows.Reporting.Steps;

namespace Workflows.TaskTimers;

/// <summary>Fires a human task's timer (<see cref="TaskTimerScheduler"/>) through the engine; harmless once the task is done.</summary>
internal sealed class TaskTimerHandler(WorkflowEngine engine) : ITaskTimerHandler
{
    public string Kind => TaskTimerNames.Kind;

    public Task FireAsync(Guid subjectId, string name, DateTimeOffset now, CancellationToken cancellationToken) =>
        engine.FireTimerAsync(subjectId, name, now, cancellationToken);
}
