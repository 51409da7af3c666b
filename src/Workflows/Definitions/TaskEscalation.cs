namespace Workflows.Definitions;

/// <summary>
/// The escalation of a human task, or of a branch of a parallel step, nobody completed (<c>"escalation"</c>): after
/// <paramref name="AfterWorkingDays"/> working days (Vietnam calendar, from the task's creation, at the same time of day)
/// exactly one of: notify a role's users by email, reassign the task to a role's queue, or complete it with a named outcome
/// (for a branch, its answer <c>agree</c> or <c>return</c>).
/// </summary>
/// <param name="AfterWorkingDays">Working days (not calendar days) after the task's creation.</param>
/// <param name="Notify">A role whose users of the body get an email about the late task; or null.</param>
/// <param name="ReassignTo">A role to whose queue the task moves; or null.</param>
/// <param name="Outcome">One of the step's outcomes the task takes by itself (actor <c>system</c>), or a branch's answer; or null.</param>
public sealed record TaskEscalation(int AfterWorkingDays, string? Notify, string? ReassignTo, string? Outcome);
