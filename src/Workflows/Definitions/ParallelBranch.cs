namespace Workflows.Definitions;

/// <summary>One branch of a <c>parallel</c> step: a human task for a role, opened with the others.</summary>
/// <param name="Id">Branch id, unique in its step, e.g. <c>phong-tccb</c>.</param>
/// <param name="Name">Vietnamese name shown on the task and in the history, e.g. "Ý kiến Phòng Tổ chức cán bộ".</param>
/// <param name="Role">The role (a unit's role, e.g. its head) whose holders in the plan's body answer it.</param>
public sealed record ParallelBranch(string Id, string Name, string Role)
{
    /// <summary>
    /// The branch's own escalation (its <c>"escalation"</c>): after a number of working days, notify a role, move the branch
    /// to a role's queue, or answer it by itself with <c>agree</c> or <c>return</c>; null: the step's (<see cref="StepDefinition.Escalation"/>), if any.
    /// </summary>
    public TaskEscalation? Escalation { get; init; }
}
