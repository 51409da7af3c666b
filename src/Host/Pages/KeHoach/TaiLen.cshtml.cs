using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Scanning;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>The drafter uploads a <c>.docx</c>, <c>.txt</c> or PDF plan; the reader fills its fields, then the correction
/// form opens. A scan (PDF without text, photo) is queued for OCR and its progress page opens instead. Who may upload and
/// what is accepted are <see cref="PlanUploads"/>' decisions, as for the API.</summary>
[RequestSizeLimit(PlanUploads.MaxBytes + 64 * 1024)]
internal sealed class TaiLenModel(PlanUploads uploads) : UiPage
{
    [BindProperty] public new IFormFile? File { get; set; }

    public IActionResult OnGet()
    {
        PlanUploads.CheckMayUpload(Actor);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        try
        {
            var upload = await uploads.UploadAsync(File is null ? null : new UploadedFile(File.FileName, File.ContentType, File.Length, File.OpenReadStream),
                null, null, Actor, ct);
            return Redirect(upload.Scan is { } job ? $"/ke-hoach/tai-len/nhan-dang/{job.Id}" : $"/ke-hoach/{upload.PlanId}/sua");
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            return Page();
        }
    }
}
