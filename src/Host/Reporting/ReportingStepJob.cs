using Hangfire;
using Hangfire.Server;
using Workflows.Reporting;

namespace Workflows.Host.Reporting;

/// <summary>
/// The delayed Hangfire job of one step of one reporting period: runs <see cref="ReportingCycle.RunPeriodAsync"/> at the
/// injected clock's now, which does the period's due steps not yet done (this one included) in their own transactions,
/// and nothing when the step is done, not yet due or its schedule cancelled. Up to three retries (10, 30, 60 s); each
/// failure is logged, and the last one leaves the job Failed in the dashboard (the catch-up job still runs the step).
/// </summary>
internal sealed class ReportingStepJob(ReportingCycle cycle, TimeProvider clock, HangfireStepScheduler scheduler,
    ILogger<ReportingStepJob> logger)
{
    /// <summary>Runs the due steps of <paramref name="periodId"/>; <paramref name="step"/> names the step this job was scheduled for.</summary>
    [JobDisplayName("Báo cáo: bước {1} của kỳ {0}")]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 30, 60], OnAttemptsExceeded = AttemptsExceededAction.Fail)]
    public async Task RunAsync(Guid periodId, string step, PerformContext? context, CancellationToken cancellationToken)
    {
        try
        {
            await cycle.RunPeriodAsync(periodId, clock.GetUtcNow(), cancellationToken);
            if (context is not null) scheduler.Forget(HangfireStepScheduler.PeriodSet(periodId), $"{step}:{context.BackgroundJob.Id}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "Reporting step {Step} of period {Period} failed; Hangfire retries it", step, periodId);
            throw;
        }
    }
}
