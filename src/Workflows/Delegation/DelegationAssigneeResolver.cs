using Workflows.Audit;
using Workflows.Engine;
using Workflows.Kernel;
using Workflows.Storage;

namespace Workflows.Delegation;

/// <summary>
/// Plugs delegation into the engine's "who gets this task" (<see cref="ITaskAssigneeResolver"/>): a task meant for one
/// person (the drafter's revision, the holder the previous actor chose, a reassignment) who is away today (Vietnam date)
/// under a delegation covering the task's definition goes to the delegate, with the absent person as
/// <see cref="TaskAssignment.OnBehalfOf"/>; the delegate need not hold the task's role (the delegation is the authority).
/// One step only: a task already held for someone else is never passed on again (Nghị định 30/2020, Điều 13: the person
/// authorised may not pass it on). A task of a role's queue stays in the queue: whether a delegate acts on it is decided
/// when it is seen, claimed or completed (<see cref="TaskDelegation"/>). Each hand-over is audited (<c>task.delegated</c>)
/// in the transition's transaction.
/// </summary>
internal sealed class DelegationAssigneeResolver(Delegations delegations) : ITaskAssigneeResolver
{
    public async Task<TaskAssignment> ResolveAsync(UnitOfWork work, TaskAssignmentRequest request, TaskAssignment proposed, CancellationToken cancellationToken)
    {
        if (proposed.OnBehalfOf is not null || proposed.Assignee is not { } assignee) return proposed;
        var delegation = await delegations.DelegationForAsync(work, assignee, request.DefinitionId, VietnamTime.ToVietnamDate(request.Now), cancellationToken);
        if (delegation is null) return proposed;
        work.Audit(request.Now, "system", "task.delegated", request.PlanId, request.InstanceId, request.TaskId, new
        {
            step = request.Step, delegationId = delegation.Id, onBehalfOf = delegation.UserName, onBehalfOfName = delegation.UserFullName,
            assignee = delegation.Delegate, assigneeName = delegation.DelegateFullName,
            startsOn = delegation.StartsOn, endsOn = delegation.EndsOn, reference = delegation.Reference,
        });
        return new TaskAssignment(delegation.Delegate, delegation.UserName);
    }
}
