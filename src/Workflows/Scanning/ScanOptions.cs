namespace Workflows.Scanning;

/// <summary>Settings of reading scans by OCR (section <c>Workflows:Scanning</c>).</summary>
public sealed class ScanOptions
{
    /// <summary>Tesseract's program (Debian <c>tesseract-ocr</c>, with the Vietnamese model <c>tesseract-ocr-vie</c>).</summary>
    public string TesseractPath { get; set; } = "tesseract";

    /// <summary>Poppler's <c>pdftoppm</c> (Debian <c>poppler-utils</c>), which renders a scanned PDF's pages.</summary>
    public string PdftoppmPath { get; set; } = "pdftoppm";

    /// <summary>Tesseract's language model (default <c>vie</c>).</summary>
    public string Language { get; set; } = "vie";

    /// <summary>Resolution the pages of a scanned PDF are rendered at, in dots per inch (default 300).</summary>
    public int Dpi { get; set; } = 300;

    /// <summary>The most pages one scan may have (default 12); a longer one is refused before any OCR.</summary>
    public int MaxPages { get; set; } = 12;

    /// <summary>Seconds the whole OCR of one scan may take before it is stopped (default 300).</summary>
    public int TimeLimitSeconds { get; set; } = 300;

    /// <summary>Scans read at once by the background queue (default 1: OCR is CPU-bound).</summary>
    public int Workers { get; set; } = 1;

    /// <summary>Folder of the working files (rendered pages); empty → a folder under the system's temporary folder.</summary>
    public string WorkDirectory { get; set; } = "";
}
