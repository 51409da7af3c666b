using System.Text;
using Microsoft.Extensions.Options;
using Workflows.Distribution;
using Workflows.Kernel.Plans;
using Workflows.Reading;
using Workflows.Scanning;
using Xunit.Abstractions;

namespace Workflows.IntegrationTests.Reading;

/// <summary>
/// Scans of printed plans (the PDF laid out from the plan's text as the reader's PDF tests do, rendered by pdftoppm in
/// grey, wrapped back into an image-only PDF by img2pdf) read by Tesseract through <see cref="ScanReader"/>, then
/// checked against a directory holding the plans' recipients and reporters (<see cref="ScanDirectoryCheck"/>, as the
/// upload does): every checked field (<see cref="OcrFieldCheck"/>) equals the value read from the plan's text, or is
/// a miss with a warning naming its field; at most 15 % of the fields are missed. OCR takes seconds a page, so the
/// pages are chosen: the ten one-page sample plans at 300 dpi (every field, duties included), the first and last page
/// of each seed plan (header, Nơi nhận and signer; their duties stand on middle pages), and one sample turned 1° and
/// one at 200 dpi: 18 pages in all. Each document's figures go to the test output.
/// </summary>
public sealed class ScanAccuracyTests(ITestOutputHelper output)
{
    private static readonly string[] SampleNames = System.IO.Directory
        .GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "Workflows.UnitTests", "Reading", "Samples"), "*.txt")
        .Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private sealed record Scan(string Path, int Dpi, double Degrees, bool FirstAndLastPage);

    [Fact]
    public Task The_ten_sample_plans_scanned_at_300_dpi_are_read_with_every_miss_warned_and_at_most_15_percent_missed() =>
        ReadAndCheck(SampleNames.Select(n => new Scan(Sample(n), 300, 0, false)));

    [Fact]
    public Task The_first_and_last_pages_of_the_seed_plans_a_page_turned_1_degree_and_a_200_dpi_scan_are_read_with_every_miss_warned_and_at_most_15_percent_missed() =>
        ReadAndCheck([
            new Scan(RepositoryPaths.Plan("uongbi-2020-82-KH-PGDDT.txt"), 300, 0, true),
            new Scan(RepositoryPaths.Plan("bache-2021-ke-hoach-hanh-dong.txt"), 300, 0, true),
            new Scan(RepositoryPaths.Plan("uongbi-2023-95-KH-PGDDT.txt"), 300, 0, true),
            new Scan(Sample("xa-dondac-2024-12-KH-UBND-tm-chu-tich.txt"), 300, 1.0, false),
            new Scan(Sample("haiha-2024-15-KH-PGDDT-tl-quy.txt"), 200, 0, false),
        ]);

    private async Task ReadAndCheck(IEnumerable<Scan> scans)
    {
        var reader = new ScanReader(Options.Create(new ScanOptions()), Options.Create(OcrFieldCheck.Organisation()), TimeProvider.System);
        int fieldCount = 0, missCount = 0;
        var silent = new List<string>();
        foreach (var scan in scans)
        {
            var name = Path.GetFileName(scan.Path);
            var text = await File.ReadAllTextAsync(scan.Path);
            var expected = new PlanReader().Read(Encoding.UTF8.GetBytes(text), name);
            var pdf = PlanPdfLayout.FromText(text);
            int[] pages = [];
            if (scan.FirstAndLastPage)
            {
                using var document = UglyToad.PdfPig.PdfDocument.Open(pdf);
                pages = [1, document.NumberOfPages];
            }
            var image = await Scans.ImageOnlyPdf(pdf, scan.Dpi, scan.Degrees, pages);
            Assert.True(PlanReader.IsScan(image), $"{name}: the scan has no text layer");

            var progress = new List<(int, int)>();
            var read = ScanDirectoryCheck.Apply(await reader.ReadAsync(image, name, new SyncProgress(progress), CancellationToken.None), Directory(expected));

            var total = pages.Length == 0 ? 1 : pages.Length;
            Assert.Equal((total, total), progress[^1]);
            var fields = OcrFieldCheck.Checked(expected, read, includeDuties: !scan.FirstAndLastPage);
            var misses = fields.Where(f => !f.Equal).ToList();
            var silentHere = misses.Where(m => m.SilentIn(read)).ToList();
            fieldCount += fields.Count;
            missCount += misses.Count;
            silent.AddRange(silentHere.Select(m => $"{name} ({scan.Dpi} dpi, {scan.Degrees}°): {m.Name} read '{m.Actual}' for '{m.Expected}'"));
            output.WriteLine($"{name} at {scan.Dpi} dpi turned {scan.Degrees}°, {total} page(s): {fields.Count} fields, {misses.Count} missed, {silentHere.Count} silent, {read.Warnings.Count} warnings");
            foreach (var miss in misses)
            {
                output.WriteLine($"    {(silentHere.Contains(miss) ? "SILENT" : "warned")} {miss.Name}: '{miss.Actual}' for '{miss.Expected}'");
            }
        }
        output.WriteLine($"in all: {fieldCount} fields, {missCount} missed ({100.0 * missCount / fieldCount:0.0} %), {silent.Count} silent");
        Assert.True(silent.Count == 0, "silent misses: " + string.Join("; ", silent));
        Assert.True(missCount <= fieldCount * 0.15, $"{missCount} of {fieldCount} fields missed");
    }

    // The directory an office holding these plans' recipients and reporters has: each as written in the plan.
    private static List<DirectoryEntry> Directory(PlanFields plan) => plan.Recipients
        .Where(r => r.Kind != RecipientKind.Archive).Select(r => r.Name)
        .Concat(plan.ReportingDuties.Select(d => d.Reporter ?? "").Where(r => r.Length > 0))
        .Distinct(StringComparer.Ordinal)
        .Select(n => new DirectoryEntry { Id = Guid.NewGuid(), Name = n, Kind = "body", Email = "vanthu@example.org" })
        .ToList();

    private static string Sample(string fileName) =>
        Path.Combine(RepositoryPaths.Root, "tests", "Workflows.UnitTests", "Reading", "Samples", fileName);

    private sealed class SyncProgress(List<(int, int)> seen) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => seen.Add(value);
    }
}
