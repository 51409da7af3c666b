namespace Workflows.Scanning;

/// <summary>The <see cref="Reading.PlanReadException.Code"/> values of reading a scan by OCR.</summary>
public static class ScanErrorCodes
{
    /// <summary>Tesseract, its Vietnamese model or pdftoppm is not installed.</summary>
    public const string OcrUnavailable = "ocr-unavailable";

    /// <summary>The scan has more pages than <see cref="ScanOptions.MaxPages"/>.</summary>
    public const string TooManyPages = "too-many-pages";

    /// <summary>OCR took longer than <see cref="ScanOptions.TimeLimitSeconds"/>.</summary>
    public const string OcrTimeout = "ocr-timeout";
}
