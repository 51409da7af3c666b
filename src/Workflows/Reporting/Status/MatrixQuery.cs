using System.Globalization;
using Workflows.Kernel;

namespace Workflows.Reporting.Status;

/// <summary>What a schedule page asks of its matrix: the words to find, the state in the current period, the page.</summary>
/// <param name="Search">Words of a school's name, compared without marks or case through the directory's <c>search_key</c> ("son ca" finds "Trường MN Sơn Ca"); null or blank for every school.</param>
/// <param name="State">A cell state (<c>on_time</c>, <c>late</c>, <c>missing</c>, <c>overdue</c>, <c>not_open</c>, <c>not_requested</c>) the school has in the current period (<see cref="MatrixCells.Current"/>); null for any. With no current period, or an unknown state, no school matches.</param>
/// <param name="Page">The page wanted, from 1; brought within the pages there are.</param>
/// <param name="PageSize">Schools per page (1–500).</param>
internal sealed record MatrixQuery(string? Search, string? State, int Page, int PageSize)
{
    /// <summary>Schools per page when the caller names no size (the schedule page's size too).</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Schools per page at most.</summary>
    public const int MaxPageSize = 500;

    /// <summary>Characters of a search at most.</summary>
    public const int MaxSearchLength = 200;

    /// <summary>
    /// The query of <c>GET /api/reporting/schedules/{id}/status?q=&amp;state=&amp;page=&amp;pageSize=</c>, its values as
    /// the address gives them: words (at most <see cref="MaxSearchLength"/> characters), a state of
    /// <see cref="MatrixCells.States"/>, a page from 1 (default 1), a size from 1 to <see cref="MaxPageSize"/> (default
    /// <see cref="DefaultPageSize"/>). Blank values count as absent.
    /// </summary>
    /// <exception cref="WorkflowException">A value out of its range or not a whole number (422 naming the field: <c>q</c>, <c>state</c>, <c>page</c> or <c>pageSize</c>).</exception>
    public static MatrixQuery Parse(string? q, string? state, string? page, string? pageSize)
    {
        if (q is { Length: > MaxSearchLength })
            throw WorkflowException.Invalid("q", $"Từ khóa tìm trường dài quá {MaxSearchLength} ký tự.");
        var chosen = string.IsNullOrWhiteSpace(state) ? null : state.Trim();
        if (chosen is not null && !MatrixCells.States.Contains(chosen))
            throw WorkflowException.Invalid("state", $"Tình trạng “{chosen}” không có; chọn một trong: {string.Join(", ", MatrixCells.States)}.");
        return new MatrixQuery(string.IsNullOrWhiteSpace(q) ? null : q, chosen,
            Whole(page, "page", 1, int.MaxValue, 1, "Số trang phải là số nguyên từ 1 trở lên"),
            Whole(pageSize, "pageSize", 1, MaxPageSize, DefaultPageSize, $"Số trường mỗi trang phải là số nguyên từ 1 đến {MaxPageSize}"));
    }

    private static int Whole(string? value, string field, int min, int max, int absent, string message)
    {
        if (string.IsNullOrWhiteSpace(value)) return absent;
        if (!int.TryParse(value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < min || number > max)
            throw WorkflowException.Invalid(field, $"{message}; đã gửi “{value}”.");
        return number;
    }
}
