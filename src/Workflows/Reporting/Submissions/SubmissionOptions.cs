namespace Workflows.Reporting.Submissions;

/// <summary>Upload settings of the school's submission side, under <c>Workflows:Reporting</c> (the links' address is <see cref="ReportingOptions.PublicBaseUrl"/>).</summary>
public sealed class SubmissionOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Workflows:Reporting";

    /// <summary>Default upload limit: 20 MB (20 × 1024 × 1024 bytes).</summary>
    public const long DefaultMaxUploadBytes = 20L * 1024 * 1024;

    /// <summary>
    /// Largest total size, in bytes, of the files of one submission (default 20 MB). The request body may be larger by
    /// <see cref="FormOverheadBytes"/> (boundaries, the note, the antiforgery token); anything beyond is refused with 413
    /// before it is read.
    /// </summary>
    public long MaxUploadBytes { get; set; } = DefaultMaxUploadBytes;

    /// <summary>Room allowed in a multipart body beyond the files: 64 KiB.</summary>
    public const long FormOverheadBytes = 64 * 1024;

    /// <summary>The largest request body accepted on the submission page, in bytes.</summary>
    public long MaxRequestBodyBytes => MaxUploadBytes + FormOverheadBytes;
}
