namespace Workflows.Reporting.Status;

/// <summary>What a schedule page asks of its matrix: the words to find, the state in the current period, the page.</summary>
/// <param name="Search">Words of a school's name, compared without marks or case through the directory's <c>search_key</c> ("son ca" finds "Trường MN Sơn Ca"); null or blank for every school.</param>
/// <param name="State">A cell state (<c>on_time</c>, <c>late</c>, <c>missing</c>, <c>overdue</c>, <c>not_open</c>, <c>not_requested</c>) the school has in the current period (<see cref="MatrixCells.Current"/>); null for any. With no current period, or an unknown state, no school matches.</param>
/// <param name="Page">The page wanted, from 1; brought within the pages there are.</param>
/// <param name="PageSize">Schools per page (1–500).</param>
internal sealed record MatrixQuery(string? Search, string? State, int Page, int PageSize);
