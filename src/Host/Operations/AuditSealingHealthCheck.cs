using Microsoft.Extensions.Diagnostics.HealthChecks;
using Workflows.Audit;

namespace Workflows.Host.Operations;

/// <summary>
/// Ready check <c>audit-sealing</c>: how far the audit chain's sealer is behind. Healthy while the oldest unsealed record
/// is younger than 30 s; Degraded (still ready) up to 15 min, when a long transaction or a stopped sealer holds sealing
/// back; Unhealthy beyond, when the trail's integrity is no longer being secured.
/// </summary>
internal sealed class AuditSealingHealthCheck(AuditSealer sealer) : IHealthCheck
{
    private static readonly TimeSpan DegradedAfter = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan UnhealthyAfter = TimeSpan.FromMinutes(15);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var (count, age) = await sealer.BacklogAsync(cancellationToken);
        var data = new Dictionary<string, object> { ["unsealed"] = count, ["lagSeconds"] = Math.Round(age.TotalSeconds, 3) };
        var description = $"{count} audit records not yet sealed, oldest {age.TotalSeconds:F1} s";
        return age >= UnhealthyAfter ? HealthCheckResult.Unhealthy(description, data: data)
            : age >= DegradedAfter ? HealthCheckResult.Degraded(description, data: data)
            : HealthCheckResult.Healthy(description, data);
    }
}
