using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// "Who gets this task": asked by the engine each time it opens a human task (and when a task is reassigned or escalated),
/// inside the transition's unit of work, before the task's row is written. Every registered resolver is called, in
/// registration order, each with the previous one's answer (the first sees the engine's own proposal: the drafter for the
/// start step, the user the previous actor picked ("chuyển xử lý"), the reassigned user, or nobody: the role's queue).
/// A delegation (ủy quyền) resolver, for example, turns an assignee who is away into their delegate and names the absent
/// person in <see cref="TaskAssignment.OnBehalfOf"/>. Without resolvers the proposal stands.
/// </summary>
public interface ITaskAssigneeResolver
{
    /// <summary>The assignment the task gets; return <paramref name="proposed"/> unchanged when this resolver has nothing to say.</summary>
    /// <param name="work">The transition's unit of work (reads see its earlier writes; writes commit with it).</param>
    /// <param name="request">The task being opened or moved.</param>
    /// <param name="proposed">The assignment so far.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="Kernel.WorkflowException">Refuses the whole transition (e.g. 422 with a field name).</exception>
    Task<TaskAssignment> ResolveAsync(UnitOfWork work, TaskAssignmentRequest request, TaskAssignment proposed, CancellationToken cancellationToken);
}
