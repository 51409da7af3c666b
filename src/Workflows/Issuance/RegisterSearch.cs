namespace Workflows.Issuance;

/// <summary>What the clerk asks of the outgoing register: one year's page, newest number first.</summary>
/// <param name="Year">The register's year (a register restarts at number 01 each 1 January, Nghị định 30/2020, Điều 15); 2000–2100.</param>
/// <param name="Text">
/// Words sought: digits alone are a number ("5" or "05" finds number 5, not 15) or digits in the subject; other words
/// are part of the number and symbol ("05/KH") or of the subject (trích yếu), case-insensitive; null or blank: every
/// entry of the year.
/// </param>
/// <param name="Page">The page wanted, from 1 (past the last page: the last page).</param>
/// <param name="PageSize">Entries per page, 1–200.</param>
public sealed record RegisterSearch(int Year, string? Text = null, int Page = 1, int PageSize = 50);
