using Hangfire;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Workflows.Host.Reporting;

/// <summary>
/// Ready check <c>scheduler</c> (registered only when <c>Workflows:Scheduler:Enabled</c> is true): this node's Hangfire
/// server is among the servers in the job storage (its id starts with <c>{name}:{process id}:</c>, lower case) and its
/// latest heartbeat is recent — at most three heartbeat intervals (<c>Workflows:Scheduler:HeartbeatSeconds</c>) plus
/// 10 s old, against the system clock (Hangfire.PostgreSql stamps heartbeats with the database's <c>now()</c>, on the
/// same machine's clock). A server whose heartbeats stop is removed by the others' watchdog, so it must not claim to be
/// ready. While the server is still starting (the first moments of the process) the check waits up to 5 s for it.
/// </summary>
internal sealed class SchedulerHealthCheck(JobStorage storage, IOptions<SchedulerOptions> options) : IHealthCheck
{
    /// <summary>The check's name in <c>/health/ready</c>.</summary>
    public const string Name = "scheduler";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var prefix = $"{options.Value.ServerName.ToLowerInvariant()}:{Environment.ProcessId}:";
        var data = new Dictionary<string, object> { ["serverName"] = options.Value.ServerName };
        try
        {
            var until = DateTime.UtcNow.AddSeconds(5);
            var servers = storage.GetMonitoringApi().Servers();
            while (!servers.Any(s => s.Name.StartsWith(prefix, StringComparison.Ordinal)) && DateTime.UtcNow < until)
            {
                await Task.Delay(100, cancellationToken);
                servers = storage.GetMonitoringApi().Servers();
            }
            data["servers"] = servers.Count;
            var self = servers.FirstOrDefault(s => s.Name.StartsWith(prefix, StringComparison.Ordinal));
            if (self is null)
                return HealthCheckResult.Unhealthy("This node's Hangfire server is not registered: no reporting step or timer runs on it", data: data);
            data["serverId"] = self.Name;
            data["workers"] = self.WorkersCount;
            if (self.Heartbeat is not { } heartbeat)
                return HealthCheckResult.Unhealthy("This node's Hangfire server has not sent a heartbeat", data: data);
            var allowed = TimeSpan.FromSeconds(3 * Math.Max(1, options.Value.HeartbeatSeconds) + 10);
            var age = DateTime.UtcNow - DateTime.SpecifyKind(heartbeat, DateTimeKind.Utc);
            data["allowedSeconds"] = allowed.TotalSeconds;
            data["lastHeartbeatSecondsAgo"] = Math.Round(age.TotalSeconds, 1);
            if (age > allowed)
                return HealthCheckResult.Unhealthy(
                    $"Last heartbeat {age.TotalSeconds:0} s ago (allowed {allowed.TotalSeconds:0} s): the other nodes remove this server", data: data);
            return HealthCheckResult.Healthy($"Hangfire server {self.Name} running {self.WorkersCount} workers, last heartbeat {age.TotalSeconds:0.#} s ago", data);
        }
        catch (Exception e) when (e is Npgsql.NpgsqlException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("Scheduler state unknown: " + e.Message, data: data);
        }
    }
}
