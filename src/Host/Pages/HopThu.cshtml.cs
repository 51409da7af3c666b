using Microsoft.AspNetCore.Mvc;
using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages;

/// <summary>
/// The user's open tasks (their roles and body), with counts, due dates in Vietnam time, search in the subject,
/// filters by step and by state, an order and 50 a page; a reviewer approves several review tasks at once
/// (each through the engine, as one click each would). The drafter also sees their drafts not yet submitted, and may delete one.
/// A task the user acts on as someone's delegate names the delegation it comes through ("Xử lý thay {absent} theo ủy
/// quyền ({reference}) đến hết ngày {dd/MM/yyyy}", <see cref="HumanTaskView.Delegation"/>).
/// </summary>
internal sealed class HopThuModel(WorkflowEngine engine, Workflows.Plans.PlanStore store, Workflows.Reporting.Status.ReportingProgress reporting,
    TimeProvider clock, Workflows.Host.Identity.PeopleNames people) : UiPage
{
    /// <summary>The holders of the office's overdue tasks in words (full name and title), by login name.</summary>
    public IReadOnlyDictionary<string, string> People { get; private set; } = new Dictionary<string, string>();

    /// <summary>For a leader (<see cref="WorkflowEngine.MaySeeOfficeOverdue"/>): the office's overdue tasks at a glance; null for the others.</summary>
    public OfficeOverdue? OfficeTasks { get; private set; }

    /// <summary>For a leader: the reporting periods past their deadline with schools that submitted nothing.</summary>
    public IReadOnlyList<Workflows.Reporting.Status.OverduePeriod> OfficeReports { get; private set; } = [];

    /// <summary>The instant the page was made (for "quá N ngày").</summary>
    public DateTimeOffset Now { get; private set; }

    /// <summary>Tasks per page.</summary>
    public const int PageSize = 50;

    /// <summary>The orders offered, with their words.</summary>
    public static readonly IReadOnlyList<(string Value, string Label)> Sorts =
        [("han", "Hạn xử lý gần nhất trước"), ("moi-nhan", "Mới nhận trước"), ("trich-yeu", "Theo trích yếu (A–Z)")];

    [BindProperty(SupportsGet = true)] public string? Buoc { get; set; }
    [BindProperty(SupportsGet = true)] public string? TrangThai { get; set; }
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "sap-xep")] public string? SapXep { get; set; }
    [BindProperty(SupportsGet = true, Name = "trang")] public int Trang { get; set; } = 1;

    /// <summary>The review tasks ticked for bulk approval.</summary>
    [BindProperty] public List<Guid> Chon { get; set; } = [];

    /// <summary>The page of tasks shown, with the counts of all the user's open tasks (searched and paged by PostgreSQL).</summary>
    public TaskPage Result { get; private set; } = new([], 0, 1, PageSize, 0, 0, []);

    /// <summary>The tasks of the page shown.</summary>
    public IReadOnlyList<HumanTaskView> Tasks => Result.Items;

    /// <summary>The drafter's own plans not yet submitted (they have no task until then).</summary>
    public IReadOnlyList<Workflows.Plans.PlanRecord> Drafts { get; private set; } = [];

    /// <summary>What the last action did, in words.</summary>
    public string? Done { get; private set; }

    /// <summary>Errors of a bulk approval: the subject of each task that could not be approved and why.</summary>
    public IReadOnlyList<string> Refused { get; private set; } = [];

    public async Task OnGetAsync(string? xong, int? so, CancellationToken ct)
    {
        Done = xong switch
        {
            "dong-y" => $"Đã đồng ý, trình ký {so ?? 0} kế hoạch.",
            "xoa" => "Đã xóa bản thảo.",
            _ => null,
        };
        await LoadAsync(ct);
    }

    /// <summary>Approves every ticked review task (<see cref="WorkflowEngine.ApproveSeveralAsync"/>, as <c>POST /api/tasks/approve</c>); a task taken meanwhile is reported, the others go on.</summary>
    public async Task<IActionResult> OnPostDongYAsync(CancellationToken ct)
    {
        BulkApproval result;
        try
        {
            result = await engine.ApproveSeveralAsync(Chon, Actor, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Invalid)
        {
            result = new BulkApproval([], [e.Message]);
        }
        if (result.Refused.Count == 0) return Redirect($"/hop-thu?xong=dong-y&so={result.Approved.Count}");
        Done = result.Approved.Count > 0 ? $"Đã đồng ý, trình ký {result.Approved.Count} kế hoạch." : null;
        Refused = result.Refused;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>Deletes one of the drafter's drafts never submitted (as <c>DELETE /api/plans/{id}</c>).</summary>
    public async Task<IActionResult> OnPostXoaAsync(Guid planId, bool confirm, CancellationToken ct)
    {
        if (!confirm)
        {
            Refused = ["Đánh dấu ô xác nhận để xóa bản thảo."];
            await LoadAsync(ct);
            return Page();
        }
        try
        {
            await store.DeleteDraftAsync(planId, Actor, ct);
        }
        catch (WorkflowException e) when (e.Kind is ErrorKind.Conflict)
        {
            Refused = [e.Message];
            await LoadAsync(ct);
            return Page();
        }
        return Redirect("/hop-thu?xong=xoa");
    }

    /// <summary>The drafter revises on the form; the others act on the plan page.</summary>
    public static string LinkOf(HumanTaskView task) => task.OnDraftForm ? $"/ke-hoach/{task.PlanId}/sua" : $"/ke-hoach/{task.PlanId}";

    /// <summary>The link to this inbox with the same search and filters, at <paramref name="page"/>.</summary>
    public string Link(int page) => "/hop-thu" + QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Q, ["buoc"] = Buoc, ["trangthai"] = TrangThai, ["sap-xep"] = SapXep == "han" ? null : SapXep,
        ["trang"] = page == 1 ? null : page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();

    private async Task LoadAsync(CancellationToken ct)
    {
        if (!Sorts.Any(s => s.Value == SapXep)) SapXep = "han";
        var overdue = TrangThai switch { "qua-han" => true, "trong-han" => false, _ => (bool?)null };
        Result = await engine.SearchTasksAsync(Actor, new TaskSearch(Q, Buoc, overdue, SapXep, Trang, PageSize), ct);
        Trang = Result.Page;
        Now = clock.GetUtcNow();
        if (WorkflowEngine.MaySeeOfficeOverdue(Actor))
        {
            OfficeTasks = await engine.OfficeOverdueAsync(Actor, 5, ct);
            People = await people.NamesAsync(OfficeTasks.Oldest.Select(t => t.Assignee).OfType<string>(), ct);
            OfficeReports = await reporting.OverdueAsync(Actor, Now, 5, ct);
        }
        if (Workflows.Plans.PlanStore.MayDraft(Actor))
            Drafts = (await store.SearchAsync(Actor, new Workflows.Plans.PlanSearch(Status: Workflows.Plans.PlanStatus.Draft, PageSize: 200), ct)).Items
                .Where(p => p.CreatedBy == Actor.UserName).ToList();
    }
}
