using System.Globalization;
using System.Text;
using Workflows.Kernel;
using Workflows.Reporting;
using Workflows.Reporting.Status;

namespace Workflows.Host.Reporting;

/// <summary>
/// The matrix as CSV (<c>status.csv</c>): UTF-8 with a byte order mark (so spreadsheet programs read the marks), comma
/// separated, RFC 4180 quoting, lines ended by CR LF; a header "Đơn vị" and one column per period ("Tháng 3/2026 (hạn
/// 15/03/2026)"), then one line per school with each cell's state in words and, once submitted, the first submission in
/// Vietnam time ("Đúng hạn (12/03/2026 08:00)"). A value starting with <c>=</c>, <c>+</c>, <c>-</c> or <c>@</c> is quoted
/// behind an apostrophe, so a spreadsheet never runs a school's name as a formula.
/// </summary>
internal static class StatusCsv
{
    /// <summary>Writes <paramref name="matrix"/> to <paramref name="body"/> as its rows arrive (asynchronous writes only).</summary>
    public static async Task WriteAsync(Stream body, MatrixRows matrix, CancellationToken ct)
    {
        await body.WriteAsync(Encoding.UTF8.GetPreamble(), ct);
        await using var writer = new StreamWriter(body, new UTF8Encoding(false), bufferSize: 16 * 1024, leaveOpen: true);
        var line = new StringBuilder(Cell("Đơn vị"));
        foreach (var p in matrix.Periods) line.Append(',').Append(Cell($"{p.Label} (hạn {p.DueOn.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)})"));
        await writer.WriteAsync(line.Append("\r\n"), ct);
        await foreach (var row in matrix.Rows.WithCancellation(ct))
        {
            line.Clear().Append(Cell(row.Name));
            foreach (var cell in row.Cells) line.Append(',').Append(Cell(StateText(cell)));
            await writer.WriteAsync(line.Append("\r\n"), ct);
        }
        await writer.FlushAsync(ct);
    }

    private static string StateText(StatusCell cell) => cell.State switch
    {
        "on_time" => $"Đúng hạn ({Local(cell.SubmittedAt!.Value)})",
        "late" => $"Nộp muộn ({Local(cell.SubmittedAt!.Value)})",
        "missing" => "Chưa nộp",
        "overdue" => "Quá hạn",
        "not_open" => "Chưa mở",
        _ => "Không yêu cầu",
    };

    private static string Local(DateTimeOffset at) => VietnamTime.ToVietnamTime(at).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);

    private static string Cell(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 || value.StartsWith('=') || value.StartsWith('+') || value.StartsWith('-') || value.StartsWith('@')
            ? "\"" + (value[0] is '=' or '+' or '-' or '@' ? "'" : "") + value.Replace("\"", "\"\"") + "\""
            : value;
}
