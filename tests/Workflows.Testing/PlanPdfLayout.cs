using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Workflows.Plans.Documents;

namespace Workflows.Testing;

/// <summary>
/// Lays an extracted plan text (one paragraph or one broken line per line, as in ../shared/plans) out as the PDF an
/// office would have made of it, with PDFsharp in DejaVu Serif: the header in two columns (body and number left,
/// motto and date right), type and subject centred, each text line a paragraph (first line indented, wrapped at the
/// page width), tab-separated lines as a bordered table, footnotes at the foot of their page in a smaller size with
/// raised markers (also raised in the body), Nơi nhận beside the signer block, the page number at the top from page 2
/// and a running footer on every page when there are several.
/// </summary>
internal static partial class PlanPdfLayout
{
    private const double PageWidth = 595.28, PageHeight = 841.89, Left = 85.04, Right = 56.69, Top = 56.69, Bottom = 56.69;
    private const double Width = PageWidth - Left - Right;
    private const string Superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";

    /// <param name="text">The plan's text.</param>
    /// <param name="userPassword">When given, the PDF is encrypted and needs it to open.</param>
    public static byte[] FromText(string text, string? userPassword = null)
    {
        DocumentFonts.Ensure();
        var raw = text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n');
        var lines = raw.Select(Clean).ToArray();
        var typeIndex = Array.FindIndex(lines, l => TypeLine().IsMatch(l));
        var footerIndex = Array.FindLastIndex(lines, l => l.StartsWith("Nơi nhận", StringComparison.Ordinal));
        var end = footerIndex >= 0 ? footerIndex : lines.Length;

        var footnotes = FindFootnotes(raw, lines, Math.Max(typeIndex, 0), end);
        using var document = new PdfDocument();
        var page = new PageWriter(document);

        if (typeIndex > 0)
        {
            var header = lines[..typeIndex].Where(l => l.Length > 0).ToList();
            var right = header.Where(l => Motto().IsMatch(l) || l.Contains(", ngày", StringComparison.Ordinal)).ToList();
            var left = header.Except(right).ToList();
            var y = page.Y;
            var ly = y;
            foreach (var l in left)
            {
                ly = page.Centered(l, Font(11, l == l.ToUpperInvariant() ? XFontStyleEx.Bold : XFontStyleEx.Regular), Left - 30, 235, ly);
            }
            var ry = y;
            foreach (var l in right)
            {
                ry = page.Centered(l, Font(11, l.Contains(", ngày", StringComparison.Ordinal) ? XFontStyleEx.Italic : XFontStyleEx.Bold), Left + 225, Width - 225 + 30, ry);
            }
            page.Y = Math.Max(ly, ry) + 18;
        }

        var i = Math.Max(typeIndex, 0);
        if (typeIndex >= 0)
        {
            page.Y = page.Centered(lines[typeIndex], Font(13, XFontStyleEx.Bold), Left, Width, page.Y);
            i = typeIndex + 1;
            var subject = 0;
            for (; i < end; i++)
            {
                var l = lines[i];
                if (l.Length == 0 || PageNumberLine().IsMatch(l))
                {
                    continue;
                }
                if ((subject > 0 && (BodyOpener().IsMatch(l) || Heading().IsMatch(l))) || (subject == 0 && Heading().IsMatch(l)) || subject >= 8 || l.Contains('\t'))
                {
                    break;
                }
                foreach (var w in page.Wrap(l, Font(12, XFontStyleEx.Bold), Width - 60))
                {
                    page.Y = page.Centered(w, Font(12, XFontStyleEx.Bold), Left, Width, page.Y);
                }
                subject++;
            }
            page.Y += 14;
        }

        var body = Font(11.5);
        var bodyHeight = body.GetHeight() * 1.3;
        for (; i < end; i++)
        {
            var l = lines[i];
            if (footnotes.TryGetValue(i, out var note))
            {
                if (note is not null)
                {
                    page.AddFootnote(note.Value.Marker, note.Value.Text);
                }
                continue;
            }
            if (l.Length == 0 || l.Trim('\t').Length == 0 && !l.Contains('\t') || PageNumberLine().IsMatch(l) || RuleLine().IsMatch(l))
            {
                continue;
            }
            if (l.Contains('\t'))
            {
                var cells = l.Split('\t');
                var widths = cells.Length == 3 ? new[] { 30.0, 310, Width - 340 } : Enumerable.Repeat(Width / cells.Length, cells.Length).ToArray();
                var wrapped = cells.Select((c, k) => page.Wrap(c, Font(10.5), widths[k] - 6)).ToList();
                var rowHeight = wrapped.Max(w => Math.Max(w.Count, 1)) * Font(10.5).GetHeight() * 1.15 + 6;
                page.Room(rowHeight);
                var x = Left;
                for (var k = 0; k < cells.Length; k++)
                {
                    var cy = page.Y + 3;
                    foreach (var w in wrapped[k])
                    {
                        page.Graphics.DrawString(w, Font(10.5), XBrushes.Black, x + 3, cy, XStringFormats.TopLeft);
                        cy += Font(10.5).GetHeight() * 1.15;
                    }
                    page.Graphics.DrawLine(XPens.Black, x, page.Y, x, page.Y + rowHeight);
                    x += widths[k];
                }
                page.Graphics.DrawLine(XPens.Black, x, page.Y, x, page.Y + rowHeight);
                page.Graphics.DrawLine(XPens.Black, Left, page.Y, x, page.Y);
                page.Graphics.DrawLine(XPens.Black, Left, page.Y + rowHeight, x, page.Y + rowHeight);
                page.Y += rowHeight;
                if (i + 1 >= end || !lines[i + 1].Contains('\t'))
                {
                    page.Y += 8;
                }
                continue;
            }
            var parts = page.Wrap(l, body, Width - 28, first: true);
            for (var k = 0; k < parts.Count; k++)
            {
                page.Room(bodyHeight);
                page.DrawWithMarkers(parts[k], body, Left + (k == 0 ? 28 : 0), page.Y);
                page.Y += bodyHeight;
            }
            page.Y += 6;
        }

        if (footerIndex >= 0)
        {
            var footer = lines[footerIndex..].Where(l => l.Length > 0).ToList();
            var left = footer.Where(l => l.StartsWith("Nơi nhận", StringComparison.Ordinal) || l.StartsWith('-')).ToList();
            var right = footer.Except(left).ToList();
            var height = Math.Max(left.Count * 12 + 14, right.Count * 14 + 60);
            page.Room(height + 10);
            page.Y += 10;
            var top = page.Y;
            var y = top;
            foreach (var l in left)
            {
                var font = l.StartsWith("Nơi nhận", StringComparison.Ordinal) ? Font(10, XFontStyleEx.BoldItalic) : Font(9.5);
                foreach (var w in page.Wrap(l, font, 200))
                {
                    page.Graphics.DrawString(w, font, XBrushes.Black, Left, y, XStringFormats.TopLeft);
                    y += 12;
                }
            }
            var ry = top;
            for (var k = 0; k < right.Count; k++)
            {
                if (k == right.Count - 1 && right.Count > 1)
                {
                    ry += 60;
                }
                ry = page.Centered(right[k], Font(11, XFontStyleEx.Bold), Left + 225, Width - 225, ry);
            }
            page.Y = Math.Max(y, ry);
        }
        page.Finish();

        if (document.PageCount > 1)
        {
            for (var p = 0; p < document.PageCount; p++)
            {
                using var g = XGraphics.FromPdfPage(document.Pages[p], XGraphicsPdfPageOptions.Append);
                if (p > 0)
                {
                    g.DrawString((p + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), Font(11), XBrushes.Black,
                        new XRect(0, 28, PageWidth, 14), XStringFormats.TopCenter);
                }
                g.DrawString($"Tài liệu lưu hành nội bộ – trang {p + 1}/{document.PageCount}", Font(8), XBrushes.Black,
                    new XRect(Left, PageHeight - 34, Width, 10), XStringFormats.TopRight);
            }
        }
        if (userPassword is not null)
        {
            document.SecuritySettings.UserPassword = userPassword;
            document.SecuritySettings.OwnerPassword = userPassword + "-owner";
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    /// <summary>The footnotes, keyed by the line where each starts (its other lines map to null); markers of plain
    /// footnotes ("1 text" after a wide blank line) are turned into superscripts in the body line that carries them.</summary>
    private static Dictionary<int, (string Marker, string Text)?> FindFootnotes(string[] raw, string[] lines, int start, int end)
    {
        var notes = new Dictionary<int, (string Marker, string Text)?>();
        var superscriptStarts = new List<int>();
        for (var i = start; i < end; i++)
        {
            var isSeparator = lines[i].Length == 0 && raw[i].Length >= 10 && !raw[i].Contains('\t');
            if (isSeparator)
            {
                var j = i + 1;
                while (j < end && PlainFootnote().Match(lines[j]) is { Success: true } m && !lines[j].Contains('\t'))
                {
                    var text = new StringBuilder(m.Groups["t"].Value);
                    var at = j;
                    j++;
                    while (j < end && lines[j].Length > 0 && !(raw[j].Length > 0 && raw[j][0] == ' ') && !lines[j].Contains('\t') && !PlainFootnote().IsMatch(lines[j]))
                    {
                        Append(text, lines[j]);
                        notes[j] = null;
                        j++;
                    }
                    var marker = m.Groups["m"].Value;
                    notes[at] = (marker, text.ToString());
                    for (int b = at - 1, seen = 0; b >= start && seen < 40; b--)
                    {
                        seen += lines[b].Length > 0 ? 1 : 0;
                        var hit = PlainMarker().Matches(lines[b]).LastOrDefault(x => x.Groups["m"].Value == marker);
                        if (hit is not null)
                        {
                            lines[b] = lines[b].Remove(hit.Index, hit.Length).Insert(hit.Index, ToSuperscript(marker));
                            break;
                        }
                    }
                }
                i = j - 1;
                continue;
            }
            if (SuperscriptFootnote().Match(lines[i]) is { Success: true } s)
            {
                notes[i] = (ToDigits(s.Groups["m"].Value), s.Groups["t"].Value);
                superscriptStarts.Add(i);
            }
        }
        for (var f = 0; f + 1 < superscriptStarts.Count; f++)
        {
            var between = Enumerable.Range(superscriptStarts[f] + 1, superscriptStarts[f + 1] - superscriptStarts[f] - 1).Where(k => lines[k].Length > 0).ToList();
            if (between.Count == 1 && char.IsUpper(lines[between[0]][0]) && !ListMarker().IsMatch(lines[between[0]]) && !lines[between[0]].Contains('\t'))
            {
                var first = notes[superscriptStarts[f]]!.Value;
                notes[superscriptStarts[f]] = (first.Marker, first.Text + " " + lines[between[0]]);
                notes[between[0]] = null;
            }
        }
        return notes;
    }

    private static void Append(StringBuilder sb, string part)
    {
        if (sb.Length > 1 && sb[^1] is '-' or '/' && sb[^2] != ' ')
        {
            sb.Append(part);
        }
        else
        {
            sb.Append(' ').Append(part);
        }
    }

    private static string Clean(string raw)
    {
        var s = raw.Replace("**", string.Empty, StringComparison.Ordinal);
        if (s.Contains('$'))
        {
            s = s.Replace("\\%", "%", StringComparison.Ordinal).Replace("$", string.Empty, StringComparison.Ordinal);
        }
        if (s.Contains('\t'))
        {
            return string.Join('\t', s.Split('\t').Select(c => Spaces().Replace(c, " ").Trim()));
        }
        return Spaces().Replace(s.Trim(), " ");
    }

    private static string ToSuperscript(string digits) => string.Concat(digits.Select(c => Superscripts[c - '0']));

    private static string ToDigits(string superscripts) => string.Concat(superscripts.Select(c => (char)('0' + Superscripts.IndexOf(c))));

    // The issued PDF's font: a subset of DejaVu Serif with its composite glyphs flattened, so "học" keeps its dot below
    // in a scan of the page too.
    internal static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) => PlanPdfWriter.Font(size, style);

    [GeneratedRegex(@"^(KẾ HOẠCH|QUYẾT ĐỊNH|THÔNG BÁO|HƯỚNG DẪN|CHƯƠNG TRÌNH|BÁO CÁO)(?:\s+[\p{Lu}\s,]*)?$")]
    private static partial Regex TypeLine();

    [GeneratedRegex(@"^(CỘNG HÒA|CỘNG HOÀ)\b|Độc lập\s*[-–]\s*Tự do", RegexOptions.IgnoreCase)]
    private static partial Regex Motto();

    [GeneratedRegex(@"^(Căn cứ|Thực hiện|Thi hành|Triển khai|Trên cơ sở|Theo|Để|Nhằm|Kính gửi)\b")]
    private static partial Regex BodyOpener();

    [GeneratedRegex(@"^(?:(?<roman>[IVXLC]{1,6})|\d{1,2}(?:\.\d{1,2})*)\.\s+(?<t>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^(?:[-–—+•*]+\s*\S|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s+\S|[IVXLC]{1,6}\.\s+\S|[a-zđ]\)\s+\S)")]
    private static partial Regex ListMarker();

    [GeneratedRegex(@"^(?:-\s*)?(?:Trang\s+)?\d{1,3}(?:\s*-)?$")]
    private static partial Regex PageNumberLine();

    [GeneratedRegex(@"^[_\-–=.…]{5,}$")]
    private static partial Regex RuleLine();

    [GeneratedRegex(@"^(?<m>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)\s*(?<t>\S.*)$")]
    private static partial Regex SuperscriptFootnote();

    [GeneratedRegex(@"^(?<m>\d{1,2})\s+(?<t>\S.*)$")]
    private static partial Regex PlainFootnote();

    [GeneratedRegex(@"(?<=[\p{L}%)”])(?<m>\d{1,2})(?=[.,;:]|\s|$)")]
    private static partial Regex PlainMarker();

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaces();

    /// <summary>The page being written, its vertical position (top-down, points) and its footnotes.</summary>
    private sealed class PageWriter
    {
        private readonly PdfDocument _document;
        private readonly List<(string Marker, List<string> Lines)> _notes = [];
        private double _notesHeight;

        public PageWriter(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        public XGraphics Graphics { get; private set; } = null!;

        public double Y { get; set; }

        private static XFont NoteFont => Font(9);

        private static double NoteHeight => NoteFont.GetHeight() * 1.1;

        public void Room(double height)
        {
            if (Y + height <= PageHeight - Bottom - _notesHeight)
            {
                return;
            }
            Finish();
            NewPage();
        }

        public void AddFootnote(string marker, string text)
        {
            var lines = Wrap(text, NoteFont, Width - 10);
            var height = lines.Count * NoteHeight + (_notes.Count == 0 ? 10 : 2);
            if (Y + height > PageHeight - Bottom - _notesHeight)
            {
                Finish();
                NewPage();
            }
            _notes.Add((marker, lines));
            _notesHeight += height;
        }

        public void Finish()
        {
            if (_notes.Count > 0)
            {
                var y = PageHeight - Bottom - _notesHeight + 6;
                Graphics.DrawLine(XPens.Black, Left, y, Left + 120, y);
                y += 4;
                foreach (var (marker, lines) in _notes)
                {
                    Graphics.DrawString(marker, Font(6), XBrushes.Black, Left, y - 2, XStringFormats.TopLeft);
                    for (var k = 0; k < lines.Count; k++)
                    {
                        Graphics.DrawString(lines[k], NoteFont, XBrushes.Black, Left + 7, y, XStringFormats.TopLeft);
                        y += NoteHeight;
                    }
                    y += 2;
                }
            }
            _notes.Clear();
            _notesHeight = 0;
            Graphics.Dispose();
        }

        /// <summary>Draws a line, superscript digits as raised small digits.</summary>
        public void DrawWithMarkers(string text, XFont font, double x, double y)
        {
            var small = Font(font.Size * 0.6);
            var start = 0;
            for (var k = 0; k <= text.Length; k++)
            {
                if (k < text.Length && Superscripts.IndexOf(text[k]) < 0)
                {
                    continue;
                }
                var run = text[start..k];
                if (run.Length > 0)
                {
                    Graphics.DrawString(run, font, XBrushes.Black, x, y, XStringFormats.TopLeft);
                    x += Graphics.MeasureString(run, font).Width;
                }
                var digits = new StringBuilder();
                while (k < text.Length && Superscripts.IndexOf(text[k]) >= 0)
                {
                    digits.Append((char)('0' + Superscripts.IndexOf(text[k])));
                    k++;
                }
                if (digits.Length > 0)
                {
                    Graphics.DrawString(digits.ToString(), small, XBrushes.Black, x, y - font.Size * 0.1, XStringFormats.TopLeft);
                    x += Graphics.MeasureString(digits.ToString(), small).Width;
                }
                start = k;
                if (k < text.Length && Superscripts.IndexOf(text[k]) < 0)
                {
                    k--;
                }
            }
        }

        public double Centered(string text, XFont font, double x, double width, double y)
        {
            Graphics.DrawString(text, font, XBrushes.Black, new XRect(x, y, width, font.GetHeight()), XStringFormats.TopCenter);
            return y + font.GetHeight() * 1.15;
        }

        public List<string> Wrap(string text, XFont font, double width, bool first = false)
        {
            var lines = new List<string>();
            var current = string.Empty;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = current.Length == 0 ? word : current + " " + word;
                var limit = first && lines.Count > 0 ? width + 28 : width;
                if (current.Length > 0 && Graphics.MeasureString(candidate, font).Width > limit)
                {
                    lines.Add(current);
                    current = word;
                }
                else
                {
                    current = candidate;
                }
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
            return lines;
        }

        private void NewPage()
        {
            var page = _document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            Graphics = XGraphics.FromPdfPage(page);
            Y = Top;
        }
    }
}
