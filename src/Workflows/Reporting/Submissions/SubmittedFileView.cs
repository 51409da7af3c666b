namespace Workflows.Reporting.Submissions;

/// <summary>One file of a submission (without its content).</summary>
public sealed class SubmittedFileView
{
    /// <summary>The file; download it at <c>GET /api/reporting/files/{id}</c>.</summary>
    public Guid Id { get; init; }

    /// <summary>Its submission.</summary>
    public Guid SubmissionId { get; init; }

    /// <summary>The name the school gave it.</summary>
    public string FileName { get; init; } = "";

    /// <summary>The media type detected from its content.</summary>
    public string MediaType { get; init; } = "";

    /// <summary>Size in bytes.</summary>
    public long SizeBytes { get; init; }

    /// <summary>SHA-256 of the content, lower-case hex.</summary>
    public string Sha256 { get; init; } = "";
}
