using System.Diagnostics;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Workflows.Kernel.Plans;

namespace Workflows.IntegrationTests.Reading;

/// <summary>Makes scans of a PDF with the tools an office's scanner software stands in for, and lists the fields an
/// OCR reading is checked on.</summary>
internal static class Scans
{
    /// <summary>pdftoppm at <paramref name="dpi"/> in grey (after turning each page by <paramref name="degrees"/>), then img2pdf.</summary>
    public static async Task<byte[]> ImageOnlyPdf(byte[] pdf, int dpi, double degrees)
    {
        var work = Directory.CreateTempSubdirectory("scan-").FullName;
        try
        {
            var input = Path.Combine(work, "in.pdf");
            await File.WriteAllBytesAsync(input, degrees == 0 ? pdf : Rotate(pdf, input, degrees));
            await Run("pdftoppm", "-r", $"{dpi}", "-gray", "-png", input, Path.Combine(work, "page"));
            var pages = Directory.GetFiles(work, "page*.png").Order().ToList();
            var output = Path.Combine(work, "scan.pdf");
            await Run("img2pdf", [.. pages, "--output", output]);
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

    /// <summary>One checked field: its name, whether OCR read it as the text did, and the warning words that cover a miss.</summary>
    public sealed record Field(string Name, string? Expected, string? Actual, string[] Warnings)
    {
        public bool Equal => Expected == Actual;
    }

    public static List<Field> Checked(PlanFields expected, PlanFields read)
    {
        var fields = new List<Field>
        {
            new("type", expected.DocumentType, read.DocumentType, ["loại văn bản"]),
            new("symbol", expected.Symbol, read.Symbol, ["số, ký hiệu", "chưa có số"]),
            new("issuer parent", expected.Issuer.Parent, read.Issuer.Parent, ["cơ quan ban hành", "phần đầu"]),
            new("issuer", expected.Issuer.Name, read.Issuer.Name, ["cơ quan ban hành", "phần đầu"]),
            new("place", expected.Place, read.Place, ["địa danh", "phần đầu"]),
            new("issued on", $"{expected.IssuedOn:yyyy-MM-dd}", $"{read.IssuedOn:yyyy-MM-dd}", ["ngày tháng", "ngày ban hành", "phần đầu"]),
            new("subject", expected.Subject, read.Subject, ["trích yếu"]),
            new("signer form", expected.Signer?.Form, read.Signer?.Form, ["người ký"]),
            new("signer title", expected.Signer?.Title, read.Signer?.Title, ["người ký"]),
            new("signer second title", expected.Signer?.SecondTitle, read.Signer?.SecondTitle, ["người ký"]),
            new("signer name", expected.Signer?.Name, read.Signer?.Name, ["người ký", "họ tên"]),
        };
        foreach (var r in expected.Recipients)
        {
            var found = read.Recipients.Any(x => x.Name == r.Name && x.Kind == r.Kind);
            fields.Add(new($"recipient {r.Name}", r.Name, found ? r.Name : null, ["nơi nhận"]));
        }
        for (var i = 0; i < expected.ReportingDuties.Count; i++)
        {
            var e = expected.ReportingDuties[i];
            var a = i < read.ReportingDuties.Count ? read.ReportingDuties[i] : null;
            string[] w = ["nghĩa vụ báo cáo"];
            fields.Add(new($"duty {i + 1} reporter", e.Reporter, a?.Reporter, w));
            fields.Add(new($"duty {i + 1} recipient", e.Recipient, a?.Recipient, w));
            fields.Add(new($"duty {i + 1} frequency", $"{e.Frequency}", $"{a?.Frequency}", w));
            fields.Add(new($"duty {i + 1} day", $"{e.DueDay}", $"{a?.DueDay}", w));
            fields.Add(new($"duty {i + 1} months", e.Months is null ? null : string.Join(",", e.Months), a?.Months is null ? null : string.Join(",", a.Months), w));
            fields.Add(new($"duty {i + 1} date", $"{e.DueDate}", $"{a?.DueDate}", w));
        }
        return fields;
    }
}
