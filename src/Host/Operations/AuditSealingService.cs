using Npgsql;
using Workflows.Audit;
using Workflows.Storage;
using Workflows.Telemetry;

namespace Workflows.Host.Operations;

/// <summary>
/// Runs on every node; one of them, elected through a session-level advisory lock (<see cref="AuditSealer.TryLeadAsync"/>),
/// seals the audit chain every <see cref="AuditSealer.SealingInterval"/>. The others try again every second, so when
/// the leader's process or connection dies another node takes over within about a second. Every node measures the
/// backlog (records not yet sealed, age of the oldest) once a second into the <c>workflows.audit.sealing_lag</c> metric.
/// </summary>
internal sealed class AuditSealingService(NpgsqlDataSource dataSource, WorkflowsMetrics metrics, ILogger<AuditSealingService> logger) : BackgroundService
{
    private static readonly TimeSpan FollowerInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        NpgsqlConnection? leader = null;
        var lastMeasured = DateTimeOffset.MinValue;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (leader is null)
                    {
                        // The lock lives in the session: a connection of its own, so closing it releases the lock.
                        var connection = await WorkflowsDataSource.OpenSessionAsync(dataSource, stoppingToken);
                        if (await AuditSealer.TryLeadAsync(connection, stoppingToken))
                        {
                            leader = connection;
                            logger.LogInformation("This node seals the audit chain");
                        }
                        else
                        {
                            await connection.DisposeAsync();
                        }
                    }
                    if (leader is not null) metrics.AuditSealed(await AuditSealer.SealAsync(leader, stoppingToken));
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
                    if (leader is not null) await leader.DisposeAsync();
                    leader = null;
                }
                try
                {
                    await Task.Delay(leader is null ? FollowerInterval : AuditSealer.SealingInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
        finally
        {
            if (leader is not null) await leader.DisposeAsync();
        }
    }
}
