namespace Workflows.Distribution;

/// <summary>One page of the directory.</summary>
/// <param name="Items">The entries of the page, in the order asked, with their group members.</param>
/// <param name="Total">How many entries match the search (all pages).</param>
/// <param name="Page">The page shown, from 1.</param>
/// <param name="PageSize">Entries per page.</param>
/// <param name="ByKind">How many entries of each kind match the search's words (its kind not applied).</param>
public sealed record DirectoryPage(IReadOnlyList<DirectoryEntry> Items, int Total, int Page, int PageSize, IReadOnlyDictionary<string, int> ByKind)
{
    /// <summary>Number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
