using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Workflows.Plans.Documents;

/// <summary>
/// Lays a plan out as a PDF in the Nghị định 30/2020 layout (Phụ lục I; A4, margins 20/20/30/20 mm): the two-column
/// header (parent body and body, number line | national motto, place and date line), type and subject, the body,
/// Nơi nhận beside the signer block. The number and date are printed as given by <see cref="PlanDocument"/> — blank
/// before numbering — and their positions are returned for the stamp.
/// </summary>
internal static class PlanPdfWriter
{
    private const double PageWidth = 595.28, PageHeight = 841.89;
    private const double Left = 85.04, Right = 56.69, Top = 56.69, Bottom = 56.69;
    private const double HeaderLeftWidth = 215;
    private const double HeaderFontSize = 11;

    /// <summary>The PDF (unsigned) and where its blanks are.</summary>
    public static (byte[] Pdf, StampGeometry Geometry) Write(PlanDocument plan)
    {
        DocumentFonts.Ensure();
        using var document = new PdfDocument();
        document.Info.Title = $"{plan.TypeName ?? "Văn bản"} {plan.Subject}".Trim();
        document.Info.Creator = "Workflows";
        var writer = new Cursor(document);
        var rightX = Left + HeaderLeftWidth;
        var rightWidth = PageWidth - Right - rightX;
        var regular = Font(HeaderFontSize);
        var bold = Font(HeaderFontSize, XFontStyleEx.Bold);

        // Header: the body (left) and the motto (right), side by side.
        var top = writer.Y;
        var leftY = top;
        if (!string.IsNullOrWhiteSpace(plan.IssuerParent))
            leftY = writer.Centered(plan.IssuerParent.ToUpperInvariant(), regular, Left, HeaderLeftWidth, leftY);
        leftY = writer.Centered(plan.IssuerName.ToUpperInvariant(), bold, Left, HeaderLeftWidth, leftY);
        writer.Graphics.DrawLine(XPens.Black, Left + HeaderLeftWidth / 2 - 30, leftY + 2, Left + HeaderLeftWidth / 2 + 30, leftY + 2);
        var motto = Fit("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", XFontStyleEx.Bold, rightWidth, writer.Graphics);
        var rightY = writer.Centered("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", motto, rightX, rightWidth, top);
        var slogan = Font(HeaderFontSize + 0.5, XFontStyleEx.Bold);
        var sloganWidth = writer.Graphics.MeasureString("Độc lập - Tự do - Hạnh phúc", slogan).Width;
        rightY = writer.Centered("Độc lập - Tự do - Hạnh phúc", slogan, rightX, rightWidth, rightY);
        writer.Graphics.DrawLine(XPens.Black, rightX + (rightWidth - sloganWidth) / 2, rightY + 1, rightX + (rightWidth + sloganWidth) / 2, rightY + 1);

        var lineY = Math.Max(leftY, rightY) + 8;
        var numberHeight = regular.GetHeight();
        writer.Centered(plan.NumberLine, regular, Left, HeaderLeftWidth, lineY);
        var italic = Font(HeaderFontSize, XFontStyleEx.Italic);
        writer.Centered(plan.PlaceDate, italic, rightX, rightWidth, lineY);
        var numberBox = ToPdf(0, Left, lineY - 1, HeaderLeftWidth, numberHeight + 2);
        var dateBox = ToPdf(0, rightX, lineY - 1, rightWidth, numberHeight + 2);
        writer.Y = lineY + numberHeight + 18;

        // Type and subject, centred, then the body.
        var width = PageWidth - Left - Right;
        if (plan.TypeName is not null) writer.Y = writer.Centered(plan.TypeName, Font(13, XFontStyleEx.Bold), Left, width, writer.Y);
        foreach (var line in Wrap(plan.Subject, Font(12, XFontStyleEx.Bold), width - 60, writer.Graphics))
            writer.Y = writer.Centered(line, Font(12, XFontStyleEx.Bold), Left, width, writer.Y);
        writer.Graphics.DrawLine(XPens.Black, Left + width / 2 - 40, writer.Y + 3, Left + width / 2 + 40, writer.Y + 3);
        writer.Y += 14;
        var body = Font(11.5);
        var mark = Font(7.5);
        for (var p = 0; p < plan.Paragraphs.Count; p++)
        {
            var lines = WrapRuns(plan.RunsOf(p), body, mark, width - 28, width, writer.Graphics);
            for (var i = 0; i < lines.Count; i++)
            {
                writer.Room(body.GetHeight() * 1.3);
                DrawRuns(writer.Graphics, lines[i], body, mark, Left + (i == 0 ? 28 : 0), writer.Y);
                writer.Y += body.GetHeight() * 1.3;
            }
            writer.Y += 3;
        }

        // The footnotes at the end of the body, under a short rule, each after its raised number (Nghị định 30/2020, Phụ lục I).
        if (plan.Footnotes.Count > 0)
        {
            var note = Font(9.5);
            writer.Y += 6;
            writer.Room(note.GetHeight() * 2 + 6);
            writer.Graphics.DrawLine(XPens.Black, Left, writer.Y, Left + width / 3, writer.Y);
            writer.Y += 4;
            foreach (var footnote in plan.Footnotes)
            {
                var lines = WrapRuns([new BodyRun("", footnote.Marker), new BodyRun(" " + footnote.Text, null)], note, mark, width, width, writer.Graphics);
                foreach (var line in lines)
                {
                    writer.Room(note.GetHeight() * 1.15);
                    DrawRuns(writer.Graphics, line, note, mark, Left, writer.Y);
                    writer.Y += note.GetHeight() * 1.15;
                }
            }
        }

        // Nơi nhận (left) beside the signer block (right); the signature's space between the titles and the name.
        writer.Y += 10;
        writer.Room(200);
        var blockTop = writer.Y;
        var recipientsFont = Font(9.5);
        var y = blockTop;
        writer.Graphics.DrawString("Nơi nhận:", Font(10, XFontStyleEx.BoldItalic), XBrushes.Black, Left, y, XStringFormats.TopLeft);
        y += 13;
        foreach (var recipient in plan.Recipients)
            foreach (var line in Wrap(recipient, recipientsFont, HeaderLeftWidth - 10, writer.Graphics))
            {
                if (y > PageHeight - Bottom - 12) break;
                writer.Graphics.DrawString(line, recipientsFont, XBrushes.Black, Left, y, XStringFormats.TopLeft);
                y += recipientsFont.GetHeight() * 1.15;
            }
        var signerY = writer.Centered(plan.SignerTitle, bold, rightX, rightWidth, blockTop);
        if (!string.IsNullOrWhiteSpace(plan.SignerSecondTitle)) signerY = writer.Centered(plan.SignerSecondTitle, bold, rightX, rightWidth, signerY);
        var signatureBox = ToPdf(writer.PageIndex, rightX - 30, signerY + 4, rightWidth + 20, 104);
        writer.Centered(plan.SignerName, bold, rightX, rightWidth, signerY + 112);

        writer.Graphics.Dispose();
        using var output = new MemoryStream();
        document.Save(output);
        return (output.ToArray(), new StampGeometry(numberBox, dateBox, signatureBox, HeaderFontSize));
    }

