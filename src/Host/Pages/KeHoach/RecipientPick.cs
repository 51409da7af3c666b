using Workflows.Distribution;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The clerk's pick for one unresolved Nơi nhận line (<c>_ChonDanhBa</c>): the directory entries best matching the words
/// typed (<see cref="DirectoryStore.SearchAsync"/> in the order <see cref="DirectorySearch.BestMatch"/>, at most
/// <see cref="Size"/>, as <c>GET /api/directory/search?q=&amp;sort=phu-hop&amp;pageSize=20</c>), or before any search the
/// entries the line partly matches; each a radio button, groups marked with their member count.
/// </summary>
/// <param name="LineIndex">The line's index in the plan's Nơi nhận.</param>
/// <param name="Query">The words typed, null before any search.</param>
/// <param name="Items">The entries offered, best first.</param>
/// <param name="Total">How many entries match the words (all of them, beyond <see cref="Size"/>).</param>
/// <param name="Error">The refusal of the last pick (no entry chosen…), shown next to the list; null otherwise.</param>
internal sealed record RecipientPick(int LineIndex, string? Query, IReadOnlyList<DirectoryEntry> Items, int Total, string? Error = null)
{
    /// <summary>Entries shown at most.</summary>
    public const int Size = 20;

    /// <summary>True when the entries are the result of a search (not the line's own partial matches).</summary>
    public bool Searched => !string.IsNullOrWhiteSpace(Query);
}
