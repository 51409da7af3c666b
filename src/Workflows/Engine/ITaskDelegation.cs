using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// Who acts for an absent person on an open task (ủy quyền, Nghị định 30/2020/NĐ-CP, Điều 13), decided when the task is
/// seen, claimed or completed rather than when it was opened, so that a delegation starting after a task arrived still
/// reaches it and one that has ended stops at once. A person acts as delegate on a task of a definition the delegation
/// covers, on a Vietnam date inside its window, when the delegation's giver (the absent person):
/// <list type="bullet">
/// <item>holds the task (assigned to them, not already held for someone else: a delegation is never passed on);</item>
/// <item>is the one the delegate already holds it for (handed over when it opened, or claimed by the delegate); or</item>
/// <item>holds the task's role in the body while the task waits in the role's queue and every active holder of that role
/// in the body is away under a delegation covering the definition (the head is the only one who signs, and is away).</item>
/// </list>
/// The delegate need not hold the task's role: the delegation is the authority. The engine's inbox is filtered in
/// PostgreSQL, so the rule is given as SQL over the task row; the engine asks nothing else. Implemented by
/// <c>Workflows.Delegation</c>; without an implementation nobody acts as delegate.
/// </summary>
public interface ITaskDelegation
{
    /// <summary>
    /// A SQL scalar expression: the user name of the absent person for whom <c>@UserName</c> acts on the task row <c>t</c>
    /// (<c>human_tasks</c>, joined to its instance <c>i</c>, <c>workflow_instances</c>) on <c>@today</c> (a Vietnam date,
    /// <c>date</c>); NULL when they do not act for anyone on it.
    /// </summary>
    string ActingForSql { get; }

    /// <summary>A SQL condition, true when <c>@UserName</c> is anyone's delegate on <c>@today</c> (a cheap guard evaluated once per query).</summary>
    string IsDelegateSql { get; }

    /// <summary>
    /// The delegation through which <paramref name="userName"/> acts on task <paramref name="taskId"/> on
    /// <paramref name="today"/> (Vietnam date), read inside <paramref name="work"/>; null when they do not act for anyone on it.
    /// </summary>
    Task<TaskDelegationGrant?> ActingForAsync(UnitOfWork work, Guid taskId, string userName, DateOnly today, CancellationToken cancellationToken);
}
