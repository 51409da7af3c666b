namespace Workflows.Reporting.Submissions;

/// <summary>One file as received from the school's form.</summary>
/// <param name="FileName">The name the browser sent (only its last segment is kept).</param>
/// <param name="Content">The bytes.</param>
public sealed record IncomingFile(string FileName, byte[] Content);
