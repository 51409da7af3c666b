namespace Workflows.Engine;

/// <summary>A human task just created or moved, as <see cref="ITaskOpenedHandler"/> sees it.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="InstanceId">The workflow instance.</param>
/// <param name="PlanId">The plan.</param>
/// <param name="BodyCode">The plan's issuing body.</param>
/// <param name="DefinitionId">The definition id.</param>
/// <param name="DefinitionVersion">The definition version the instance runs.</param>
/// <param name="Step">The step id.</param>
/// <param name="StepName">The step's (or branch's) Vietnamese name.</param>
/// <param name="Role">The role whose holders may complete it.</param>
/// <param name="Assignment">Who holds it (nobody in particular: the role's queue).</param>
/// <param name="Branch">The branch id when the task is one branch of a <c>parallel</c> step; null otherwise.</param>
/// <param name="Reason">Created, reassigned or escalated.</param>
/// <param name="CreatedAt">When the task was created (UTC).</param>
/// <param name="DueAt">Its due instant (UTC): 24:00 Vietnam time of its last working day.</param>
/// <param name="Now">The transition's instant (UTC).</param>
public sealed record OpenedTask(
    Guid TaskId, Guid InstanceId, Guid PlanId, string BodyCode, string DefinitionId, int DefinitionVersion, string Step, string StepName,
    string Role, TaskAssignment Assignment, string? Branch, TaskOpenReason Reason, DateTimeOffset CreatedAt, DateTimeOffset DueAt, DateTimeOffset Now);
