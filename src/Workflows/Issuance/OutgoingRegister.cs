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

    /// <summary>
    /// True when <paramref name="actor"/> keeps the outgoing register (a Clerk, văn thư: Nghị định 30/2020, Điều 16 puts
    /// the registration of outgoing documents with the records office): the page <c>/so-van-ban-di</c>, its menu entry,
    /// <c>GET /api/register</c> and its exports ask this rule.
    /// </summary>
    public static bool MayRead(Actor actor) => actor.IsIn(Roles.Clerk);

    /// <summary>
    /// The whole register of <paramref name="actor"/>'s body for <paramref name="year"/>, by number (lowest first, as
    /// the exports print it); <paramref name="search"/> as <see cref="RegisterSearch.Text"/>.
    /// </summary>
    /// <exception cref="WorkflowException">The actor does not keep the register (403); a year outside 2000–2100 (422, field <c>year</c>).</exception>
    public async Task<IReadOnlyList<RegisterEntry>> ListAsync(Actor actor, int year, string? search, CancellationToken cancellationToken)
    {
        Check(actor, year);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        return await ReadAsync(connection, actor, year, search, newestFirst: false, int.MaxValue, 0, cancellationToken);
    }

    /// <summary>
    /// One page of the register of <paramref name="actor"/>'s body, newest number first, searched, counted and paged by
    /// PostgreSQL (only the page's entries are read with their messages; the unique index on body, year and number
    /// orders them), with the years the body has entries in.
    /// </summary>
    /// <exception cref="WorkflowException">The actor does not keep the register (403); a year outside 2000–2100 (422, field <c>year</c>).</exception>
    public async Task<RegisterPage> SearchAsync(Actor actor, RegisterSearch search, CancellationToken cancellationToken)
    {
        Check(actor, search.Year);
        var size = Math.Clamp(search.PageSize, 1, 200);
        var (text, number) = Words(search.Text);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*)::int FROM plans p WHERE {Where}", new { actor.BodyCode, year = search.Year, text, number }, cancellationToken: cancellationToken));
        var years = (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT DISTINCT issue_year FROM plans WHERE body_code = @BodyCode AND number IS NOT NULL ORDER BY issue_year DESC",
            new { actor.BodyCode }, cancellationToken: cancellationToken))).AsList();
        var pages = Math.Max(1, (total + size - 1) / size);
        var page = Math.Clamp(search.Page, 1, pages);
        var items = total == 0 ? []
            : await ReadAsync(connection, actor, search.Year, search.Text, newestFirst: true, size, (page - 1) * size, cancellationToken);
        return new RegisterPage(items, total, page, size, search.Year, years);
    }

    private static void Check(Actor actor, int year)
    {
        if (!MayRead(actor)) throw WorkflowException.Forbidden("Chỉ văn thư mới xem được sổ đăng ký văn bản đi.");
        if (year is < 2000 or > 2100) throw WorkflowException.Invalid("year", "Năm phải từ 2000 đến 2100.");
    }

    /// <summary>
    /// The numbered documents of the body and year that match the search: digits alone are a number (or words of the
    /// subject), other words part of the number and symbol or of the subject (<c>@text</c>, <c>@number</c>).
    /// </summary>
    private const string Where = """
        p.body_code = @BodyCode AND p.issue_year = @year AND p.number IS NOT NULL
          AND (@text::text IS NULL OR p.number = @number OR p.subject ILIKE @text
               OR (@number::int IS NULL AND coalesce(p.symbol, '') ILIKE @text))
        """;

    /// <summary>The LIKE pattern of the words (escaped), and the number they are when they are digits only.</summary>
    private static (string? Text, int? Number) Words(string? search)
    {
        if (string.IsNullOrWhiteSpace(search)) return (null, null);
        var words = search.Trim();
        var escaped = words.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var number = words.Length <= 6 && words.All(char.IsAsciiDigit) ? int.Parse(words, CultureInfo.InvariantCulture) : (int?)null;
        return ("%" + escaped + "%", number);
    }

    /// <summary>The entries matching, in number order, <paramref name="limit"/> of them after <paramref name="offset"/>: the plans are chosen first, then only their messages, receipts, PDFs and recalls are joined.</summary>
    private static async Task<IReadOnlyList<RegisterEntry>> ReadAsync(NpgsqlConnection connection, Actor actor, int year, string? search, bool newestFirst,
        int limit, int offset, CancellationToken cancellationToken)
    {
        var (text, number) = Words(search);
        var order = newestFirst ? "DESC" : "ASC";
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"""
            WITH chosen AS (
                SELECT p.id FROM plans p WHERE {Where} ORDER BY p.number {order} LIMIT @limit OFFSET @offset
            )
            SELECT p.id, p.number, p.symbol, p.issued_on, p.subject, p.status,
                   coalesce(p.signing ->> 'title', '') AS signer_title, coalesce(p.signing ->> 'name', '') AS signer_name,
                   coalesce(string_agg(DISTINCT m.recipient_name, '; ' ORDER BY m.recipient_name), '') AS recipients,
                   count(m.id) AS copies,
                   count(m.id) FILTER (WHERE m.status = 'sent') AS sent,
                   count(m.id) FILTER (WHERE m.status = 'failed') AS failed,
                   count(rc.id) FILTER (WHERE rc.acknowledged_at IS NOT NULL) AS acknowledged,
                   (d.plan_id IS NOT NULL AND d.stage = 'sealed') AS signed_pdf,
                   c.kind AS recall_kind, c.reason AS recall_reason, c.recalled_at, rp.symbol AS replaced_by_symbol
            FROM chosen
            JOIN plans p ON p.id = chosen.id
            LEFT JOIN outgoing_messages m ON m.plan_id = p.id AND m.category = 'release'
            LEFT JOIN release_receipts rc ON rc.plan_id = p.id AND lower(rc.address) = lower(m.address)
            LEFT JOIN issued_documents d ON d.plan_id = p.id
            LEFT JOIN plan_recalls c ON c.plan_id = p.id
            LEFT JOIN plans rp ON rp.id = c.replaced_by
            GROUP BY p.id, d.plan_id, d.stage, c.plan_id, rp.id
            ORDER BY p.number {order}
            """, new { actor.BodyCode, year, text, number, limit, offset }, cancellationToken: cancellationToken));
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
