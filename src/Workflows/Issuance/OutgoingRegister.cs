using System.Globalization;
using System.Text;
using ClosedXML.Excel;
using Dapper;
using Npgsql;
using Workflows.Kernel;

namespace Workflows.Issuance;

/// <summary>
/// The outgoing register (sổ đăng ký văn bản đi, Nghị định 30/2020, Điều 16 and Phụ lục IV): every document the
/// caller's body issued in a year, by number, with symbol, date, subject, signer, recipients, number of copies and the
/// delivery state (sent, acknowledged, failed) and a recall or replacement; read from the plans, their release messages,
/// receipts, recalls and issued PDFs (no table of its own). Exported
/// as CSV (UTF-8 with BOM, for spreadsheet programs) and <c>.xlsx</c> (ClosedXML).
/// </summary>
public sealed class OutgoingRegister
{
    private readonly NpgsqlDataSource _dataSource;

    internal OutgoingRegister(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>The register of <paramref name="actor"/>'s body for <paramref name="year"/>, by number; <paramref name="search"/> filters symbol and subject (case-insensitive).</summary>
    /// <exception cref="WorkflowException">A year outside 2000–2100 (422, field <c>year</c>).</exception>
    public async Task<IReadOnlyList<RegisterEntry>> ListAsync(Actor actor, int year, string? search, CancellationToken cancellationToken)
    {
        if (year is < 2000 or > 2100) throw WorkflowException.Invalid("year", "Năm phải từ 2000 đến 2100.");
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            """
            SELECT p.id, p.number, p.symbol, p.issued_on, p.subject, p.status,
                   coalesce(p.signing ->> 'title', '') AS signer_title, coalesce(p.signing ->> 'name', '') AS signer_name,
                   coalesce(string_agg(DISTINCT m.recipient_name, '; ' ORDER BY m.recipient_name), '') AS recipients,
                   count(m.id) AS copies,
                   count(m.id) FILTER (WHERE m.status = 'sent') AS sent,
                   count(m.id) FILTER (WHERE m.status = 'failed') AS failed,
                   count(rc.id) FILTER (WHERE rc.acknowledged_at IS NOT NULL) AS acknowledged,
                   (d.plan_id IS NOT NULL AND d.stage = 'sealed') AS signed_pdf,
                   c.kind AS recall_kind, c.reason AS recall_reason, c.recalled_at, rp.symbol AS replaced_by_symbol
            FROM plans p
            LEFT JOIN outgoing_messages m ON m.plan_id = p.id AND m.category = 'release'
            LEFT JOIN release_receipts rc ON rc.plan_id = p.id AND lower(rc.address) = lower(m.address)
            LEFT JOIN issued_documents d ON d.plan_id = p.id
            LEFT JOIN plan_recalls c ON c.plan_id = p.id
            LEFT JOIN plans rp ON rp.id = c.replaced_by
            WHERE p.body_code = @BodyCode AND p.issue_year = @year AND p.number IS NOT NULL
              AND (@search::text IS NULL OR p.symbol ILIKE '%' || @search || '%' OR p.subject ILIKE '%' || @search || '%')
            GROUP BY p.id, d.plan_id, d.stage, c.plan_id, rp.id
            ORDER BY p.number
            """, new { actor.BodyCode, year, search = string.IsNullOrWhiteSpace(search) ? null : search.Trim() }, cancellationToken: cancellationToken));
        return rows.Select(r => new RegisterEntry(r.Id, r.Number, r.Symbol ?? "", r.IssuedOn, r.Subject, r.SignerTitle, r.SignerName, r.Recipients,
            (int)r.Copies, Delivery(r), r.Status, r.SignedPdf, (int)r.Acknowledged, Recall(r))).ToList();
    }

    /// <summary>The register as CSV (UTF-8 with BOM, comma-separated, quoted where needed, dates dd/MM/yyyy).</summary>
    public static byte[] ToCsv(IReadOnlyList<RegisterEntry> entries)
    {
        var text = new StringBuilder();
        text.AppendLine(string.Join(",", Headers.Select(Quote)));
        foreach (var e in entries) text.AppendLine(string.Join(",", Cells(e).Select(Quote)));
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    /// <summary>The register as an <c>.xlsx</c> workbook, one sheet "Sổ văn bản đi {year}".</summary>
    public static byte[] ToXlsx(IReadOnlyList<RegisterEntry> entries, int year)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add($"Sổ văn bản đi {year}");
        for (var c = 0; c < Headers.Length; c++) sheet.Cell(1, c + 1).Value = Headers[c];
        sheet.Row(1).Style.Font.Bold = true;
        for (var r = 0; r < entries.Count; r++)
        {
            var cells = Cells(entries[r]);
            for (var c = 0; c < cells.Length; c++) sheet.Cell(r + 2, c + 1).Value = cells[c];
        }
        using var output = new MemoryStream();
        workbook.SaveAs(output);
        return output.ToArray();
    }

    private static readonly string[] Headers =
        ["Số", "Ký hiệu", "Ngày ban hành", "Trích yếu", "Người ký", "Nơi nhận", "Số bản", "Tình trạng gửi", "Trạng thái"];

    private static string[] Cells(RegisterEntry e) =>
    [
        e.Number.ToString("00", CultureInfo.InvariantCulture), e.Symbol, e.IssuedOn?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture) ?? "",
        e.Subject, $"{e.SignerTitle} {e.SignerName}".Trim(), e.Recipients, e.Copies.ToString(CultureInfo.InvariantCulture), e.Delivery,
        e.Recall ?? (e.Status == "released" ? "Đã phát hành" : e.Status),
    ];

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;

    private static string Delivery(Row r) =>
        r.Copies == 0 ? "Không gửi thư"
        : $"Đã gửi {r.Sent}/{r.Copies}" + (r.Acknowledged > 0 ? $", đã xác nhận {r.Acknowledged}" : "") + (r.Failed > 0 ? $", lỗi {r.Failed}" : "");

    private static string? Recall(Row r) => r.RecalledAt is not { } at ? null
        : (r.RecallKind == "replace" ? $"Đã thay thế bởi {r.ReplacedBySymbol}" : "Đã thu hồi")
          + $" ngày {VietnamTime.ToVietnamDate(at).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)}: {r.RecallReason}";

    private sealed class Row
    {
        public Guid Id { get; init; }
        public int Number { get; init; }
        public string? Symbol { get; init; }
        public DateOnly? IssuedOn { get; init; }
        public string Subject { get; init; } = "";
        public string Status { get; init; } = "";
        public string SignerTitle { get; init; } = "";
        public string SignerName { get; init; } = "";
        public string Recipients { get; init; } = "";
        public long Copies { get; init; }
        public long Sent { get; init; }
        public long Failed { get; init; }
        public bool SignedPdf { get; init; }
        public long Acknowledged { get; init; }
        public string? RecallKind { get; init; }
        public string? RecallReason { get; init; }
        public DateTimeOffset? RecalledAt { get; init; }
        public string? ReplacedBySymbol { get; init; }
    }
}
