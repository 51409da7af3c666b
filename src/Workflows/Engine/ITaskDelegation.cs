using Workflows.Storage;

namespace Workflows.Engine;

/// <summary>
/// Who acts for an absent person on an open task (ủy quyền, Nghị định 30/2020/NĐ-CP, Điều 13), decided when the task is
/// seen, claimed or completed rather than when it was opened, so that a delegation starting after a task arrived still
/// reaches it and one that has ended stops at once. A person acts as delegate on a task of a definition the delegation
/// covers, on a Vietnam date inside its window, while their account is not locked out at that instant, when the
/// delegation's giver (the absent person):
/// <list type="bullet">
/// <item>holds the task (assigned to them, not already held for someone else: a delegation is never passed on);</item>
/// <item>is the one the delegate already holds it for (handed over when it opened, or claimed by the delegate); or</item>
/// <item>holds the task's role in the body while the task waits in the role's queue and every active holder of that role
/// in the body is away under a delegation covering the definition whose delegate is active (the head is the only one who
/// signs, and is away); a delegate acting for several of them acts for the one of the latest recorded delegation.</item>
/// </list>
/// The delegate need not hold the task's role: the delegation is the authority. A delegation whose delegate is locked out
/// reaches nobody: the absent person keeps the task and its mail. The mail about a task (new-task email, reminders,
/// escalation notices, the morning digest) follows the same rule at the instant it is written (<see cref="RecipientsSql"/>):
/// it reaches whoever may act, the delegate rather than the absent holder. The engine's expressions and the mail's queries
/// are built from one rule, so they cannot disagree. The engine's inbox is filtered in PostgreSQL, so the rule is given as
/// SQL over the task row. Implemented by <c>Workflows.Delegation</c>; without an implementation nobody acts as delegate.
/// </summary>
public interface ITaskDelegation
{
    /// <summary>
    /// A SQL scalar expression: the user name of the absent person for whom <c>@UserName</c> acts on the task row <c>t</c>
    /// (<c>human_tasks</c>, joined to its instance <c>i</c>, <c>workflow_instances</c>) on <c>@today</c> (a Vietnam date,
    /// <c>date</c>) at <c>@now</c> (the instant, <c>timestamptz</c>, for lockout; the caller's clock, not the database's);
    /// NULL when they do not act for anyone on it.
    /// </summary>
    string ActingForSql { get; }

    /// <summary>
    /// A SQL scalar expression over the same task row and parameters as <see cref="ActingForSql"/>: the delegation through
    /// which <c>@UserName</c> acts on it, as JSON text of a <see cref="TaskDelegationGrant"/> (camelCase members:
    /// <c>onBehalfOf</c>, <c>onBehalfOfName</c>, <c>delegationId</c>, <c>startsOn</c>, <c>endsOn</c> as <c>yyyy-MM-dd</c>,
    /// <c>reference</c>); NULL when they do not act for anyone on it. The inbox shows it beside the task.
    /// </summary>
    string GrantSql { get; }

    /// <summary>
    /// A SQL query (a <c>SELECT</c>, usable as a CTE's body) of the people to write to about a task meant for
    /// <paramref name="audience"/> at its instant (new-task email, reminders, escalation notices), each once, with columns
    /// <c>user_name</c>, <c>full_name</c>, <c>email</c>, <c>title</c>, <c>body_code</c>, and, when they receive it as
    /// someone's delegate, <c>on_behalf_of</c>, <c>on_behalf_of_name</c>, <c>delegation_id</c>, <c>starts_on</c>, <c>ends_on</c>,
    /// <c>reference</c> and <c>delegate_line</c> (see <see cref="TaskRecipient.DelegateLine"/>), NULL otherwise. The same
    /// rule as <see cref="ActingForSql"/> (the people written to as someone's delegate are exactly those who may act for
    /// them at that instant): a message goes to whoever may act on the task, never to an absent holder whose delegate acts in
    /// their place, nor to a locked-out account. Values are bound through <paramref name="parameter"/>, which takes a value
    /// and returns its placeholder (e.g. <c>$3</c>).
    /// </summary>
    string RecipientsSql(TaskAudience audience, Func<object?, string> parameter);

    /// <summary>
    /// The same rule as <see cref="RecipientsSql"/> over a set of tasks (e.g. the morning digest's overdue tasks):
    /// <paramref name="tasks"/> names a relation with the columns <c>id</c>, <c>assignee</c>, <c>on_behalf_of</c>,
    /// <c>role</c>, <c>body_code</c> and <c>definition_id</c>; <paramref name="today"/> (a Vietnam <c>date</c>) and
    /// <paramref name="now"/> (<c>timestamptz</c>) are SQL expressions; constant texts are bound through
    /// <paramref name="parameter"/>. One row per task and person: <c>task_id</c>, then the columns of <see cref="RecipientsSql"/>.
    /// </summary>
    string RecipientsOfTasksSql(string tasks, string today, string now, Func<object?, string> parameter);

    /// <summary>
    /// The rows of <see cref="RecipientsSql"/> for <paramref name="audience"/>, read inside <paramref name="work"/>, ordered
    /// by full name.
    /// </summary>
    Task<IReadOnlyList<TaskRecipient>> RecipientsAsync(UnitOfWork work, TaskAudience audience, CancellationToken cancellationToken);

    /// <summary>A SQL condition, true when <c>@UserName</c> is anyone's delegate on <c>@today</c> (a cheap guard evaluated once per query).</summary>
    string IsDelegateSql { get; }

    /// <summary>
    /// The delegation through which <paramref name="userName"/> acts on task <paramref name="taskId"/> at <paramref name="now"/>
    /// (UTC; its Vietnam date decides which delegations are in force, the instant who is locked out), read inside
    /// <paramref name="work"/>; null when they do not act for anyone on it.
    /// </summary>
    Task<TaskDelegationGrant?> ActingForAsync(UnitOfWork work, Guid taskId, string userName, DateTimeOffset now, CancellationToken cancellationToken);
}
