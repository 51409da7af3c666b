using Microsoft.Extensions.Options;
using Workflows.Kernel.Plans;
using Workflows.Organisation;
using Workflows.Plans.Documents;
using Workflows.Reading;

namespace Workflows.Scanning;

/// <summary>
/// Reads a scan (a PDF without a text layer, a PNG or JPEG image) by OCR: each page of a PDF is rendered by Poppler's
/// <c>pdftoppm</c> at <see cref="ScanOptions.Dpi"/> in grey, read by Tesseract with the Vietnamese model into TSV,
/// then laid out and parsed by <see cref="PlanReader.ReadRecognised"/>. At most <see cref="ScanOptions.MaxPages"/>
/// pages, within <see cref="ScanOptions.TimeLimitSeconds"/> in all. The fields are checked against the
/// <see cref="ScanVocabulary"/> of the configured bodies.
/// </summary>
internal sealed class ScanReader(IOptions<ScanOptions> options, IOptions<OrganisationOptions> organisation, TimeProvider clock)
{
    private readonly ScanOptions _options = options.Value;

    /// <summary>Reads the scan; <paramref name="progress"/> receives (pages done, pages in all) after each page.</summary>
    /// <exception cref="PlanReadException">Too many pages (<c>too-many-pages</c>), OCR not installed
    /// (<c>ocr-unavailable</c>, the message names the Debian packages), out of time (<c>ocr-timeout</c>), or unreadable.</exception>
    public async Task<PlanFields> ReadAsync(byte[] content, string fileName, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName);
        var work = Path.Combine(string.IsNullOrEmpty(_options.WorkDirectory) ? Path.GetTempPath() : _options.WorkDirectory, $"ocr-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var limit = (Started: System.Diagnostics.Stopwatch.GetTimestamp(), Span: TimeSpan.FromSeconds(Math.Clamp(_options.TimeLimitSeconds, 5, 3600)));
        try
        {
            var pages = new List<RecognisedPage>();
            if (PlanReader.IsScan(content) && content.AsSpan().StartsWith("%PDF"u8))
            {
                var count = PdfPageCount(content, name);
                if (count > _options.MaxPages)
                {
                    throw new PlanReadException(ScanErrorCodes.TooManyPages,
                        $"'{name}' has {count} pages; a scan may have at most {_options.MaxPages}. / Bản quét '{name}' có {count} trang, quá giới hạn {_options.MaxPages} trang.");
                }
                var input = Path.Combine(work, "scan.pdf");
                await File.WriteAllBytesAsync(input, content, cancellationToken);
                progress?.Report((0, count));
                for (var page = 1; page <= count; page++)
                {
                    var prefix = Path.Combine(work, $"p{page}");
                    var (code, output) = await Run(_options.PdftoppmPath,
                        ["-r", _options.Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", "-singlefile", "-f", $"{page}", "-l", $"{page}", input, prefix], name, limit, cancellationToken);
                    if (code != 0)
                    {
                        throw new PlanReadException(PlanReadErrorCodes.InvalidPdf,
                            $"'{name}': page {page} could not be rendered. / Không dựng được trang {page} của '{name}' để nhận dạng: {output.Trim()}");
                    }
                    pages.Add(new RecognisedPage(await Recognise(prefix + ".png", work, name, limit, cancellationToken), _options.Dpi));
                    progress?.Report((page, count));
                }
            }
            else
            {
                var input = Path.Combine(work, "scan.img");
                await File.WriteAllBytesAsync(input, content, cancellationToken);
                progress?.Report((0, 1));
                pages.Add(new RecognisedPage(await Recognise(input, work, name, limit, cancellationToken), _options.Dpi));
                progress?.Report((1, 1));
            }
            return new PlanReader().ReadRecognised(pages, name, ScanVocabulary.For(organisation.Value, Kernel.VietnamTime.Today(clock)));
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private async Task<string> Recognise(string image, string work, string name, (long Started, TimeSpan Span) limit, CancellationToken cancellationToken)
    {
        var output = Path.Combine(work, Path.GetFileNameWithoutExtension(image) + "-ocr");
        var (code, text) = await Run(_options.TesseractPath,
            [image, output, "-l", _options.Language, "--dpi", _options.Dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "tsv"], name, limit, cancellationToken);
        if (code != 0 || !File.Exists(output + ".tsv"))
        {
            throw new PlanReadException(ScanErrorCodes.OcrUnavailable, text.Contains("Failed loading language", StringComparison.Ordinal)
                ? $"Tesseract has no Vietnamese model; install tesseract-ocr-vie. / Thiếu mô hình tiếng Việt của Tesseract: cài gói tesseract-ocr-vie (scripts/install-prerequisites.sh)."
                : $"Tesseract could not read '{name}'. / Tesseract không đọc được '{name}': {text.Trim()}");
        }
        return await File.ReadAllTextAsync(output + ".tsv", cancellationToken);
    }

    private async Task<(int Code, string Output)> Run(string program, string[] arguments, string name, (long Started, TimeSpan Span) limit, CancellationToken cancellationToken)
    {
        var left = limit.Span - System.Diagnostics.Stopwatch.GetElapsedTime(limit.Started);
        if (left <= TimeSpan.Zero)
        {
            throw Timeout(name);
        }
        try
        {
            return await ToolProcess.RunAsync(program, arguments, left, cancellationToken);
        }
        catch (InvalidOperationException e) when (e.InnerException is System.ComponentModel.Win32Exception)
        {
            throw new PlanReadException(ScanErrorCodes.OcrUnavailable,
                $"OCR is not installed ({Path.GetFileName(program)}); install tesseract-ocr, tesseract-ocr-vie and poppler-utils. / Chưa cài công cụ nhận dạng chữ ({Path.GetFileName(program)}): cài các gói tesseract-ocr, tesseract-ocr-vie và poppler-utils (scripts/install-prerequisites.sh).", e);
        }
        catch (InvalidOperationException e)
        {
            throw Timeout(name, e);
        }
    }

    private PlanReadException Timeout(string name, Exception? inner = null) => new(ScanErrorCodes.OcrTimeout,
        $"OCR of '{name}' took longer than {_options.TimeLimitSeconds} s. / Nhận dạng chữ '{name}' quá {_options.TimeLimitSeconds} giây; hãy tải lên bản ít trang hơn hoặc bản có lớp chữ.", inner);

    private static int PdfPageCount(byte[] content, string name)
    {
        try
        {
            using var document = UglyToad.PdfPig.PdfDocument.Open(content);
            return document.NumberOfPages;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            throw new PlanReadException(PlanReadErrorCodes.InvalidPdf,
                $"'{name}' is a damaged PDF that cannot be read. / Tệp PDF '{name}' bị hỏng, không đọc được.", e);
        }
    }
}
