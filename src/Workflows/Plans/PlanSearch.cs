namespace Workflows.Plans;

/// <summary>
/// What the plans list asks for: words to find in the subject or the symbol (case and diacritics as typed; "05/KH"
/// finds "05/KH-PGDĐT"), a status, a document type, an order and a page.
/// </summary>
/// <param name="Text">Words to find in the subject or the symbol; null or blank for all.</param>
/// <param name="Status">One plan status (<see cref="PlanStatus"/>), or null for all.</param>
/// <param name="DocumentType">A document type abbreviation (<c>KH</c>…), or null for all.</param>
/// <param name="Sort"><c>moi-nhat</c> (newest first, the default), <c>cu-nhat</c>, <c>trich-yeu</c> (subject A–Z) or <c>so</c> (issued number, newest year first).</param>
/// <param name="Page">Page number from 1.</param>
/// <param name="PageSize">Rows per page, 1–200.</param>
public sealed record PlanSearch(string? Text = null, string? Status = null, string? DocumentType = null, string? Sort = null, int Page = 1, int PageSize = 50);
