using Workflows.Distribution;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// A directory pick of the plan page (<c>_TimDanhBa</c>, its results <c>_ChonDanhBa</c>): the clerk types part of a name,
/// the entries best matching the words come back (<see cref="DirectoryStore.SearchAsync"/> in the order
/// <see cref="DirectorySearch.BestMatch"/>, at most <see cref="Size"/>, as
/// <c>GET /api/directory/search?q=&amp;sort=phu-hop&amp;pageSize=20</c>), each a radio button, groups marked with their
/// member count; as they type (htmx, <c>?handler=DanhBa&amp;chon=…&amp;tim=…</c>) or, without script, the page itself
/// (<c>?chon=…&amp;tim=…</c>). Three picks use it: an unresolved Nơi nhận line (<see cref="ForLine"/>), the "gửi bổ sung"
/// of a released plan (<see cref="ForSupplementary"/>) and the reporter of an incomplete reporting duty
/// (<see cref="ForReporter"/>).
/// </summary>
/// <param name="Key">Which pick: <c>dong-{line}</c>, <c>bo-sung</c> or <c>nv-{duty}</c> (the <c>chon</c> of its search).</param>
/// <param name="PlanId">The plan of the page.</param>
/// <param name="Title">What is picked, as the pick's heading says it.</param>
/// <param name="Query">The words typed, null before any search.</param>
/// <param name="Items">The entries offered, best first.</param>
/// <param name="Total">How many entries match the words (all of them, beyond <see cref="Size"/>).</param>
/// <param name="Error">The refusal of the last pick (no entry chosen…), shown next to the list; null otherwise.</param>
internal sealed record DirectoryPick(string Key, Guid PlanId, string Title, string? Query, IReadOnlyList<DirectoryEntry> Items, int Total, string? Error = null)
{
    /// <summary>Entries shown at most.</summary>
    public const int Size = 20;

    /// <summary>The key of the "gửi bổ sung" pick.</summary>
    public const string Supplementary = "bo-sung";

    /// <summary>True when the entries are the result of a search (not a line's own partial matches).</summary>
    public bool Searched => !string.IsNullOrWhiteSpace(Query);

    /// <summary>The page handler the pick's own form posts to (with <see cref="Route"/>), or null when its radio buttons belong to <see cref="FormId"/>.</summary>
    public string? Handler { get; init; }

    /// <summary>The route values of <see cref="Handler"/>'s form.</summary>
    public Dictionary<string, string> Route { get; init; } = [];

    /// <summary>The label of the pick's own submit button.</summary>
    public string Button { get; init; } = "Chọn";

    /// <summary>The id of the page's form the radio buttons belong to (the duty's form), or null when the pick has its own.</summary>
    public string? FormId { get; init; }

    /// <summary>The name the chosen entry's id is sent under.</summary>
    public string Field { get; init; } = "entryId";

    /// <summary>What the pick says before any search when it has no entries to offer.</summary>
    public string Hint { get; init; } = "Gõ vài chữ của tên (không dấu cũng được) để tìm trong danh bạ.";

    /// <summary>The anchor the page without script returns to.</summary>
    public string Anchor => "chon-" + Key;

    /// <summary>The pick of Nơi nhận line <paramref name="lineIndex"/>: before any search, the entries the line partly matches; posts <c>Chon</c>.</summary>
    public static DirectoryPick ForLine(Guid planId, int lineIndex, string lineText, string? query, IReadOnlyList<DirectoryEntry> items, int total, string? error = null) =>
        new($"dong-{lineIndex}", planId, $"Chọn mục danh bạ cho “{lineText}”", query, items, total, error)
        {
            Handler = "Chon", Route = new Dictionary<string, string> { ["lineIndex"] = lineIndex.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        };

    /// <summary>The "gửi bổ sung" of a released plan to one entry (a group: its members); posts <c>GuiBoSung</c>.</summary>
    public static DirectoryPick ForSupplementary(Guid planId, string? query, IReadOnlyList<DirectoryEntry> items, int total, string? error = null) =>
        new(Supplementary, planId, "Gửi bổ sung đến mục danh bạ", query, items, total, error) { Handler = "GuiBoSung", Button = "Gửi bổ sung" };

    /// <summary>The entry reporting duty <paramref name="dutyIndex"/>'s reporter stands for: its radio buttons belong to the duty's form (<c>reporterEntryId</c>).</summary>
    public static DirectoryPick ForReporter(Guid planId, int dutyIndex, string? reporter, string? query, IReadOnlyList<DirectoryEntry> items, int total, string? error = null) =>
        new($"nv-{dutyIndex}", planId, $"Đơn vị báo cáo (“{reporter}”)", query, items, total, error) { FormId = $"nv-{dutyIndex}-form", Field = "reporterEntryId" };
}
