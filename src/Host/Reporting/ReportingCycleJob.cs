using Quartz;
using Workflows.Reporting;

namespace Workflows.Host.Reporting;

/// <summary>
/// The Quartz job of the reporting workflow: thin, it runs <see cref="ReportingCycle.RunDueAsync"/> at the injected
/// clock's now. Persistent, recoverable (a node that dies mid-run has the run redone by another node), never run twice at
/// once in the cluster; the cycle itself is idempotent, so a rerun does only what is still missing.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class ReportingCycleJob(ReportingCycle cycle, TimeProvider clock, ReportingCycleMonitor monitor, ILogger<ReportingCycleJob> logger) : IJob
{
    /// <summary>The job's key in the store.</summary>
    public static readonly JobKey Key = new("reporting-cycle", "reporting");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var run = monitor.Begin();
        Exception? error = null;
        try
        {
            await cycle.RunDueAsync(clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            error = e;
            logger.LogError(e, "Reporting cycle failed; the next run tries again");
        }
        finally
        {
            monitor.End(run, error);
        }
    }
}
