using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Workflows.Host.Operations;

/// <summary>Ready check <c>postgres</c>: a connection opens and answers <c>SELECT 1</c> within 5 seconds.</summary>
internal sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(timeout.Token);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(timeout.Token);
            return HealthCheckResult.Healthy($"PostgreSQL {connection.PostgreSqlVersion} at {connection.Host}:{connection.Port}");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or System.Net.Sockets.SocketException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL cannot be reached: " + e.Message);
        }
    }
}
