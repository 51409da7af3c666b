namespace Workflows.Engine;

/// <summary>One page of a person's open tasks, with the counts of all of them.</summary>
/// <param name="Items">The tasks of the page, in the order asked.</param>
/// <param name="Matching">How many tasks match the search and filters (all pages).</param>
/// <param name="Page">The page shown, from 1.</param>
/// <param name="PageSize">Tasks per page.</param>
/// <param name="Total">All the person's open tasks, whatever the search.</param>
/// <param name="Overdue">Of <see cref="Total"/>, those whose due instant has passed.</param>
/// <param name="ByStep">Of <see cref="Total"/>, how many at each step, by the step's Vietnamese name.</param>
public sealed record TaskPage(IReadOnlyList<HumanTaskView> Items, int Matching, int Page, int PageSize, int Total, int Overdue, IReadOnlyList<TaskStepCount> ByStep)
{
    /// <summary>Number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (Matching + PageSize - 1) / PageSize);
}
