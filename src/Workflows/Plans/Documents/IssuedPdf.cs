using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace Workflows.Plans.Documents;

/// <summary>
/// The two changes the issued PDF goes through. <see cref="Prepare"/>, before the signer's signature: prints the
/// signer's visible block and keeps on each page to be stamped an empty-looking content stream whose font already holds
/// every glyph the stamp may need (the file may still be rewritten). <see cref="Stamp"/>, after it: the clerk's number
/// and date and the body's visible block, written as a new version of those streams appended to the file (an
/// incremental update, ISO 32000-1, 7.5.6), so the signer's signature stays valid.
/// </summary>
internal static partial class IssuedPdf
{
    /// <summary>Every character the stamp may print besides the texts given to <see cref="Prepare"/>.</summary>
    private const string Digits = "0123456789 /-:+.,()TSốngàythánămKýbởiờơquaThờigiankýsố";

    /// <summary>Prints <paramref name="signer"/>'s block and prepares the stamp slots; returns the PDF (unsigned) and its plan.</summary>
    /// <param name="pdf">The laid-out or converted PDF, not yet signed.</param>
    /// <param name="geometry">Its blanks.</param>
    /// <param name="signer">The signer's visible block.</param>
    /// <param name="stampTexts">The texts numbering will print, with any digits (only their characters matter).</param>
    public static (byte[] Pdf, StampPlan Plan) Prepare(byte[] pdf, StampGeometry geometry, VisibleSignature signer, IEnumerable<string> stampTexts)
    {
        DocumentFonts.Ensure();
        using var input = new MemoryStream(pdf);
        using var document = PdfReader.Open(input, PdfDocumentOpenMode.Modify);
        var block = geometry.SignerBlock;
        var signerPage = document.Pages[Math.Min(block.Page, document.PageCount - 1)];
        using (var graphics = XGraphics.FromPdfPage(signerPage, XGraphicsPdfPageOptions.Append))
            DrawBlock(graphics, signerPage, HeadBox(block), signer);

        var carrier = string.Concat(stampTexts) + Digits;
        var pages = new[] { geometry.NumberLine.Page, block.Page }.Distinct().Where(p => p < document.PageCount).ToList();
        foreach (var index in pages)
        {
            // A content stream of its own on the page, last in /Contents: numbering replaces it. Until then it prints the
            // carrier in white at 1 pt in the corner, which puts every glyph the stamp may need into the font subset.
            using var graphics = XGraphics.FromPdfPage(document.Pages[index], XGraphicsPdfPageOptions.Append);
            graphics.DrawString(carrier, PlanPdfWriter.Font(1), XBrushes.White, 0, 1, XStringFormats.TopLeft);
        }
        DeclareSigningFont(document);
        using var prepared = new MemoryStream();
        document.Save(prepared);
        var bytes = prepared.ToArray();

        using var reread = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        var slots = pages.Select(index => Slot(reread.Pages[index], index, carrier)).ToList();
        return (bytes, new StampPlan(geometry, slots));
    }

    /// <summary>
    /// Appends to the signed <paramref name="pdf"/> an incremental update that prints <paramref name="numberLine"/> and
    /// <paramref name="dateLine"/> over the blanks and <paramref name="body"/>'s block beside the signer's.
    /// </summary>
    /// <exception cref="InvalidOperationException">A character the prepared font lacks, or a file whose trailer cannot be read.</exception>
    public static byte[] Stamp(byte[] pdf, StampPlan plan, string numberLine, string dateLine, VisibleSignature body)
    {
        DocumentFonts.Ensure();
        var g = plan.Geometry;
        var streams = new Dictionary<int, string>();
        foreach (var slot in plan.Slots)
        {
            var content = new StringBuilder("q\n");
            if (slot.Page == g.NumberLine.Page)
            {
                Line(content, slot, g.NumberLine, numberLine, g.FontSize, italic: false);
                Line(content, slot, g.DateLine, dateLine, g.FontSize, italic: true);
            }
            if (slot.Page == g.SignerBlock.Page) Block(content, slot, BodyBox(g.SignerBlock), body);
            content.Append("Q\n");
            streams[slot.ObjectNumber] = content.ToString();
        }
        return IncrementalUpdate.Append(pdf, streams);
    }

    /// <summary>Finds the blanks in a PDF converted from a <c>.docx</c> (words read with PdfPig); defaults where a line is missing.</summary>
    /// <param name="pdf">The converted PDF.</param>
    /// <param name="signerTitle">The first title line of the signer block, to find the signature's space.</param>
    public static StampGeometry Locate(byte[] pdf, string signerTitle)
    {
        using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
        var first = document.GetPage(1);
        var lines = Lines(first);
        var number = lines.FirstOrDefault(l => NumberLine().IsMatch(l.Text));
        var date = lines.FirstOrDefault(l => DateLine().IsMatch(l.Text));
        var height = first.Height;
        var numberBox = number?.Box(0) ?? new PdfBox(0, 57, height - 42, 220, 14);
        var dateBox = date?.Box(0) ?? new PdfBox(0, first.Width - 300, height - 42, 260, 14);
        var size = number?.Size ?? date?.Size ?? 12;

        var lastIndex = document.NumberOfPages;
        var last = document.GetPage(lastIndex);
        var title = Lines(last).LastOrDefault(l => l.Text.Contains(signerTitle.Trim(), StringComparison.OrdinalIgnoreCase));
        var signer = title is null
            ? new PdfBox(lastIndex - 1, last.Width - 330, 90, 290, 104)
            : new PdfBox(lastIndex - 1, title.Left + title.Width / 2 - 150, Math.Max(20, title.Bottom - 130), 300, 104);
        return new StampGeometry(numberBox, dateBox, signer, Math.Round(size, 1));
    }

