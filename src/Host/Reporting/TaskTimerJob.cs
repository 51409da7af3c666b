using Hangfire;
using Hangfire.Server;
using Workflows.Reporting.Steps;

namespace Workflows.Host.Reporting;

/// <summary>
/// The delayed Hangfire job of one <see cref="TaskTimer"/> as timers were scheduled before migration 0730 (now rows of
/// <c>task_timers</c> fired by <see cref="DueTaskTimersJob"/>): kept so that such jobs still pending in a database run. Calls
/// the <see cref="ITaskTimerHandler"/> registered for its kind at the injected clock's now (the handler checks the task's
/// state). Retried like the reporting steps.
/// </summary>
internal sealed class TaskTimerJob(IEnumerable<ITaskTimerHandler> handlers, TimeProvider clock, HangfireStepScheduler scheduler, ILogger<TaskTimerJob> logger)
{
    /// <summary>Fires timer <paramref name="name"/> of <paramref name="kind"/> for <paramref name="subjectId"/>.</summary>
    /// <exception cref="InvalidOperationException">No handler is registered for <paramref name="kind"/> (the job fails, visibly).</exception>
    [JobDisplayName("Hẹn giờ {0}: {2} của {1}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task FireAsync(string kind, Guid subjectId, string name, PerformContext? context, CancellationToken cancellationToken)
    {
        var handler = handlers.FirstOrDefault(h => h.Kind == kind)
            ?? throw new InvalidOperationException($"No task timer handler is registered for '{kind}'.");
        try
        {
            await handler.FireAsync(subjectId, name, clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Timer {Kind}/{Name} of {Subject} failed; Hangfire retries it", kind, name, subjectId);
            throw;
        }
        if (context is not null) scheduler.Forget(HangfireStepScheduler.TimerSet(kind, subjectId), $"{name}:{context.BackgroundJob.Id}");
    }
}
