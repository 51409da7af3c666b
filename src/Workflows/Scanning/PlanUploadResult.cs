namespace Workflows.Scanning;

/// <summary>What an upload became (<see cref="PlanUploads.UploadAsync"/>): exactly one of the two is set.</summary>
/// <param name="PlanId">The draft plan created from a document with text.</param>
/// <param name="Scan">The OCR job of a scan; its draft is created when it is read.</param>
public sealed record PlanUploadResult(Guid? PlanId, ScanJob? Scan);
