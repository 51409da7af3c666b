using System.Diagnostics;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using Workflows.Plans.Documents;
using Xunit;

namespace Workflows.IntegrationTests.Documents;

/// <summary>
/// What a recipient sees when the issued PDF is printed or shown: letters are checked as pixels rendered by Poppler
/// (<c>pdftoppm</c>), not through the text layer, which stays right even when a glyph is drawn without its marks (as
/// PDFsharp's font subset did with DejaVu's composite glyphs: "Kế hoạch" drawn as "Ke hoach").
/// </summary>
public sealed class IssuedPdfLetterTests
{
    [Theory]
    [InlineData("ạ", "a")]
    [InlineData("ế", "ê")]
    [InlineData("ệ", "ê")]
    [InlineData("ị", "i")]
    [InlineData("ọ", "o")]
    [InlineData("ộ", "ô")]
    [InlineData("ứ", "ư")]
    [InlineData("ự", "ư")]
    [InlineData("ặ", "ă")]
    [InlineData("Ộ", "Ô")]
    [InlineData("Ự", "Ư")]
    public async Task A_letter_with_its_marks_is_drawn_with_more_ink_than_the_bare_letter(string letter, string bare)
    {
        var marked = await InkAsync(string.Concat(Enumerable.Repeat(letter, 20)));
        var plain = await InkAsync(string.Concat(Enumerable.Repeat(bare, 20)));

        Assert.True(marked > plain * 1.01, $"'{letter}' is drawn with {marked} dark pixels, '{bare}' with {plain}: its mark is missing");
    }

    /// <summary>Dark pixels of one page on which the text is drawn in the document's regular and bold faces.</summary>
    private static async Task<long> InkAsync(string text)
    {
        var work = Directory.CreateTempSubdirectory("issued-letters-");
        try
        {
            DocumentFonts.Ensure();
            var pdf = Path.Combine(work.FullName, "page.pdf");
            using (var document = new PdfDocument())
            {
                var page = document.AddPage();
                using (var graphics = XGraphics.FromPdfPage(page))
                {
                    graphics.DrawString(text, PlanPdfWriter.Font(16), XBrushes.Black, 40, 60, XStringFormats.TopLeft);
                    graphics.DrawString(text, PlanPdfWriter.Font(16, XFontStyleEx.Bold), XBrushes.Black, 40, 100, XStringFormats.TopLeft);
                }
                document.Save(pdf);
            }
            var start = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true };
            foreach (var argument in new[] { "-r", "100", "-gray", "-singlefile", pdf, Path.Combine(work.FullName, "page") })
                start.ArgumentList.Add(argument);
            using var process = Process.Start(start)!;
            var errors = await process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            Assert.True(process.ExitCode == 0, "pdftoppm: " + errors);
            var pgm = await File.ReadAllBytesAsync(Path.Combine(work.FullName, "page.pgm"));
            return pgm.AsSpan(HeaderLength(pgm)).ToArray().LongCount(b => b < 128);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    /// <summary>Length of a binary PGM header: "P5", width, height and maximum value, each followed by one blank.</summary>
    private static int HeaderLength(byte[] pgm)
    {
        var fields = 0;
        var i = 0;
        while (fields < 4)
        {
            while (char.IsWhiteSpace((char)pgm[i])) i++;
            while (!char.IsWhiteSpace((char)pgm[i])) i++;
            fields++;
        }
        return i + 1;
    }
}