    /// <summary>
    /// Gives pdfsig the font of the signature fields it adds: Poppler 22.12 looks in the form's default resources for a
    /// font keyed <c>popplerfont…</c> whose BaseFont is "Helvetica " (the family and an empty style) and, finding none,
    /// embeds a whole system font (0.5–1 MB) in the file. Declared here as the standard, never embedded, Helvetica, the
    /// signatures add a few kilobytes each. The fields are invisible (pdfsig 22.12 draws no appearance), so the font is
    /// never drawn.
    /// </summary>
    private static void DeclareSigningFont(PdfDocument document)
    {
        var helvetica = new PdfDictionary(document);
        helvetica.Elements["/Type"] = new PdfName("/Font");
        helvetica.Elements["/Subtype"] = new PdfName("/Type1");
        helvetica.Elements["/BaseFont"] = new PdfName("/Helvetica ");
        helvetica.Elements["/Encoding"] = new PdfName("/WinAnsiEncoding");
        document.Internals.AddObject(helvetica);
        var fonts = new PdfDictionary(document);
        fonts.Elements["/popplerfont"] = helvetica.Reference;
        var resources = new PdfDictionary(document);
        resources.Elements["/Font"] = fonts;
        var form = new PdfDictionary(document);
        form.Elements["/Fields"] = new PdfArray(document);
        form.Elements["/DR"] = resources;
        form.Elements["/DA"] = new PdfString("/popplerfont 0 Tf 0 g");
        document.Internals.AddObject(form);
        document.Internals.Catalog.Elements["/AcroForm"] = form.Reference;
    }

    private static PdfBox HeadBox(PdfBox block) => new(block.Page, block.Left + block.Width * 0.30, block.Bottom + block.Height * 0.45, block.Width * 0.70, block.Height * 0.55);

    private static PdfBox BodyBox(PdfBox block) => new(block.Page, block.Left, block.Bottom, block.Width * 0.66, block.Height * 0.5);

    private static void DrawBlock(XGraphics graphics, PdfPage page, PdfBox box, VisibleSignature signature)
    {
        var top = page.Height.Point - box.Bottom - box.Height;
        var color = signature.Seal ? XColor.FromArgb(200, 0, 0) : XColor.FromArgb(0, 60, 170);
        graphics.DrawRectangle(new XPen(color, 0.8), box.Left, top, box.Width, box.Height);
        var font = PlanPdfWriter.Font(FontSize(box, signature));
        var brush = new XSolidBrush(color);
        var y = top + 3;
        foreach (var line in signature.Lines)
        {
            graphics.DrawString(line, font, brush, box.Left + 4, y, XStringFormats.TopLeft);
            y += font.GetHeight();
        }
    }

    /// <summary>The largest size up to 8 pt at which every line fits the box.</summary>
    private static double FontSize(PdfBox box, VisibleSignature signature)
    {
        var widest = signature.Lines.Select(l => Measure.MeasureString(l, PlanPdfWriter.Font(10)).Width / 10).DefaultIfEmpty(1).Max();
        return Math.Min(Math.Min(8, (box.Height - 6) / Math.Max(1, signature.Lines.Count) / 1.17), (box.Width - 8) / widest);
    }

    private static void Block(StringBuilder content, StampSlot slot, PdfBox box, VisibleSignature signature)
    {
        var (r, g, b) = signature.Seal ? (0.78, 0.0, 0.0) : (0.0, 0.235, 0.667);
        content.Append(Invariant($"1 1 1 rg {box.Left:0.##} {box.Bottom:0.##} {box.Width:0.##} {box.Height:0.##} re f\n"));
        content.Append(Invariant($"{r:0.###} {g:0.###} {b:0.###} RG 0.8 w {box.Left:0.##} {box.Bottom:0.##} {box.Width:0.##} {box.Height:0.##} re S\n"));
        var size = FontSize(box, signature);
        var lineHeight = size * 1.17;
        var y = box.Bottom + box.Height - 3 - size;
        foreach (var line in signature.Lines)
        {
            content.Append(Invariant($"{r:0.###} {g:0.###} {b:0.###} rg BT /{slot.FontName} {size:0.##} Tf {box.Left + 4:0.##} {y:0.##} Td <{Glyphs(slot, line)}> Tj ET\n"));
            y -= lineHeight;
        }
    }

