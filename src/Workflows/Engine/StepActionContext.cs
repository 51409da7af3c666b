using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>What an automatic action sees: the transition's unit of work, the plan, the instance and who caused the transition.</summary>
/// <param name="Work">The transition's unit of work: the action's reads, writes, audit records and outgoing messages go through it
/// and commit (or roll back) with the transition.</param>
/// <param name="Plan">The subject (plan) as locked at the start of the transition, revision updated; an action that needs
/// more, or its state after the transition's earlier writes, reads it through its owner on <paramref name="Work"/>.</param>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="Actor">The person whose action caused the transition.</param>
/// <param name="Now">The transition's instant (UTC).</param>
public sealed record StepActionContext(
    UnitOfWork Work,
    WorkflowSubject Plan,
    Guid InstanceId,
    Actor Actor,
    DateTimeOffset Now);
