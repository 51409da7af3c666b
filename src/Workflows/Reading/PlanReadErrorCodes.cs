namespace Workflows.Reading;

/// <summary>The values of <see cref="PlanReadException.Code"/>.</summary>
public static class PlanReadErrorCodes
{
    /// <summary>No content, or only white space.</summary>
    public const string Empty = "empty";

    /// <summary>More than <see cref="PlanReader.MaxBytes"/> bytes.</summary>
    public const string TooLarge = "too-large";

    /// <summary>Binary content (NUL bytes, control characters, legacy .doc files).</summary>
    public const string Binary = "binary";

    /// <summary>Vietnamese text in a legacy encoding (TCVN3/ABC or VNI), raw or already mis-decoded.</summary>
    public const string LegacyEncoding = "legacy-encoding";

    /// <summary>Text saved as UTF-16 (Windows Notepad's "Unicode"): a byte-order mark FF FE / FE FF, or every other byte NUL.</summary>
    public const string Utf16 = "utf-16";

    /// <summary>Text that is not valid UTF-8 and not a recognised legacy Vietnamese encoding.</summary>
    public const string NotUtf8 = "not-utf8";

    /// <summary>A zip file that is not a readable Word document.</summary>
    public const string InvalidDocx = "invalid-docx";

    /// <summary>A PDF that needs a password to open.</summary>
    public const string PdfEncrypted = "pdf-encrypted";

    /// <summary>A damaged PDF (its structure cannot be read).</summary>
    public const string InvalidPdf = "invalid-pdf";

    /// <summary>A scan (a PDF without a text layer, or a PNG/JPEG image): it must be read by OCR
    /// (<see cref="PlanReader.IsScan"/>).</summary>
    public const string NeedsOcr = "needs-ocr";

    /// <summary>The text was decoded but its structure could not be read (unexpected failure).</summary>
    public const string Unreadable = "unreadable";
}
