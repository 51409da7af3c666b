using Workflows.Plans;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>What an automatic action sees: the transition's unit of work, the plan, the instance and who caused the transition.</summary>
/// <param name="Work">The transition's unit of work: the action's reads, writes, audit records and outgoing messages go through it
/// and commit (or roll back) with the transition.</param>
/// <param name="Plan">The plan, as read just before the action (with the transition's earlier writes).</param>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="Actor">The person whose action caused the transition.</param>
/// <param name="Now">The transition's instant (UTC).</param>
public sealed record StepActionContext(
    UnitOfWork Work,
    PlanRecord Plan,
    Guid InstanceId,
    Actor Actor,
    DateTimeOffset Now);
