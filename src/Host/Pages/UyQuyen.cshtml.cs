using Microsoft.AspNetCore.Mvc;
using Workflows.Calendar;
using Workflows.Definitions;
using Workflows.Delegation;
using Workflows.Host.Ui;
using Workflows.Kernel;

namespace Workflows.Host.Pages;

/// <summary>
/// <c>/uy-quyen</c>, in every user's own menu: the user's absences with a delegate (given) and the delegations they hold
/// (received), each with its state; a form to record one (delegate among the colleagues of the body, dates typed
/// dd/MM/yyyy, all definitions or some, the written authorisation's reference) and a cancel button, through
/// <see cref="Delegations"/> as <c>/api/delegations</c> does; refusals shown next to their field.
/// </summary>
internal sealed class UyQuyenModel(Delegations delegations, WorkflowDefinitionCatalog catalog, TimeProvider clock) : UiPage
{
    /// <summary>The form's fields, named like the API's (so the use case's field names land next to them).</summary>
    internal sealed class DelegationForm
    {
        public string? Delegate { get; set; }
        public string? StartsOn { get; set; }
        public string? EndsOn { get; set; }
        public bool AllDefinitions { get; set; } = true;
        public List<string> Definitions { get; set; } = [];
        public string? Reference { get; set; }
    }

    [BindProperty] public DelegationForm Form { get; set; } = new();

    public IReadOnlyList<DelegationRecord> Given { get; private set; } = [];
    public IReadOnlyList<DelegationRecord> Received { get; private set; } = [];
    public IReadOnlyList<Delegations.Colleague> Colleagues { get; private set; } = [];
    public IReadOnlyList<WorkflowDefinition> PlanDefinitions { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? xong, CancellationToken ct)
    {
        Done = xong switch
        {
            "ghi" => "Đã ghi ủy quyền.",
            "huy" => "Đã hủy ủy quyền.",
            _ => null,
        };
        var today = VietnamTime.Today(clock);
        Form = new DelegationForm { StartsOn = UiText.Date(today), EndsOn = UiText.Date(today) };
        await LoadAsync(ct);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var startsOn = ParseDate(Form.StartsOn, nameof(Form.StartsOn));
        var endsOn = ParseDate(Form.EndsOn, nameof(Form.EndsOn));
        if (!Form.AllDefinitions && Form.Definitions.Count == 0)
            ModelState.AddModelError("Form.Definitions", "Chọn ít nhất một quy trình, hoặc chọn \"Mọi quy trình\".");
        if (ModelState.IsValid)
        {
            try
            {
                await delegations.CreateAsync(new NewDelegation(Form.Delegate, startsOn, endsOn, Form.AllDefinitions ? null : Form.Definitions, Form.Reference), Actor, ct);
                return Redirect("/uy-quyen?xong=ghi");
            }
            catch (WorkflowException e) when (ShowError(e, nameof(Form)))
            {
            }
        }
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostHuyAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await delegations.CancelAsync(id, Actor, ct);
            return Redirect("/uy-quyen?xong=huy");
        }
        catch (WorkflowException e) when (e.Kind == ErrorKind.Conflict)
        {
            ModelState.AddModelError("", e.Message);
            await LoadAsync(ct);
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Today = VietnamTime.Today(clock);
        var all = await delegations.ListAsync(Actor, ct);
        Given = all.Where(d => d.UserName == Actor.UserName).ToList();
        Received = all.Where(d => d.Delegate == Actor.UserName).ToList();
        Colleagues = await delegations.ColleaguesAsync(Actor, ct);
        PlanDefinitions = catalog.Current.Where(d => d.Kind == WorkflowDefinition.PlanApprovalKind).OrderBy(d => d.Name).ToList();
    }

    private DateOnly? ParseDate(string? text, string field)
    {
        if (VietnameseDate.TryParse(text, out var date)) return date;
        ModelState.AddModelError($"Form.{field}", VietnameseDate.Refusal);
        return null;
    }

    /// <summary>The definitions a delegation covers, by their Vietnamese names ("Mọi quy trình" when all).</summary>
    public string Scope(DelegationRecord d) => d.Definitions.Count == 0
        ? "Mọi quy trình"
        : string.Join("; ", d.Definitions.Select(id => PlanDefinitions.FirstOrDefault(p => p.Id == id)?.Name ?? id));
}
