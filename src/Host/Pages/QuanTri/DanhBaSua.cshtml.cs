using Microsoft.AspNetCore.Mvc;
using Workflows.Distribution;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>Creates (<c>/quan-tri/danh-ba/moi</c>), edits or deletes one directory entry; errors next to their field.</summary>
internal sealed class DanhBaSuaModel(DirectoryStore directory) : UiPage
{
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string Kind { get; set; } = "school";
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? BodyCode { get; set; }
    [BindProperty] public string? Aliases { get; set; }
    [BindProperty] public string? Groups { get; set; }
    [BindProperty] public bool XacNhanXoa { get; set; }

    public bool IsNew { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        IsNew = id == "moi";
        if (IsNew) return Page();
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        var entry = await directory.GetAsync(guid, ct);
        (Name, Kind, Email, BodyCode) = (entry.Name, entry.Kind, entry.Email, entry.BodyCode);
        Aliases = string.Join("\n", entry.Aliases);
        return Page();
    }

    public async Task<IActionResult> OnPostLuuAsync(string id, CancellationToken ct)
    {
        IsNew = id == "moi";
        var input = new DirectoryEntryInput(Name, Kind, Email, BodyCode, Lines(Aliases), null, string.IsNullOrWhiteSpace(Groups) ? null : Lines(Groups));
        try
        {
            if (IsNew) await directory.CreateAsync(input, Actor, ct);
            else if (Guid.TryParse(id, out var guid)) await directory.UpdateAsync(guid, input, Actor, ct);
            else return NotFound();
            return Redirect("/quan-tri/danh-ba?luu=1");
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            return Page();
        }
    }

    public async Task<IActionResult> OnPostXoaAsync(string id, CancellationToken ct)
    {
        if (!Guid.TryParse(id, out var guid)) return NotFound();
        if (!XacNhanXoa)
        {
            ModelState.AddModelError(nameof(XacNhanXoa), "Đánh dấu ô xác nhận để xóa.");
            await OnGetAsync(id, ct);
            return Page();
        }
        await directory.DeleteAsync(guid, Actor, ct);
        return Redirect("/quan-tri/danh-ba?luu=xoa");
    }

    private static string[] Lines(string? text) =>
        (text ?? "").Split(['\n', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
