using System.Diagnostics;
using Workflows.Benchmarks.Infrastructure;
using Workflows.Reading;

namespace Workflows.Benchmarks.Scenarios;

/// <summary>Reads each plan of <c>../shared/plans/</c> with the plan reader (no database) as .txt, as .docx and as a
/// PDF with a text layer (both laid out from the .txt as the reader's tests do): ms per plan.</summary>
internal sealed class PlanReadingScenario : IScenario
{
    public string Name => "reading";

    public string Description => "plan reader: each plan of ../shared/plans as .txt, .docx and text PDF, ms per plan";

    public Task<IReadOnlyList<Measurement>> RunAsync(BenchContext context, IList<string> notes, CancellationToken cancellationToken)
    {
        var (warmup, runs) = context.Options.Quick ? (50, 300) : (200, 2000);
        var reader = new PlanReader();
        var results = new List<Measurement>();
        var plans = Directory.GetFiles(Path.Combine(context.RepositoryRoot, "..", "shared", "plans"), "*.txt").Order().ToList();
        foreach (var path in plans)
        {
            var text = File.ReadAllBytes(path);
            var source = File.ReadAllText(path);
            var name = Path.GetFileName(path);
            foreach (var (format, bytes, goal, scale) in new[]
            {
                ("txt", text, "< 5 ms p99", 1),
                ("docx", Workflows.UnitTests.Reading.PlanDocxBuilder.FromText(source), "", 1),
                ("pdf", Workflows.Testing.PlanPdfLayout.FromText(source), "< 50 ms median", 10),
            })
            {
                var (w, n) = (Math.Max(warmup / scale, 5), Math.Max(runs / scale, 50));
                for (var i = 0; i < w; i++) reader.Read(bytes, name);
                var samples = new double[n];
                for (var i = 0; i < n; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    reader.Read(bytes, name);
                    samples[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                }
                results.Add(Measurement.Of($"read {name} as .{format} ({bytes.Length / 1024} KiB)", "ms", samples, goal));
            }
        }
        // OCR: the first page of each plan, rendered at 300 dpi, read by Tesseract through the scan reader.
        var scans = new Workflows.Scanning.ScanReader(Microsoft.Extensions.Options.Options.Create(new Workflows.Scanning.ScanOptions()),
            Microsoft.Extensions.Options.Options.Create(new Workflows.Organisation.OrganisationOptions()), TimeProvider.System);
        var ocrRuns = context.Options.Quick ? 1 : 3;
        foreach (var path in plans)
        {
            var pdf = Workflows.Testing.PlanPdfLayout.FromText(File.ReadAllText(path));
            var work = Directory.CreateTempSubdirectory("bench-ocr-").FullName;
            try
            {
                File.WriteAllBytes(Path.Combine(work, "plan.pdf"), pdf);
                var render = Process.Start(new ProcessStartInfo("pdftoppm", ["-r", "300", "-gray", "-png", "-singlefile", "-f", "1", "-l", "1", Path.Combine(work, "plan.pdf"), Path.Combine(work, "page")]))!;
                render.WaitForExit();
                var png = File.ReadAllBytes(Path.Combine(work, "page.png"));
                var samples = new double[ocrRuns];
                for (var i = 0; i < ocrRuns; i++)
                {
                    var start = Stopwatch.GetTimestamp();
                    scans.ReadAsync(png, "page.png", null, cancellationToken).GetAwaiter().GetResult();
                    samples[i] = Stopwatch.GetElapsedTime(start).TotalSeconds;
                }
                results.Add(Measurement.Of($"OCR of page 1 of {Path.GetFileName(path)} (300 dpi)", "s", samples));
            }
            finally
            {
                Directory.Delete(work, true);
            }
        }
        notes.Add($"{warmup} warm-up reads, then {runs} measured reads per plan and format (a tenth of both for PDF)");
        return Task.FromResult<IReadOnlyList<Measurement>>(results);
    }
}
