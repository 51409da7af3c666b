namespace Workflows.Engine;

/// <summary>The overdue tasks of a whole office, for its leaders.</summary>
/// <param name="Total">Open tasks of the body whose due instant has passed.</param>
/// <param name="ByStep">Of <see cref="Total"/>, how many at each step, by the step's Vietnamese name.</param>
/// <param name="Oldest">The longest overdue, oldest due first (each with the holder in <see cref="HumanTaskView.Assignee"/>, or its role's queue).</param>
public sealed record OfficeOverdue(int Total, IReadOnlyList<TaskStepCount> ByStep, IReadOnlyList<HumanTaskView> Oldest);
