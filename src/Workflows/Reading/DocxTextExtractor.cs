using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Workflows.Reading;

/// <summary>
/// Turns a .docx into the same line-oriented text the text reader takes: one line per paragraph.
/// Two-column tables (the header and the Nơi nhận/signature layouts) come out column by column, left column
/// first, so the two sides are separate blocks; wider tables come out one row per line, cells separated by tabs.
/// Tracked changes are read as accepted (insertions kept, deletions and moved-away text dropped), comments are
/// ignored, and each footnote of Word's footnotes part comes out as a "¹text" line after the paragraph that refers to
/// it, its reference numbered in reading order as Word shows it.
/// </summary>
internal static class DocxTextExtractor
{
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    public static string Extract(ReadOnlySpan<byte> content, string name)
    {
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var document = WordprocessingDocument.Open(stream, false);
            var body = document.MainDocumentPart?.Document?.Body
                ?? throw new InvalidDataException("word/document.xml missing");
            var notes = document.MainDocumentPart!.FootnotesPart?.Footnotes?.Elements<Footnote>()
                .Where(f => f.Id is not null)
                .ToDictionary(f => f.Id!.Value, f => string.Join(" ", f.Elements<Paragraph>().Select(p => Walker.ParagraphText(p, null)).Where(t => t.Trim().Length > 0)).Trim())
                ?? [];
            var sb = new StringBuilder();
            new Walker(notes).AppendBlocks(body.ChildElements, sb);
            return sb.ToString();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw new PlanReadException(PlanReadErrorCodes.InvalidDocx,
                $"'{name}' is a zip file but not a readable Word document (word/document.xml). / Tệp '{name}' là tệp nén nhưng không phải tài liệu Word đọc được (thiếu word/document.xml).", ex);
        }
    }

    /// <summary>Walks the body in reading order, numbering footnote references and placing their texts.</summary>
    internal sealed class Walker(Dictionary<long, string> notes)
    {
        private readonly List<string> _pending = [];
        private int _count;

        public string Refer(long id)
        {
            _count++;
            var marker = string.Concat(_count.ToString(System.Globalization.CultureInfo.InvariantCulture).Select(c => Superscripts[c - '0']));
            if (notes.TryGetValue(id, out var text) && text.Length > 0)
            {
                _pending.Add(marker + text);
            }
            return marker;
        }

        public void AppendBlocks(OpenXmlElementList elements, StringBuilder sb)
        {
            foreach (var element in elements)
            {
                switch (element)
                {
                    case Paragraph p:
                        sb.Append(ParagraphText(p, this)).Append('\n');
                        foreach (var note in _pending)
                        {
                            sb.Append('\n').Append(note).Append("\n\n");
                        }
                        _pending.Clear();
                        break;
                    case Table t:
                        AppendTable(t, sb);
                        break;
                    case SdtBlock sdt when sdt.SdtContentBlock is { } c:
                        AppendBlocks(c.ChildElements, sb);
                        break;
                }
            }
        }

        private void AppendTable(Table table, StringBuilder sb)
        {
            var rows = table.Elements<TableRow>().ToList();
            var columns = rows.Count == 0 ? 0 : rows.Max(r => r.Elements<TableCell>().Count());
            if (columns == 2)
            {
                for (var col = 0; col < 2; col++)
                {
                    foreach (var row in rows)
                    {
                        var cells = row.Elements<TableCell>().ToList();
                        if (col < cells.Count)
                        {
                            AppendBlocks(cells[col].ChildElements, sb);
                        }
                    }
                }
                return;
            }
            foreach (var row in rows)
            {
                var cells = row.Elements<TableCell>()
                    .Select(c => string.Join(" ", c.Elements<Paragraph>().Select(p => ParagraphText(p, this)).Where(s => s.Length > 0)).Replace('\t', ' ').Replace('\n', ' '))
                    .ToList();
                var line = string.Join("\t", cells);
                if (cells.Count <= 1)
                {
                    line += "\t";
                }
                sb.Append(line).Append('\n');
            }
        }

        internal static string ParagraphText(Paragraph paragraph, Walker? walker)
        {
            var sb = new StringBuilder();
            foreach (var run in paragraph.Descendants<Run>())
            {
                if (run.Ancestors<DeletedRun>().Any() || run.Ancestors<MoveFromRun>().Any())
                {
                    continue;
                }
                var caps = run.RunProperties?.Caps is { } capsElement && (capsElement.Val is null || capsElement.Val.Value);
                foreach (var child in run.ChildElements)
                {
                    switch (child)
                    {
                        case Text t:
                            sb.Append(caps ? t.Text.ToUpperInvariant() : t.Text);
                            break;
                        case TabChar:
                            sb.Append('\t');
                            break;
                        case Break or CarriageReturn:
                            sb.Append('\n');
                            break;
                        case FootnoteReference reference when walker is not null && reference.Id is not null:
                            sb.Append(walker.Refer(reference.Id.Value));
                            break;
                    }
                }
            }
            return sb.ToString();
        }
    }
}
