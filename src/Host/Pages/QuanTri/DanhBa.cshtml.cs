using Microsoft.AspNetCore.Mvc;
using Workflows.Distribution;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages.QuanTri;

/// <summary>
/// The recipient directory for the admin: search by name or alias (without diacritics), filter by kind, order and 50 a
/// page with the counts by kind (<see cref="DirectoryStore.SearchAsync"/>, paged by PostgreSQL), and CSV import with its
/// per-line report.
/// </summary>
internal sealed class DanhBaModel(DirectoryStore directory) : UiPage
{
    /// <summary>Entries per page.</summary>
    public const int PageSize = 50;

    /// <summary>The orders offered, with their words.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("ten", "Theo tên (A–Z)"), ("loai", "Theo loại, rồi tên"), ("moi-sua", "Mới sửa trước")];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Loai { get; set; }
    [BindProperty(SupportsGet = true, Name = "sap-xep")] public string? SapXep { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;
    [BindProperty] public IFormFile? Csv { get; set; }

    /// <summary>The page of entries shown, with the total and the counts by kind.</summary>
    public DirectoryPage Result { get; private set; } = new([], 0, 1, PageSize, new Dictionary<string, int>());
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
            await using var content = Csv.OpenReadStream();
            Import = await directory.ImportCsvAsync(content, Actor, ct);
        }
        catch (WorkflowException e) when (e.Kind == ErrorKind.Invalid)
        {
            ModelState.AddModelError(nameof(Csv), e.Message);
        }
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>The link to this list with the same search at <paramref name="page"/> (and <paramref name="kind"/> when given; "" for all kinds).</summary>
    public string Link(int page, string? kind = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["loai"] = kind ?? Loai, ["sap-xep"] = SapXep == "ten" ? null : SapXep,
        ["trang"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() is var query and { Length: > 0 } ? "/quan-tri/danh-ba" + query : "/quan-tri/danh-ba";

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!Sorts.Any(s => s.Value == SapXep)) SapXep = "ten";
        if (Loai is not null && !DirectoryEntry.Kinds.Contains(Loai)) Loai = null;
        Result = await directory.SearchAsync(new DirectorySearch(Q, Loai, SapXep, Trang, PageSize), ct);
        Trang = Result.Page;
    }
}
