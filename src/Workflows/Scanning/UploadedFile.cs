namespace Workflows.Scanning;

/// <summary>An uploaded file as <see cref="PlanUploads"/> takes it, whatever carried it (a multipart request, a page's form).</summary>
/// <param name="FileName">The name the sender gave it.</param>
/// <param name="ContentType">Its declared media type (may be blank).</param>
/// <param name="Length">Its length in bytes.</param>
/// <param name="Open">Opens its content for reading.</param>
public sealed record UploadedFile(string FileName, string ContentType, long Length, Func<Stream> Open);
