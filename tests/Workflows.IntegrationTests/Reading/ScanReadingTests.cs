using Microsoft.Extensions.Options;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;
using Workflows.Kernel.Plans;
using Workflows.Plans.Documents;
using Workflows.Reading;
using Workflows.Scanning;

namespace Workflows.IntegrationTests.Reading;

/// <summary>Scans read by OCR: the refusals that come before any page is read.</summary>
public sealed class ScanReadingTests
{
    private static string Sample(string fileName) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Workflows.UnitTests", "Reading", "Samples", fileName);

    private static ScanReader Reader(Action<ScanOptions>? change = null)
    {
        var options = new ScanOptions();
        change?.Invoke(options);
        return new ScanReader(Options.Create(options), Options.Create(OcrFieldCheck.Organisation()), TimeProvider.System);
    }

    [Fact]
    public async Task A_photo_read_without_tesseract_names_the_packages_to_install()
    {
        var png = await Scans.Png(PlanPdfLayout.FromText(await File.ReadAllTextAsync(Sample("xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt"))), 100);

        var ex = await Assert.ThrowsAsync<PlanReadException>(() =>
            Reader(o => o.TesseractPath = "/nonexistent/tesseract").ReadAsync(png, "anh.png", null, CancellationToken.None));

        Assert.Equal("ocr-unavailable", ex.Code);
        Assert.Contains("tesseract-ocr-vie", ex.Message);
    }

    [Fact]
    public async Task A_scan_over_the_page_limit_is_refused_before_any_ocr()
    {
        var pdf = PlanPdfLayout.FromText(await File.ReadAllTextAsync(RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt")));
        var scan = await Scans.ImageOnlyPdf(pdf, 50, 0);

        var ex = await Assert.ThrowsAsync<PlanReadException>(() =>
            Reader(o => { o.MaxPages = 2; o.TesseractPath = "/nonexistent/tesseract"; }).ReadAsync(scan, "dai.pdf", null, CancellationToken.None));

        Assert.Equal("too-many-pages", ex.Code);
        Assert.Contains("quá giới hạn 2 trang", ex.Message);
    }
}
