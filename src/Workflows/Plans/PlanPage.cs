namespace Workflows.Plans;

/// <summary>One page of the plans list.</summary>
/// <param name="Items">The plans of the page, in the order asked.</param>
/// <param name="Total">How many plans match the search (all pages).</param>
/// <param name="Page">The page shown, from 1 (the last page when the one asked is past the end).</param>
/// <param name="PageSize">Rows per page.</param>
/// <param name="ByStatus">How many plans of the body have each status, the search's words and type applied but not its status.</param>
public sealed record PlanPage(IReadOnlyList<PlanRecord> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> ByStatus)
{
    /// <summary>Number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
