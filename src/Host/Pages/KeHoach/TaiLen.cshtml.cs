using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Api;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;
using Workflows.Reading;
using Workflows.Scanning;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>The drafter uploads a <c>.docx</c>, <c>.txt</c> or PDF plan; the reader fills its fields, then the correction
/// form opens. A scan (PDF without text, photo) is queued for OCR and its progress page opens instead.</summary>
[RequestSizeLimit(PlanEndpoints.MaxUploadBytes + 64 * 1024)]
internal sealed class TaiLenModel(PlanStore store, ScanQueue scans) : UiPage
{
    [BindProperty] public new IFormFile? File { get; set; }

    public IActionResult OnGet() => Actor.IsIn(Roles.Drafter) ? Page() : Forbid();

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!Actor.IsIn(Roles.Drafter)) return Forbid();
        if (File is null || File.Length == 0)
        {
            ModelState.AddModelError(nameof(File), File is null ? "Cần chọn tệp kế hoạch (.docx hoặc .txt)." : "Tệp rỗng.");
            return Page();
        }
        if (File.Length > PlanEndpoints.MaxUploadBytes)
        {
            ModelState.AddModelError(nameof(File), "Tệp lớn hơn giới hạn 20 MB.");
            return Page();
        }
        try
        {
            var content = new byte[File.Length];
            await using (var stream = File.OpenReadStream()) await stream.ReadExactlyAsync(content, ct);
            if (PlanReader.IsScan(content))
            {
                var job = scans.Enqueue(content, File.FileName, File.ContentType, Actor);
                return Redirect($"/ke-hoach/tai-len/nhan-dang/{job.Id}");
            }
            var plan = PlanEndpoints.ReadUpload(File.FileName, File.ContentType, content, "", "");
            var id = await store.CreateAsync(plan, Actor, ct);
            return Redirect($"/ke-hoach/{id}/sua");
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            return Page();
        }
    }
}
