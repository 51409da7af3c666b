namespace Workflows.Issuance;

/// <summary>One page of the outgoing register (<see cref="OutgoingRegister.SearchAsync"/>), newest number first.</summary>
/// <param name="Items">The entries of the page, highest number first.</param>
/// <param name="Total">How many entries of the year match the search (all pages).</param>
/// <param name="Page">The page shown, from 1 (the last page when the one asked is past the end).</param>
/// <param name="PageSize">Entries per page.</param>
/// <param name="Year">The register's year.</param>
/// <param name="Years">The years in which the body issued at least one numbered document, newest first.</param>
public sealed record RegisterPage(IReadOnlyList<RegisterEntry> Items, int Total, int Page, int PageSize, int Year, IReadOnlyList<int> Years)
{
    /// <summary>Number of pages (at least 1).</summary>
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
