using System.Text;
using Microsoft.AspNetCore.Mvc;
using Workflows.Distribution;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>The recipient directory for the admin: list, search by name or alias and kind, and CSV import with its per-line report.</summary>
internal sealed class DanhBaModel(DirectoryStore directory) : UiPage
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Loai { get; set; }
    [BindProperty] public IFormFile? Csv { get; set; }

    public IReadOnlyList<DirectoryEntry> Entries { get; private set; } = [];
    public DirectoryImportResult? Import { get; private set; }
    public string? Saved { get; private set; }

    public async Task OnGetAsync(string? luu, CancellationToken ct)
    {
        Saved = luu switch { "1" => "Đã lưu mục danh bạ.", "xoa" => "Đã xóa mục danh bạ.", _ => null };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostNhapAsync(CancellationToken ct)
    {
        if (Csv is null || Csv.Length == 0)
        {
            ModelState.AddModelError(nameof(Csv), "Cần chọn tệp CSV.");
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            using var reader = new StreamReader(Csv.OpenReadStream(), new UTF8Encoding(false, true));
            Import = await directory.ImportCsvAsync(await reader.ReadToEndAsync(ct), Actor, ct);
        }
        catch (DecoderFallbackException)
        {
            ModelState.AddModelError(nameof(Csv), "Tệp không phải văn bản UTF-8.");
        }
        catch (WorkflowException e) when (ShowError(e))
        {
            if (e.Field is not null) ModelState.AddModelError(nameof(Csv), e.Message);
        }
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Entries = await directory.ListAsync(Q, string.IsNullOrEmpty(Loai) ? null : Loai, ct);
}
