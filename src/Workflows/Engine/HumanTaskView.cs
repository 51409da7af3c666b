using Workflows.Kernel;

namespace Workflows.Engine;

/// <summary>An open human task as listed in an inbox.</summary>
/// <param name="Id">Task id.</param>
/// <param name="PlanId">The plan it concerns.</param>
/// <param name="Subject">The plan's subject.</param>
/// <param name="Step">Step id in the definition, e.g. <c>sign</c>.</param>
/// <param name="StepName">Vietnamese step name.</param>
/// <param name="Role">Role that may complete it.</param>
/// <param name="Revision">Revision round of the plan.</param>
/// <param name="CreatedAt">Creation instant (UTC).</param>
/// <param name="DueAt">Due instant (UTC): 24:00 Vietnam time of the last working day allowed.</param>
/// <param name="Overdue">True when the due instant has passed.</param>
/// <param name="Outcomes">The outcomes the person may choose.</param>
/// <param name="SigningForms">On a signing step, the forms the person may sign with (<see cref="SigningPolicy"/>), in the order
/// offered; empty on other steps, and on a signing step when the person may use none.</param>
/// <param name="Assignee">Who holds the task (claimed it, was chosen or reassigned to it); null: the role's queue, anyone of
/// the role may claim it. When it is someone else the person sees the task taken and may not complete it.</param>
/// <param name="OnBehalfOf">The person the task was meant for when a delegate holds it; null otherwise.</param>
/// <param name="Branch">On a branch of a parallel step, the branch id; null otherwise.</param>
/// <param name="Delegation">When the person acts on the task as someone's delegate (<see cref="ITaskDelegation"/>, decided
/// when the inbox is read): the delegation it comes through — for whom, its reference, its first and last day (Vietnam
/// dates); null otherwise.</param>
public sealed record HumanTaskView(
    Guid Id, Guid PlanId, string Subject, string Step, string StepName, string Role, int Revision,
    DateTimeOffset CreatedAt, DateTimeOffset DueAt, bool Overdue, IReadOnlyList<string> Outcomes, IReadOnlyList<SigningOption> SigningForms,
    string? Assignee = null, string? OnBehalfOf = null, string? Branch = null, TaskDelegationGrant? Delegation = null)
{
    /// <summary>True when the task is in the role's queue: the person may claim it.</summary>
    public bool Claimable => Assignee is null;

    /// <summary>
    /// True when the task may be approved together with others from the inbox (<see cref="WorkflowEngine.ApproveSeveralAsync"/>):
    /// a review task (role Reviewer) with no signature and an <c>approve</c> outcome; signing and numbering never are.
    /// </summary>
    public bool BulkApprovable => Role == Roles.Reviewer && SigningForms.Count == 0 && Outcomes.Contains("approve");

    /// <summary>True for the drafter's task (write, revise and submit the plan): done on the plan's form, not on the plan page.</summary>
    public bool OnDraftForm => Role == Roles.Drafter;
}
