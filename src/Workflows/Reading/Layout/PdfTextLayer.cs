using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Exceptions;

namespace Workflows.Reading.Layout;

/// <summary>
/// Reads a PDF's text layer with PdfPig into placed words and rules (points from the page's top-left corner).
/// Letters raised above their line in a smaller size (footnote markers) become superscript digits.
/// </summary>
internal static class PdfTextLayer
{
    /// <summary>Below this many letters per page on average, the PDF is taken as a scan without a text layer.</summary>
    public const int MinLettersPerPage = 20;

    public static bool IsPdf(ReadOnlySpan<byte> content)
    {
        var i = content.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < content.Length && i < 1024 && content[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }
        return content[i..].StartsWith("%PDF"u8);
    }

    /// <summary>The pages of the PDF; an empty list when it has no text layer (a scan).</summary>
    /// <exception cref="PlanReadException">Encrypted (code <c>pdf-encrypted</c>) or damaged (<c>invalid-pdf</c>).</exception>
    public static List<PlacedPage> Read(ReadOnlySpan<byte> content, string name, out int pageCount)
    {
        try
        {
            using var document = PdfDocument.Open(content.ToArray(), new ParsingOptions { UseLenientParsing = true, SkipMissingFonts = true });
            pageCount = document.NumberOfPages;
            var pages = new List<PlacedPage>(pageCount);
            var letters = 0;
            foreach (var page in document.GetPages())
            {
                var placed = Place(page);
                letters += placed.Words.Sum(w => w.Text.Length);
                pages.Add(placed);
            }
            return letters < MinLettersPerPage * Math.Max(pageCount, 1) ? [] : pages;
        }
        catch (PdfDocumentEncryptedException ex)
        {
            throw new PlanReadException(PlanReadErrorCodes.PdfEncrypted,
                $"'{name}' is a password-protected PDF; upload a copy without a password. / Tệp '{name}' là PDF có mật khẩu; hãy tải lên bản không đặt mật khẩu.", ex);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException and not PlanReadException)
        {
            throw new PlanReadException(PlanReadErrorCodes.InvalidPdf,
                $"'{name}' is a damaged PDF that cannot be read. / Tệp PDF '{name}' bị hỏng, không đọc được.", ex);
        }
    }

    private static PlacedPage Place(Page page)
    {
        var height = page.Height;
        var rules = new List<PlacedRule>();
        foreach (var path in page.Paths)
        {
            if (path.GetBoundingRectangle() is { } r)
            {
                rules.Add(new PlacedRule(r.Left, height - r.Top, r.Right, height - r.Bottom));
            }
        }

        var letters = page.Letters
            .Where(l => l.TextOrientation == TextOrientation.Horizontal && l.Value.Length > 0)
            .Select(l => new Glyph(l.Value, l.StartBaseLine.X, Math.Max(l.EndBaseLine.X, l.StartBaseLine.X + l.Width), height - l.StartBaseLine.Y, l.PointSize))
            .OrderBy(g => g.Baseline)
            .ToList();

        // Lines by baseline; raised smaller digits join the line below them.
        var lines = new List<List<Glyph>>();
        foreach (var g in letters)
        {
            if (lines.Count > 0 && g.Baseline - lines[^1][0].Baseline <= 1.0)
            {
                lines[^1].Add(g);
            }
            else
            {
                lines.Add([g]);
            }
        }
        for (var i = lines.Count - 2; i >= 0; i--)
        {
            var line = lines[i];
            var below = lines[i + 1];
            var size = MainSize(below);
            if (line.All(g => char.IsDigit(g.Value[0]) || g.Value == " ") && line.Max(g => g.Size) < size * 0.85
                && below[0].Baseline - line[0].Baseline <= size * 0.6)
            {
                below.AddRange(line.Select(g => g with { Value = char.IsDigit(g.Value[0]) ? Superscript(g.Value) : g.Value, Baseline = below[0].Baseline }));
                lines.RemoveAt(i);
            }
        }

        var words = new List<PlacedWord>();
        foreach (var line in lines)
        {
            line.Sort((a, b) => a.Left.CompareTo(b.Left));
            var size = MainSize(line);
            var baseline = line.Where(g => Math.Abs(g.Size - size) < 0.5).Select(g => g.Baseline).DefaultIfEmpty(line[0].Baseline).First();
            var sb = new StringBuilder();
            double left = 0, right = 0;
            foreach (var g in line)
            {
                var gap = sb.Length == 0 ? 0 : g.Left - right;
                if (string.IsNullOrWhiteSpace(g.Value) || gap > size * 0.22)
                {
                    if (sb.Length > 0)
                    {
                        words.Add(new PlacedWord(left, right, baseline, size, sb.ToString()));
                        sb.Clear();
                    }
                    if (string.IsNullOrWhiteSpace(g.Value))
                    {
                        continue;
                    }
                }
                if (sb.Length == 0)
                {
                    left = g.Left;
                }
                sb.Append(g.Value);
                right = g.Right;
            }
            if (sb.Length > 0)
            {
                words.Add(new PlacedWord(left, right, baseline, size, sb.ToString()));
            }
        }
        return new PlacedPage(page.Width, height, words, rules);
    }

    private static double MainSize(List<Glyph> line) =>
        line.Where(g => char.IsLetter(g.Value[0])).DefaultIfEmpty(line[0]).GroupBy(g => Math.Round(g.Size * 2) / 2).MaxBy(g => g.Count())!.Key;

    private static string Superscript(string digits)
    {
        var sb = new StringBuilder(digits.Length);
        foreach (var c in digits)
        {
            sb.Append(c switch { '1' => '¹', '2' => '²', '3' => '³', _ => (char)('⁰' + (c - '0')) });
        }
        return sb.ToString();
    }

    private sealed record Glyph(string Value, double Left, double Right, double Baseline, double Size);
}
