using Hangfire;
using Workflows.TaskTimers;

namespace Workflows.Host.Reporting;

/// <summary>
/// The recurring job (<see cref="RecurringId"/>, every minute) that fires the human tasks' timers now due
/// (<see cref="TaskTimerStore.FireDueAsync"/> at the injected clock's now): a reminder or an escalation fires within a minute
/// of its instant. Two nodes running it at once fire each timer once (row locks, <c>SKIP LOCKED</c>).
/// </summary>
internal sealed class DueTaskTimersJob(TaskTimerStore timers, TimeProvider clock, ILogger<DueTaskTimersJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringId = "task-timers";

    /// <summary>Fires every timer due now; a timer whose handler fails is logged and tried again later by the store.</summary>
    [JobDisplayName("Hẹn giờ công việc: nhắc việc và chuyển lên khi đến hạn")]
    [AutomaticRetry(Attempts = 0)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var fired = await timers.FireDueAsync(clock.GetUtcNow(), cancellationToken);
        if (fired > 0) logger.LogInformation("{Timers} task timers fired", fired);
    }
}
