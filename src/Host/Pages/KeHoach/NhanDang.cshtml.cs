using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Scanning;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>The progress of a scan's OCR, for the drafter who uploaded it: refreshes itself every 2 s (a Refresh header, no script),
/// opens the correction form when the plan is created, says why when OCR failed.</summary>
internal sealed class NhanDangModel(ScanQueue scans) : UiPage
{
    /// <summary>The job shown.</summary>
    public ScanJob? Job { get; private set; }

    public IActionResult OnGet(Guid id)
    {
        Job = scans.Find(id, Actor);
        if (Job is null) return NotFound();
        if (Job is { State: "done", PlanId: { } plan }) return Redirect($"/ke-hoach/{plan}/sua");
        // The browser reloads the page by itself (a Refresh header: no script, which the CSP forbids inline).
        if (Job.State is "queued" or "reading") Response.Headers["Refresh"] = "2";
        return Page();
    }
}
