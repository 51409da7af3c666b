namespace Workflows.Reporting.Submissions;

/// <summary>One version a school submitted.</summary>
public sealed class SubmissionView
{
    /// <summary>The submission.</summary>
    public Guid Id { get; init; }

    /// <summary>1 for the first submission, then 2, 3…</summary>
    public int Version { get; init; }

    /// <summary>When it was received (UTC).</summary>
    public DateTimeOffset SubmittedAt { get; init; }

    /// <summary>The school's note, or null.</summary>
    public string? Note { get; init; }

    /// <summary>True when received after the period's deadline.</summary>
    public bool Late { get; init; }

    /// <summary>Its files, in the order sent.</summary>
    public IReadOnlyList<SubmittedFileView> Files { get; set; } = [];
}
