using Workflows.Kernel;
using Workflows.Kernel.Plans;
using Workflows.Plans;
using Workflows.Reading;

namespace Workflows.Scanning;

/// <summary>
/// The drafter's upload of a plan file: one use case for <c>POST /api/plans</c> (multipart) and the page
/// <c>/ke-hoach/tai-len</c>. It decides who may upload (a Drafter), what is accepted (one non-empty file of at most
/// <see cref="MaxBytes"/>: <c>.docx</c>, <c>.txt</c>, PDF, or a scan or photo) and what follows: a document with text is
/// read at once and its draft created (<see cref="PlanStore.CreateAsync"/>); a scan is queued for OCR
/// (<see cref="ScanQueue"/>), whose worker creates the draft later through <see cref="PlanFrom"/>.
/// </summary>
public sealed class PlanUploads(PlanStore store, ScanQueue scans)
{
    /// <summary>Largest accepted upload, in bytes (20 MB).</summary>
    public const long MaxBytes = 20 * 1024 * 1024;

    /// <summary>Refuses an actor who may not upload plans.</summary>
    /// <exception cref="WorkflowException">Not a Drafter (403).</exception>
    public static void CheckMayUpload(Actor actor)
    {
        if (!PlanStore.MayDraft(actor)) throw WorkflowException.Forbidden("Chỉ chuyên viên mới tạo được kế hoạch.");
    }

    /// <summary>
    /// Takes an uploaded plan file: a document with text becomes a draft plan of the actor's body at once; a scan (a PDF
    /// without text, an image) is queued for OCR.
    /// </summary>
    /// <param name="file">The file (null: none was sent).</param>
    /// <param name="subject">Trích yếu to use instead of the one read (blank: the one read, else the file name).</param>
    /// <param name="documentType">Document type to use instead of the one read (blank: the one read, else KH).</param>
    /// <param name="actor">The drafter.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The new plan's id, or the queued scan's job.</returns>
    /// <exception cref="WorkflowException">Not a Drafter (403); no file, an empty one, one over <see cref="MaxBytes"/>, or a
    /// file the reader refuses (422, field <c>file</c>); a bad subject or type (422).</exception>
    public async Task<PlanUploadResult> UploadAsync(UploadedFile? file, string? subject, string? documentType, Actor actor, CancellationToken cancellationToken = default)
    {
        CheckMayUpload(actor);
        if (file is null) throw WorkflowException.Invalid("file", "Cần chọn tệp kế hoạch (.docx, .txt hoặc PDF).");
        if (file.Length == 0) throw WorkflowException.Invalid("file", "Tệp rỗng.");
        if (file.Length > MaxBytes) throw TooLarge();
        var content = new byte[file.Length];
        await using (var stream = file.Open()) await stream.ReadExactlyAsync(content, cancellationToken);
        if (PlanReader.IsScan(content)) return new PlanUploadResult(null, scans.Enqueue(content, file.FileName, file.ContentType, actor));
        PlanFields read;
        try
        {
            read = new PlanReader().Read(content, file.FileName);
        }
        catch (PlanReadException e)
        {
            throw WorkflowException.Invalid("file", e.VietnameseMessage);
        }
        return new PlanUploadResult(await store.CreateAsync(PlanFrom(read, file.FileName, file.ContentType, content, subject, documentType), actor, cancellationToken), null);
    }

    /// <summary>The refusal of a file (or request) over <see cref="MaxBytes"/> (422, field <c>file</c>).</summary>
    public static WorkflowException TooLarge() => WorkflowException.Invalid("file", $"Tệp lớn hơn giới hạn {MaxBytes / 1024 / 1024} MB.");

    /// <summary>The plan to create from what the reader (or OCR) found in an uploaded file.</summary>
    public static NewPlan PlanFrom(PlanFields read, string fileName, string contentType, byte[] content, string? subject, string? documentType)
    {
        var name = Path.GetFileName(fileName);
        var type = !string.IsNullOrWhiteSpace(documentType) ? documentType
            : read.DocumentType is { } detected && PlanStore.DocumentTypes.Contains(detected) ? detected : "KH";
        return new NewPlan(
            string.IsNullOrWhiteSpace(subject) ? read.Subject ?? name : subject,
            type,
            read,
            name,
            string.IsNullOrWhiteSpace(contentType) ? "application/octet-stream" : contentType,
            content);
    }
}
