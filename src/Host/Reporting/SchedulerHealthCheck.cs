using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using Quartz;

namespace Workflows.Host.Reporting;

/// <summary>
/// Ready check <c>scheduler</c> (registered only when <c>Workflows:Scheduler:Enabled</c> is true): this node's Quartz
/// scheduler is running (started, not in standby, not shut down) and its latest cluster check-in is recent — at most
/// three check-in intervals (<c>Workflows:Scheduler:CheckinSeconds</c>) plus 10 s old, on the scheduler's own clock
/// (<see cref="IScheduler.TimeProvider"/>, the one Quartz stamps check-ins with), and not judged failed by the cluster (a node whose check-ins stop is failed over by the others, so
/// it must not claim to be ready). While the scheduler is still starting (the first moments of the process, as the
/// hosted service starts it after the application started) the check waits up to 5 s for it before answering.
/// </summary>
internal sealed class SchedulerHealthCheck(ISchedulerFactory factory, IOptions<SchedulerOptions> options) : IHealthCheck
{
    /// <summary>The check's name in <c>/health/ready</c>.</summary>
    public const string Name = "scheduler";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            var scheduler = await factory.GetScheduler(timeout.Token);
            var data = new Dictionary<string, object> { ["instanceId"] = scheduler.SchedulerInstanceId };
            var status = await scheduler.GetStatus(timeout.Token);
            var until = DateTime.UtcNow.AddSeconds(5);
            while (status == SchedulerStatus.Created && DateTime.UtcNow < until)
            {
                await Task.Delay(100, timeout.Token);
                status = await scheduler.GetStatus(timeout.Token);
            }
            data["status"] = status.ToString();
            if (status != SchedulerStatus.Running)
                return HealthCheckResult.Unhealthy(status switch
                {
                    SchedulerStatus.Created => "The Quartz scheduler has not started",
                    SchedulerStatus.Standby => "The Quartz scheduler is in standby: no reporting step runs on this node",
                    _ => $"The Quartz scheduler is {status}",
                }, data: data);

            var allowed = TimeSpan.FromSeconds(3 * Math.Max(1, options.Value.CheckinSeconds) + 10);
            data["allowedSeconds"] = allowed.TotalSeconds;
            var self = (await scheduler.QueryClusterNodes(timeout.Token)).Single(n => n.IsCurrentNode);
            data["clusterState"] = self.State.ToString();
            if (self.LastCheckInUtc is not { } last)
                return HealthCheckResult.Unhealthy("This node has not checked in to the scheduler cluster", data: data);
            var age = scheduler.TimeProvider.GetUtcNow() - last; // the clock Quartz stamps its check-ins with
            data["lastCheckinSecondsAgo"] = Math.Round(age.TotalSeconds, 1);
            if (age > allowed || self.State == ClusterNodeState.Failed)
                return HealthCheckResult.Unhealthy(
                    $"Last cluster check-in {age.TotalSeconds:0} s ago (allowed {allowed.TotalSeconds:0} s): the other nodes take this one's work over", data: data);
            return HealthCheckResult.Healthy($"Scheduler {scheduler.SchedulerInstanceId} running, last cluster check-in {age.TotalSeconds:0.#} s ago", data);
        }
        catch (Exception e) when (e is SchedulerException or OperationCanceledException or Npgsql.NpgsqlException)
        {
            return HealthCheckResult.Unhealthy("Scheduler state unknown: " + e.Message);
        }
    }
}
