using System.Text.Json;
using Workflows.Engine;
using Workflows.Kernel.Plans;
using Workflows.Organisation;

namespace Workflows.Plans.Documents;

/// <summary>
/// A plan laid out as the document it will be (Nghị định 30/2020, Phụ lục I: quốc hiệu và tiêu ngữ, tên cơ quan,
/// số và ký hiệu, địa danh và thời gian, tên loại và trích yếu, nội dung, Nơi nhận, chữ ký): what the plan page shows
/// and what the issued PDF of a typed-in or <c>.txt</c> plan prints. Before numbering the number line reads
/// <c>Số: …/KH-PGDĐT</c> and the date <c>…, ngày … tháng … năm …</c>.
/// </summary>
/// <param name="IssuerParent">The parent body's name (upper line of the header), empty when none.</param>
/// <param name="IssuerName">The issuing body's name.</param>
/// <param name="NumberLine">"Số: 05/KH-PGDĐT", or with "…" before numbering.</param>
/// <param name="PlaceDate">"Uông Bí, ngày 05 tháng 02 năm 2026", or with "…" before numbering.</param>
/// <param name="TypeName">"KẾ HOẠCH", null for a công văn.</param>
/// <param name="Subject">The trích yếu.</param>
/// <param name="Paragraphs">The body, one paragraph each.</param>
/// <param name="Recipients">The Nơi nhận lines, each starting "- ".</param>
/// <param name="SignerTitle">First title line of the signer block ("KT. TRƯỞNG PHÒNG").</param>
/// <param name="SignerSecondTitle">Second title line, null when the head signs directly.</param>
/// <param name="SignerName">The signer's name.</param>
/// <param name="Signed">Whether the plan carries the signer's signature.</param>
public sealed record PlanDocument(
    string IssuerParent, string IssuerName, string NumberLine, string PlaceDate, string? TypeName, string Subject,
    IReadOnlyList<string> Paragraphs, IReadOnlyList<string> Recipients, string SignerTitle, string? SignerSecondTitle,
    string SignerName, bool Signed)
{
    /// <summary>The footnotes the reader took out of the body flow, printed under it as "¹ text" (Nghị định 30/2020, Phụ lục I).</summary>
    public IReadOnlyList<PlanFootnote> Footnotes { get; init; } = [];

    /// <summary>
    /// The body paragraphs as runs of text each followed by its footnote mark, parallel to <see cref="Paragraphs"/>
    /// (a paragraph without a mark is one run); the marks at their places of <see cref="PlanFields.FootnoteMarks"/>.
    /// </summary>
    public IReadOnlyList<IReadOnlyList<BodyRun>> Runs { get; init; } = [];

    /// <summary>The runs of paragraph <paramref name="paragraph"/> (an index of <see cref="Paragraphs"/>): its text alone when the layout has no runs.</summary>
    public IReadOnlyList<BodyRun> RunsOf(int paragraph) => paragraph < Runs.Count ? Runs[paragraph] : [new BodyRun(Paragraphs[paragraph], null)];

    /// <summary>The footnotes whose mark stands in the body (the others are listed without a link back).</summary>
    public IReadOnlySet<string> MarkedFootnotes { get; init; } = new HashSet<string>();

    /// <summary>The work programme table (CHƯƠNG TRÌNH CÔNG TÁC): its rows in order, grouped by their period heading.</summary>
    public IReadOnlyList<WorkProgrammeRow> WorkProgramme { get; init; } = [];

    /// <summary>A footnote marker as a superscript, e.g. "1" → "¹" (other characters are kept).</summary>
    public static string Superscript(string marker) =>
        string.Concat(marker.Select(c => c switch
        {
            '0' => '⁰', '1' => '¹', '2' => '²', '3' => '³', '4' => '⁴', '5' => '⁵', '6' => '⁶', '7' => '⁷', '8' => '⁸', '9' => '⁹',
            _ => c,
        }));

    /// <summary>Builds the layout from the stored plan, its body's settings and, once signed, its signature.</summary>
    public static PlanDocument From(PlanRecord plan, IssuingBody? body)
    {
        var fields = plan.Fields;
        var place = fields.Place ?? body?.Place ?? "";
        var date = plan.IssuedOn is { } d ? $"ngày {d.Day:00} tháng {d.Month:00} năm {d.Year}" : "ngày … tháng … năm …";
        var (paragraphs, runs, marked) = Lay(fields.Body, fields.FootnoteMarks);
        // Nơi nhận: one line per recipient, the archive copies last on one line "- Lưu: VT, …" (Nghị định 30/2020, Phụ lục I).
        var recipients = new List<string>();
        var archive = new List<string>();
        foreach (var r in fields.Recipients)
        {
            var name = r.Name;
            if (string.IsNullOrWhiteSpace(name)) continue;
            if (r.Kind == RecipientKind.Archive || Workflows.Distribution.RecipientText.IsArchive(name))
            {
                archive.Add(name.StartsWith("Lưu", StringComparison.OrdinalIgnoreCase) ? name.TrimStart("Lưu:".ToCharArray()).Trim() : name);
                continue;
            }
            var purposes = string.Join(", ", r.Purpose.Where(x => !string.IsNullOrWhiteSpace(x)));
            recipients.Add($"- {name}{(purposes.Length > 0 ? $" ({purposes})" : "")};");
        }
        if (archive.Count > 0) recipients.Add($"- Lưu: {string.Join(", ", archive)}.");
        else if (recipients.Count > 0) recipients[^1] = recipients[^1].TrimEnd(';') + ".";

        Signature? signature = plan.Signing is null ? null : JsonSerializer.Deserialize<Signature>(plan.Signing, JsonSerializerOptions.Web);
        var signerTitle = signature?.Title ?? Join(fields.Signer?.Form, fields.Signer?.Title ?? body?.HeadTitle ?? "");
        return new PlanDocument(
            fields.Issuer.Parent ?? body?.Parent ?? "",
            fields.Issuer.Name ?? body?.Name ?? plan.BodyCode,
            $"Số: {plan.Symbol ?? $"…/{plan.DocumentType}-{plan.BodyCode}"}",
            $"{place}, {date}",
            DocumentTypeNames.Heading(plan.DocumentType),
            plan.Subject,
            paragraphs,
            recipients,
            signerTitle,
            signature is null ? fields.Signer?.SecondTitle : signature.SecondTitle,
            signature?.Name ?? fields.Signer?.Name ?? "",
            signature is not null)
        {
            Footnotes = fields.Footnotes,
            WorkProgramme = fields.WorkProgramme,
            Runs = runs,
            MarkedFootnotes = marked,
        };
    }

    /// <summary>The body's non-blank paragraphs, trimmed, and each one's runs with the marks that fall inside it.</summary>
    private static (List<string> Paragraphs, List<IReadOnlyList<BodyRun>> Runs, HashSet<string> Marked) Lay(string body, IReadOnlyList<PlanFootnoteMark> marks)
    {
        var paragraphs = new List<string>();
        var runs = new List<IReadOnlyList<BodyRun>>();
        var marked = new HashSet<string>();
        var ordered = marks.OrderBy(m => m.Offset).ToList();
        var start = 0;
        while (start <= body.Length)
        {
            var end = body.IndexOf('\n', start);
            if (end < 0) end = body.Length;
            var from = start;
            var to = end;
            while (from < to && char.IsWhiteSpace(body[from])) from++;
            while (to > from && char.IsWhiteSpace(body[to - 1])) to--;
            if (to > from)
            {
                var pieces = new List<BodyRun>();
                var at = from;
                foreach (var mark in ordered.Where(m => m.Offset > from && m.Offset <= to && marked.Add(m.Marker)))
                {
                    pieces.Add(new BodyRun(body[at..mark.Offset], mark.Marker));
                    at = mark.Offset;
                }
                if (at < to || pieces.Count == 0) pieces.Add(new BodyRun(body[at..to], null));
                paragraphs.Add(body[from..to]);
                runs.Add(pieces);
            }
            start = end + 1;
        }
        return (paragraphs, runs, marked);
    }

    private static string Join(string? form, string title) => string.IsNullOrWhiteSpace(form) ? title : $"{form.Trim()} {title}";
}
