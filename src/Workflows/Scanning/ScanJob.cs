namespace Workflows.Scanning;

/// <summary>
/// A scan waiting for or going through OCR: <see cref="State"/> is <c>queued</c>, <c>reading</c>, <c>done</c> (the
/// plan <see cref="PlanId"/> was created from it) or <c>failed</c> (<see cref="Error"/> says why, in Vietnamese).
/// Pages are counted once the scan's page count is known. Kept in the node's memory only.
/// </summary>
public sealed class ScanJob
{
    internal ScanJob(Guid id, Kernel.Actor actor, string fileName, string contentType, byte[] content)
    {
        Id = id;
        Actor = actor;
        Owner = actor.UserName;
        FileName = fileName;
        ContentType = contentType;
        Content = content;
    }

    /// <summary>The job's id.</summary>
    public Guid Id { get; }

    /// <summary>The user name of the drafter who uploaded the scan; only they see the job.</summary>
    public string Owner { get; }

    /// <summary>The uploaded file's name.</summary>
    public string FileName { get; }

    internal string ContentType { get; }

    internal Kernel.Actor Actor { get; }

    internal byte[]? Content { get; set; }

    /// <summary><c>queued</c>, <c>reading</c>, <c>done</c> or <c>failed</c>.</summary>
    public string State { get; internal set; } = "queued";

    /// <summary>Pages read so far.</summary>
    public int PagesDone { get; internal set; }

    /// <summary>Pages in all (0 until known).</summary>
    public int PagesTotal { get; internal set; }

    /// <summary>The plan created from the scan, once <c>done</c>.</summary>
    public Guid? PlanId { get; internal set; }

    /// <summary>Why the job failed, once <c>failed</c>.</summary>
    public string? Error { get; internal set; }

    internal long FinishedAt { get; set; }
}
