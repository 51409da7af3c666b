namespace Workflows.Engine;

/// <summary>What an inbox asks for: words of the plan's subject, a step, overdue or not, an order and a page.</summary>
/// <param name="Text">Words to find in the plan's subject (case-insensitive, diacritics as typed); null or blank for all.</param>
/// <param name="Step">A step id (e.g. <c>review</c>), or null for all.</param>
/// <param name="Overdue">True: only overdue tasks (due instant passed); false: only those still in time; null: both.</param>
/// <param name="Sort"><c>han</c> (nearest due first, the default), <c>moi-nhan</c> (newest first) or <c>trich-yeu</c> (subject A–Z).</param>
/// <param name="Page">Page number from 1 (a page past the end gives the last one).</param>
/// <param name="PageSize">Tasks per page, 1–200.</param>
/// <param name="Ids">Only these tasks (e.g. the ones ticked for bulk approval); null for all.</param>
public sealed record TaskSearch(string? Text = null, string? Step = null, bool? Overdue = null, string? Sort = null, int Page = 1, int PageSize = 50,
    IReadOnlyCollection<Guid>? Ids = null);
