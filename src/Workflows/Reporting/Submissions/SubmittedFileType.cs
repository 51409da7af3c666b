namespace Workflows.Reporting.Submissions;

/// <summary>The outcome of checking one uploaded file: its media type detected from the content, or why it is refused.</summary>
/// <param name="MediaType">The detected media type (e.g. <c>application/pdf</c>), null when refused.</param>
/// <param name="Error">A Vietnamese sentence for the school, shown next to the file field; null when accepted.</param>
public sealed record SubmittedFileType(string? MediaType, string? Error)
{
    /// <summary>True when the file is accepted.</summary>
    public bool Accepted => Error is null;
}
