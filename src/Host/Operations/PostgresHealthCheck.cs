using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Workflows.Storage;

namespace Workflows.Host.Operations;

/// <summary>Ready check <c>postgres</c>: <see cref="DatabaseProbe"/> answers within 5 seconds.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            return HealthCheckResult.Healthy(await DatabaseProbe.DescribeAsync(dataSource, timeout.Token));
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached: " + e.Message);
        }
    }
}