    /// <summary>Covers the blank line in white and prints <paramref name="text"/> centred on it.</summary>
    private static void Line(StringBuilder content, StampSlot slot, PdfBox box, string text, double size, bool italic)
    {
        var width = Measure.MeasureString(text, PlanPdfWriter.Font(size)).Width;
        var x = box.Left + (box.Width - width) / 2;
        content.Append(Invariant($"1 1 1 rg {box.Left - 2:0.##} {box.Bottom - 1:0.##} {box.Width + 4:0.##} {box.Height + 2:0.##} re f\n"));
        // Italic as the date line is printed (Phụ lục I): the regular face slanted by the text matrix, the one font the slot holds.
        var matrix = italic ? "1 0 0.21 1" : "1 0 0 1";
        content.Append(Invariant($"0 0 0 rg BT /{slot.FontName} {size:0.##} Tf {matrix} {x:0.##} {box.Bottom + box.Height * 0.28:0.##} Tm <{Glyphs(slot, text)}> Tj ET\n"));
    }

    private static readonly XGraphics Measure = XGraphics.CreateMeasureContext(new XSize(595, 842), XGraphicsUnit.Point, XPageDirection.Downwards);

    private static string Glyphs(StampSlot slot, string text)
    {
        var hex = new StringBuilder();
        foreach (var rune in text.Normalize(NormalizationForm.FormC).EnumerateRunes())
        {
            if (!slot.Glyphs.TryGetValue(rune.ToString(), out var glyph))
                throw new InvalidOperationException($"Phông chữ của văn bản đã ký thiếu ký tự '{rune}' để in số và ngày.");
            hex.Append(glyph);
        }
        return hex.ToString();
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static StampSlot Slot(PdfPage page, int index, string carrier)
    {
        var contents = page.Contents.Elements;
        var reference = contents[contents.Count - 1] as PdfReference
            ?? throw new InvalidOperationException("Nội dung trang của văn bản không đúng dạng để chuẩn bị in số.");
        var stream = ((PdfDictionary)reference.Value).Stream.UnfilteredValue;
        var fontName = FontOperator().Match(Encoding.Latin1.GetString(stream)) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("Không tìm thấy phông chữ của phần in số.");
        var font = page.Resources.Elements.GetDictionary("/Font")?.Elements.GetDictionary("/" + fontName)
            ?? throw new InvalidOperationException("Không tìm thấy phông chữ của phần in số trong tài nguyên trang.");
        var toUnicode = font.Elements.GetDictionary("/ToUnicode")?.Stream.UnfilteredValue
            ?? throw new InvalidOperationException("Phông chữ của phần in số không có bảng ToUnicode.");
        var glyphs = ToUnicodeMap.Invert(Encoding.Latin1.GetString(toUnicode));
        foreach (var rune in carrier.Normalize(NormalizationForm.FormC).EnumerateRunes())
            if (!glyphs.ContainsKey(rune.ToString()))
                throw new InvalidOperationException($"Phông chữ DejaVu Serif thiếu ký tự '{rune}'.");
        return new StampSlot(index, reference.ObjectNumber, fontName, glyphs);
    }

    private static List<TextLine> Lines(UglyToad.PdfPig.Content.Page page)
    {
        var lines = new List<TextLine>();
        foreach (var word in page.GetWords().OrderByDescending(w => w.BoundingBox.Bottom).ThenBy(w => w.BoundingBox.Left))
        {
            var line = lines.FirstOrDefault(l => Math.Abs(l.Baseline - word.BoundingBox.Bottom) < 2.5);
            if (line is null) lines.Add(line = new TextLine(word.BoundingBox.Bottom));
            line.Words.Add(word);
        }
        foreach (var line in lines) line.Words.Sort((a, b) => a.BoundingBox.Left.CompareTo(b.BoundingBox.Left));
        return lines;
    }

    /// <summary>Words on one baseline.</summary>
    private sealed class TextLine(double baseline)
    {
        public double Baseline { get; } = baseline;

        public List<UglyToad.PdfPig.Content.Word> Words { get; } = [];

        public string Text => string.Join(" ", Words.Select(w => w.Text));

        public double Left => Words.Min(w => w.BoundingBox.Left);

        public double Width => Words.Max(w => w.BoundingBox.Right) - Left;

        public double Bottom => Words.Min(w => w.BoundingBox.Bottom);

        public double Size => Words[0].Letters.Count > 0 ? Words[0].Letters[0].PointSize : 12;

        public PdfBox Box(int page)
        {
            var top = Words.Max(w => w.BoundingBox.Top);
            var bottom = Bottom - Size * 0.3;
            return new PdfBox(page, Left - 1, bottom, Width + 2, top - bottom + 1);
        }
    }

    [GeneratedRegex(@"/([A-Za-z0-9_\-\.]+)\s+[0-9.]+\s+Tf")]
    private static partial Regex FontOperator();

    [GeneratedRegex(@"^\s*Số\s*:")]
    private static partial Regex NumberLine();

    [GeneratedRegex(@"ngày.*tháng.*năm", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();
}
