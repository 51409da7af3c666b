using Npgsql;
using Workflows.Audit;
using Workflows.Storage;
using Workflows.Telemetry;

namespace Workflows.Host.Operations;

/// <summary>
/// Runs on every node; one of them, elected through a session-level advisory lock (<see cref="AuditSealer.TryLeadAsync"/>),
/// seals the audit chain every <see cref="AuditSealer.SealingInterval"/>. The others try again every second on a session connection they keep open, so when
/// the leader's process or connection dies another node takes over within about a second. Every node measures the
/// backlog (records not yet sealed, age of the oldest) once a second into the <c>workflows.audit.sealing_lag</c> metric.
/// </summary>
internal sealed class AuditSealingService(NpgsqlDataSource dataSource, WorkflowsMetrics metrics, ILogger<AuditSealingService> logger) : BackgroundService
{
    private static readonly TimeSpan FollowerInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The lock lives in the session: a connection of its own, outside the pool, so closing it releases the lock. A
        // follower keeps its connection and asks again on it every second.
        NpgsqlConnection? session = null;
        var leading = false;
        var lastMeasured = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    session ??= await WorkflowsDataSource.OpenSessionAsync(dataSource, stoppingToken);
                    if (!leading && await AuditSealer.TryLeadAsync(session, stoppingToken))
                    {
                        leading = true;
                        logger.LogInformation("This node seals the audit chain");
                    }
                    if (leading) metrics.AuditSealed(await AuditSealer.SealAsync(session, stoppingToken));
                    if (DateTimeOffset.UtcNow - lastMeasured >= FollowerInterval)
                    {
                        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                        var (count, age) = await AuditSealer.BacklogAsync(connection, stoppingToken);
                        metrics.AuditBacklog(count, age);
                        lastMeasured = DateTimeOffset.UtcNow;
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
                catch (Exception e) when (e is NpgsqlException or InvalidOperationException or TimeoutException)
                {
                    logger.LogWarning(e, "Audit sealing failed; this node gives up the sealer's lock and tries again");
                    if (session is not null) await session.DisposeAsync();
                    session = null;
                    leading = false;
                }
                try
                {
                    await Task.Delay(leading ? AuditSealer.SealingInterval : FollowerInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            if (session is not null) await session.DisposeAsync();
        }
    }
}