    /// <summary>
    /// A font of the document's family; Unicode encoding (Identity-H with a ToUnicode map, so text is extractable), a
    /// subset of the glyphs used embedded. The faces' composite glyphs are flattened (see <see cref="DocumentFonts"/>):
    /// PDFsharp 6.2.4's subset adds only a composite's direct parts, and drew "ạ", "ế", "ộ", "ự" of the system's DejaVu
    /// as "a", "e", "o".
    /// </summary>
    internal static XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) =>
        new(DocumentFonts.Family, size, style, new XPdfFontOptions(PdfFontEncoding.Unicode, PdfFontEmbedding.TryComputeSubset));

    private static XFont Fit(string text, XFontStyleEx style, double width, XGraphics graphics)
    {
        var size = HeaderFontSize;
        while (size > 7 && graphics.MeasureString(text, Font(size, style)).Width > width) size -= 0.25;
        return Font(size, style);
    }

    private static PdfBox ToPdf(int page, double x, double yTop, double width, double height) =>
        new(page, x, PageHeight - yTop - height, width, height);

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="width"/> points, at spaces.</summary>
    internal static List<string> Wrap(string text, XFont font, double width, XGraphics graphics)
    {
        var lines = new List<string>();
        var current = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && graphics.MeasureString(candidate, font).Width > width)
            {
                lines.Add(current);
                current = word;
            }
            else current = candidate;
        }
        if (current.Length > 0) lines.Add(current);
        return lines;
    }

    /// <summary>
    /// Breaks runs of text and raised footnote marks into lines at spaces: the first no wider than
    /// <paramref name="firstWidth"/> points, the others than <paramref name="width"/>; a mark stays on its word's line.
    /// Each line is a list of pieces (text, raised).
    /// </summary>
    private static List<List<(string Text, bool Raised)>> WrapRuns(IReadOnlyList<BodyRun> runs, XFont font, XFont mark, double firstWidth, double width, XGraphics graphics)
    {
        // Words: pieces between spaces, a mark joined to the word before it.
        var words = new List<List<(string Text, bool Raised)>>();
        var open = false;
        foreach (var run in runs)
        {
            var parts = run.Text.Split(' ');
            for (var k = 0; k < parts.Length; k++)
            {
                if (k > 0) open = false;
                if (parts[k].Length == 0) continue;
                if (open) words[^1].Add((parts[k], false));
                else words.Add([(parts[k], false)]);
                open = true;
            }
            if (run.Marker is { } m)
            {
                if (words.Count == 0) words.Add([]);
                words[^1].Add((m, true));
                open = true;
            }
        }
        double Measure(List<(string Text, bool Raised)> word) => word.Sum(x => graphics.MeasureString(x.Text, x.Raised ? mark : font).Width);
        var space = graphics.MeasureString(" ", font).Width;
        var lines = new List<List<(string Text, bool Raised)>>();
        var current = new List<(string Text, bool Raised)>();
        var used = 0.0;
        foreach (var word in words)
        {
            var w = Measure(word);
            var limit = lines.Count == 0 ? firstWidth : width;
            if (current.Count > 0 && used + space + w > limit)
            {
                lines.Add(current);
                current = [];
                used = 0;
            }
            if (current.Count > 0)
            {
                current.Add((" ", false));
                used += space;
            }
            current.AddRange(word);
            used += w;
        }
        if (current.Count > 0) lines.Add(current);
        return lines;
    }

    /// <summary>Draws one line of pieces from (x, y top); a raised piece in the smaller font, its top level with the line's, so it sits above the base line.</summary>
    private static void DrawRuns(XGraphics graphics, List<(string Text, bool Raised)> line, XFont font, XFont mark, double x, double y)
    {
        foreach (var (text, raised) in line)
        {
            var f = raised ? mark : font;
            graphics.DrawString(text, f, XBrushes.Black, x, y, XStringFormats.TopLeft);
            x += graphics.MeasureString(text, f).Width;
        }
    }

    /// <summary>The page being written and the vertical position on it (top-down, points).</summary>
    private sealed class Cursor
    {
        private readonly PdfDocument _document;

        public Cursor(PdfDocument document)
        {
            _document = document;
            NewPage();
        }

        public XGraphics Graphics { get; private set; } = null!;

        public double Y { get; set; }

        public int PageIndex => _document.PageCount - 1;

        /// <summary>Starts a new page when less than <paramref name="height"/> points are left.</summary>
        public void Room(double height)
        {
            if (Y + height <= PageHeight - Bottom) return;
            Graphics.Dispose();
            NewPage();
        }

        /// <summary>Draws one line centred in the column; returns the y below it.</summary>
        public double Centered(string text, XFont font, double x, double width, double y)
        {
            Graphics.DrawString(text, font, XBrushes.Black, new XRect(x, y, width, font.GetHeight()), XStringFormats.TopCenter);
            return y + font.GetHeight();
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
