namespace Workflows.Distribution;

/// <summary>What the directory list asks for: words of a name or alias, a kind, an order and a page.</summary>
/// <param name="Text">Words to find in the name or an alias, compared without diacritics, case or punctuation
/// ("son ca" finds "Trường MN Sơn Ca", "GD&amp;ĐT" finds "Giáo dục và Đào tạo"); null or blank for all.</param>
/// <param name="Kind">body, school, person, unit or group; null for all.</param>
/// <param name="Sort"><c>ten</c> (name A–Z, the default), <c>loai</c> (kind, then name), <c>moi-sua</c> (last changed first) or
/// <c>phu-hop</c> (<see cref="BestMatch"/>: best matches of the words first).</param>
/// <param name="Page">Page number from 1 (a page past the end gives the last one).</param>
/// <param name="PageSize">Entries per page, 1–200.</param>
public sealed record DirectorySearch(string? Text = null, string? Kind = null, string? Sort = null, int Page = 1, int PageSize = 50)
{
    /// <summary>The order of a pick: the name or an alias equal to the words first, then starting with them, then a word starting with them, then the rest; shorter names first.</summary>
    public const string BestMatch = "phu-hop";
}
