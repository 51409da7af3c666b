using System.Diagnostics;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace Workflows.Testing;

/// <summary>Makes scans of a PDF with the tools an office's scanner software stands in for.</summary>
public static class Scans
{
    /// <summary>pdftoppm at <paramref name="dpi"/> in grey (after turning each page by <paramref name="degrees"/>), then img2pdf;
    /// only the <paramref name="pages"/> given (1-based), or every page.</summary>
    public static async Task<byte[]> ImageOnlyPdf(byte[] pdf, int dpi, double degrees, params int[] pages)
    {
        var work = Directory.CreateTempSubdirectory("scan-").FullName;
        try
        {
            var input = Path.Combine(work, "in.pdf");
            await File.WriteAllBytesAsync(input, degrees == 0 ? pdf : Rotate(pdf, input, degrees));
            if (pages.Length == 0)
            {
                await Run("pdftoppm", "-r", $"{dpi}", "-gray", "-png", input, Path.Combine(work, "page"));
            }
            foreach (var page in pages)
            {
                await Run("pdftoppm", "-r", $"{dpi}", "-gray", "-png", "-singlefile", "-f", $"{page}", "-l", $"{page}", input, Path.Combine(work, $"page-{page:000}"));
            }
            var images = Directory.GetFiles(work, "page*.png").Order().ToList();
            var output = Path.Combine(work, "scan.pdf");
            await Run("img2pdf", [.. images, "--output", output]);
            return await File.ReadAllBytesAsync(output);
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    /// <summary>The first page as a PNG at <paramref name="dpi"/>.</summary>
    public static async Task<byte[]> Png(byte[] pdf, int dpi)
    {
        var work = Directory.CreateTempSubdirectory("scan-").FullName;
        try
        {
            var input = Path.Combine(work, "in.pdf");
            await File.WriteAllBytesAsync(input, pdf);
            await Run("pdftoppm", "-r", $"{dpi}", "-png", "-singlefile", input, Path.Combine(work, "page"));
            return await File.ReadAllBytesAsync(Path.Combine(work, "page.png"));
        }
        finally
        {
            Directory.Delete(work, true);
        }
    }

    private static byte[] Rotate(byte[] pdf, string path, double degrees)
    {
        File.WriteAllBytes(path, pdf);
        using var form = XPdfForm.FromFile(path);
        using var document = new PdfDocument();
        for (var i = 0; i < form.PageCount; i++)
        {
            form.PageNumber = i + 1;
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(form.PointWidth);
            page.Height = XUnit.FromPoint(form.PointHeight);
            using var g = XGraphics.FromPdfPage(page);
            g.RotateAtTransform(degrees, new XPoint(form.PointWidth / 2, form.PointHeight / 2));
            g.DrawImage(form, 0, 0);
        }
        using var output = new MemoryStream();
        document.Save(output);
        return output.ToArray();
    }

    private static async Task Run(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{program} failed: {await error}");
    }
}
