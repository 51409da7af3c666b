using Hangfire;
using Workflows.Reporting;

namespace Workflows.Host.Reporting;

/// <summary>
/// The recurring catch-up job (<see cref="RecurringId"/>, every minute, time zone Asia/Ho_Chi_Minh): runs
/// <see cref="ReportingCycle.RunDueAsync"/> at the injected clock's now, so that a step whose job did not run (every node
/// down at its instant, a period created before its jobs, an edited holiday calendar) runs within a minute, once; also
/// run at the start of every node with a server. Correctness comes from the step records and the outbox dedup keys, not
/// from Hangfire's locks: two runs at once do each step once.
/// </summary>
internal sealed class ReportingCatchUpJob(ReportingCycle cycle, Workflows.Distribution.Receipts.ReleaseReceipts receipts, TimeProvider clock,
    ReportingCycleMonitor monitor, ILogger<ReportingCatchUpJob> logger)
{
    /// <summary>The recurring job's id.</summary>
    public const string RecurringId = "reporting-catch-up";

    /// <summary>
    /// Runs every due step not yet done, then closes the periods past their closing time; then queues the release
    /// receipts' due reminders (<see cref="Workflows.Distribution.Receipts.ReleaseReceipts.RemindDueAsync"/>, one statement).
    /// </summary>
    [JobDisplayName("Báo cáo: chạy bù các bước đến hạn")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var run = monitor.Begin();
        Exception? error = null;
        try
        {
            await cycle.RunDueAsync(clock.GetUtcNow(), cancellationToken);
            await receipts.RemindDueAsync(clock.GetUtcNow(), cancellationToken);
        }
        catch (Exception e)
        {
            error = e;
            if (e is not OperationCanceledException) logger.LogError(e, "Reporting catch-up failed; Hangfire retries it and the next minute's run tries again");
            throw;
        }
        finally
        {
            monitor.End(run, error);
        }
    }
}
