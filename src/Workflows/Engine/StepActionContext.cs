using Npgsql;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Engine;

/// <summary>What an automatic action sees: the open transaction, the plan, the instance and who caused the transition.</summary>
/// <param name="Connection">Open connection; use it with <paramref name="Transaction"/>.</param>
/// <param name="Transaction">The transition's transaction.</param>
/// <param name="Plan">The plan, as locked at the start of the transition.</param>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="Actor">The person whose action caused the transition.</param>
/// <param name="Now">The transition's instant (UTC).</param>
/// <param name="Audit">Appends audit records inside the transaction.</param>
public sealed record StepActionContext(
    NpgsqlConnection Connection,
    NpgsqlTransaction Transaction,
    PlanRecord Plan,
    Guid InstanceId,
    Actor Actor,
    DateTimeOffset Now,
    Audit.AuditWriter Audit);
