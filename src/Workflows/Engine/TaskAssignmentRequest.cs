namespace Workflows.Engine;

/// <summary>The task an <see cref="ITaskAssigneeResolver"/> is asked about.</summary>
/// <param name="TaskId">The task's id (its row may not exist yet when <paramref name="Reason"/> is <see cref="TaskOpenReason.Created"/>).</param>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="PlanId">The plan.</param>
/// <param name="BodyCode">The plan's issuing body, e.g. <c>SGDĐT</c>.</param>
/// <param name="DefinitionId">The definition, e.g. <c>plan-approval</c>.</param>
/// <param name="Step">The step id.</param>
/// <param name="Role">The role whose holders may complete the task (a role code of the installation).</param>
/// <param name="Reason">Why the task gets a holder now.</param>
/// <param name="Now">The transition's instant (UTC).</param>
public sealed record TaskAssignmentRequest(
    Guid TaskId, Guid InstanceId, Guid PlanId, string BodyCode, string DefinitionId, string Step, string Role, TaskOpenReason Reason, DateTimeOffset Now);
