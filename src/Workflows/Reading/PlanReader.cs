using Workflows.Kernel.Plans;
using Workflows.Reading.Layout;

namespace Workflows.Reading;

/// <summary>
/// Reads a plan document (Kế hoạch and the other types of Nghị định 30/2020) into a <see cref="PlanFields"/>.
/// Accepts UTF-8 text (with or without BOM, NFC or NFD; normalised to NFC), Word .docx files and PDF files with a
/// text layer (read with PdfPig: lines by position, the header and signature columns apart, running headers, footers
/// and page numbers dropped), detected by content (zip magic with word/document.xml, <c>%PDF</c>), not by name.
/// A scan (a PDF without a text layer, a PNG or JPEG image) fails with code <c>needs-ocr</c>: OCR reads it outside
/// (see <see cref="IsScan"/>). Anything else fails with <see cref="PlanReadException"/>.
/// Stateless and thread-safe.
/// </summary>
public sealed class PlanReader
{
    /// <summary>The largest accepted input, checked before any parsing: 20 MB.</summary>
    public const int MaxBytes = 20 * 1024 * 1024;

    /// <summary>Reads a plan from the whole content of a file.</summary>
    /// <param name="content">The file's bytes (at most <see cref="MaxBytes"/>).</param>
    /// <param name="fileName">The file's name, used only in messages; the format is detected from the content.</param>
    /// <returns>The structured plan; what could not be read with confidence is listed in its warnings.</returns>
    /// <exception cref="PlanReadException">The content is empty, too large, a scan, an encrypted or damaged PDF, binary, in a legacy
    /// Vietnamese encoding, not UTF-8, or a corrupt Word file. No other exception is thrown for bad input.</exception>
    public PlanFields Read(ReadOnlySpan<byte> content, string fileName)
    {
        var name = string.IsNullOrWhiteSpace(fileName) ? "(không tên)" : Path.GetFileName(fileName);
        if (content.Length > MaxBytes)
        {
            throw new PlanReadException(PlanReadErrorCodes.TooLarge,
                $"'{name}' is larger than 20 MB. / Tệp '{name}' lớn hơn 20 MB.");
        }

        string text;
        if (PlanInputDecoder.IsZip(content))
        {
            text = DocxTextExtractor.Extract(content, name);
        }
        else if (PdfTextLayer.IsPdf(content))
        {
            var pages = PdfTextLayer.Read(content, name, out _);
            if (pages.Count == 0)
            {
                throw NeedsOcr(name);
            }
            text = PageLayout.ToText(pages);
        }
        else if (PlanInputDecoder.IsImage(content))
        {
            throw NeedsOcr(name);
        }
        else
        {
            text = PlanInputDecoder.DecodeText(content, name);
        }
        return ParseText(text, name);
    }

    /// <summary>Whether the content is a scan that only OCR can read: a PDF without a text layer, or a PNG or JPEG
    /// image. Cheap for text and Word files (magic bytes); opens a PDF.</summary>
    /// <param name="content">The file's bytes.</param>
    /// <returns>True for a scan.</returns>
    public static bool IsScan(ReadOnlySpan<byte> content)
    {
        if (PlanInputDecoder.IsImage(content))
        {
            return true;
        }
        if (!PdfTextLayer.IsPdf(content))
        {
            return false;
        }
        try
        {
            return PdfTextLayer.Read(content, "scan.pdf", out _).Count == 0;
        }
        catch (PlanReadException)
        {
            return false;
        }
    }

    /// <summary>Reads a scan from what OCR read of its pages (see <see cref="RecognisedPage"/>): the words are laid out
    /// as for a PDF's text layer (lines by position, header and signature columns apart, running lines dropped), then
    /// parsed as text. Fields holding a word read with low confidence, and implausible dates, are listed in the
    /// warnings (an implausible date is dropped); OCR never leaves a doubtful value without a warning.</summary>
    /// <param name="pages">The pages in order (at least one).</param>
    /// <param name="fileName">The file's name, used only in messages.</param>
    /// <param name="vocabulary">The titles, bodies, places and today's date the fields are checked against (at least
    /// <see cref="OcrVocabulary.Common"/>).</param>
    /// <returns>The structured plan with its warnings.</returns>
    /// <exception cref="PlanReadException">No text was recognised (code <c>empty</c>).</exception>
    public PlanFields ReadRecognised(IReadOnlyList<RecognisedPage> pages, string fileName, OcrVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(pages);
        ArgumentNullException.ThrowIfNull(vocabulary);
        var name = string.IsNullOrWhiteSpace(fileName) ? "(không tên)" : Path.GetFileName(fileName);
        var placed = pages.Select(p => TesseractTsv.Parse(p.Tsv, p.Dpi)).ToList();
        return ReadRecognisedText(PageLayout.ToText(placed), placed.SelectMany(p => p.Words), name, vocabulary);
    }

    /// <summary>The text OCR read, laid out, with its words and their confidence: corrected, parsed and checked.</summary>
    internal static PlanFields ReadRecognisedText(string text, IEnumerable<PlacedWord> words, string name, OcrVocabulary vocabulary)
    {
        var corrections = new List<string>();
        var fields = ParseText(OcrTextCorrection.Correct(text, vocabulary, corrections), name);
        return OcrChecks.Apply(fields, words, vocabulary, corrections);
    }

    private static PlanReadException NeedsOcr(string name) => new(PlanReadErrorCodes.NeedsOcr,
        $"'{name}' is a scan without a text layer; it must be read by OCR. / Tệp '{name}' là bản quét (không có lớp chữ); cần nhận dạng chữ (OCR).");

    internal static PlanFields ParseText(string text, string name)
    {
        text = PlanInputDecoder.Normalise(text);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new PlanReadException(PlanReadErrorCodes.Empty,
                $"'{name}' is empty. / Tệp '{name}' không có nội dung.");
        }

        PlanInputDecoder.RejectLegacyMojibake(text, name);

        try
        {
            return PlanTextParser.Parse(text);
        }
        catch (Exception ex) when (ex is not PlanReadException and not OutOfMemoryException)
        {
            throw new PlanReadException(PlanReadErrorCodes.Unreadable,
                $"The structure of '{name}' could not be read. / Không đọc được cấu trúc của tệp '{name}'.", ex);
        }
    }

    /// <summary>Reads a plan from a stream (read to its end; at most <see cref="MaxBytes"/> bytes are accepted).</summary>
    /// <param name="content">The file's content.</param>
    /// <param name="fileName">The file's name, used only in messages.</param>
    /// <returns>The structured plan.</returns>
    /// <exception cref="PlanReadException">See <see cref="Read(ReadOnlySpan{byte}, string)"/>.</exception>
    public PlanFields Read(Stream content, string fileName)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = content.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                var name = Path.GetFileName(fileName ?? string.Empty);
                throw new PlanReadException(PlanReadErrorCodes.TooLarge,
                    $"'{name}' is larger than 20 MB. / Tệp '{name}' lớn hơn 20 MB.");
            }
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), fileName ?? string.Empty);
    }
}
