using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Host.Operations;

/// <summary>
/// Ready check <c>schema</c>: the database holds the newest migration embedded in this build (a node started against a
/// database another, older build is still migrating, or one it could not migrate, is not ready).
/// </summary>
internal sealed class SchemaHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    private static readonly Lazy<int> Latest = new(() => MigrationRunner.LatestVersion);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        var data = new Dictionary<string, object> { ["expected"] = Latest.Value };
        try
        {
            var current = await MigrationRunner.CurrentVersionAsync(dataSource, timeout.Token);
            data["current"] = current;
            return current >= Latest.Value
                ? HealthCheckResult.Healthy($"Schema version {current}", data)
                : HealthCheckResult.Unhealthy($"Schema version {current}, this build needs {Latest.Value}", data: data);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Schema version unknown: " + e.Message, data: data);
        }
    }
}
