using Microsoft.AspNetCore.Mvc;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The plans of the user's body: search in subject and symbol, filters by status and type, order, 50 a page, with the
/// counts by status (the drafter follows theirs here, the clerk finds an issued one by its number).
/// </summary>
internal sealed class IndexModel(PlanStore store, Workflows.Host.Identity.PeopleNames people) : UiPage
{
    /// <summary>Rows per page.</summary>
    public const int PageSize = 50;

    /// <summary>The orders offered, with their words.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("moi-nhat", "Mới tạo trước"), ("cu-nhat", "Cũ trước"), ("trich-yeu", "Theo trích yếu (A–Z)"), ("so", "Theo số văn bản")];

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang-thai")] public string? TrangThai { get; set; }
    [BindProperty(SupportsGet = true, Name = "loai")] public string? Loai { get; set; }
    [BindProperty(SupportsGet = true, Name = "sap-xep")] public string? SapXep { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    public PlanPage Result { get; private set; } = new([], 0, 1, PageSize, new Dictionary<string, int>());

    /// <summary>The drafters of the listed plans in words, by login name.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    public new Actor Actor => base.Actor;

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!Sorts.Any(s => s.Value == SapXep)) SapXep = "moi-nhat";
        Result = await store.SearchAsync(Actor, new PlanSearch(Q, TrangThai, Loai, SapXep, Trang, PageSize), ct);
        People = await people.NamesAsync(Result.Items.Select(p => p.CreatedBy), ct);
    }

    /// <summary>The link to this list with the same search and <paramref name="page"/> (and <paramref name="status"/> when given).</summary>
    public string Link(int page, string? status = null) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["trang-thai"] = status ?? TrangThai, ["loai"] = Loai, ["sap-xep"] = SapXep == "moi-nhat" ? null : SapXep,
        ["trang"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent() is var query and { Length: > 0 } ? "/ke-hoach" + query : "/ke-hoach";
}
