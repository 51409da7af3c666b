namespace Workflows.Reading;

/// <summary>
/// One page of a scan as OCR read it: Tesseract's TSV output (<c>tesseract IMAGE OUT -l vie tsv</c>: a header line,
/// then level, page_num, block_num, par_num, line_num, word_num, left, top, width, height, conf, text, tab-separated;
/// pixels from the image's top-left corner, conf 0–100 or -1 for non-words) and the resolution the page was rendered
/// at, in dots per inch.
/// </summary>
/// <param name="Tsv">Tesseract's TSV for the page.</param>
/// <param name="Dpi">Rendering resolution (300 for the reader's own rendering).</param>
public sealed record RecognisedPage(string Tsv, int Dpi);
