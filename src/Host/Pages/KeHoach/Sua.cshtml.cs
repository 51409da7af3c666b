using Microsoft.AspNetCore.Mvc;
using Workflows.Engine;
using Workflows.Host.Ui;
using Workflows.Kernel;
using Workflows.Plans;

namespace Workflows.Host.Pages.KeHoach;

/// <summary>
/// The drafter's form over every extracted field (recipients, signer, reporting duties, warnings): save, submit,
/// and after a return the leader's comment beside the form. Only the plan's drafter may change it.
/// </summary>
internal sealed class SuaModel(PlanStore store, WorkflowEngine engine, Workflows.Host.Identity.PeopleNames people) : UiPage
{
    [BindProperty] public PlanForm Form { get; set; } = new();

    public PlanRecord Plan { get; private set; } = null!;
    public IReadOnlyList<string> Warnings { get; private set; } = [];
    public HistoryEntry? ReturnComment { get; private set; }

    /// <summary>Who returned the plan, in words ("Trần Nam Hải, Trưởng phòng").</summary>
    public string? ReturnedBy { get; private set; }
    public bool Editable { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool luu, CancellationToken ct)
    {
        await LoadAsync(id, ct);
        if (Plan.CreatedBy != Actor.UserName) return Redirect($"/ke-hoach/{id}");
        Form = PlanForm.From(Plan);
        Saved = luu;
        return Page();
    }

    public async Task<IActionResult> OnPostLuuAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await SaveAsync(id, ct);
            return Redirect($"/ke-hoach/{id}/sua?luu=true");
        }
        catch (WorkflowException e) when (e.Field == "fields" ? ShowError(new WorkflowException(e.Kind, e.Message)) : ShowError(e, nameof(Form)))
        {
            await LoadAsync(id, ct);
            return Page();
        }
    }

    public async Task<IActionResult> OnPostTrinhAsync(Guid id, CancellationToken ct)
    {
        try
        {
            await SaveAsync(id, ct);
            await engine.SubmitAsync(id, null, Actor, ct);
            return Redirect($"/ke-hoach/{id}?trinh=1");
        }
        catch (WorkflowException e) when (e.Field == "fields" ? ShowError(new WorkflowException(e.Kind, e.Message)) : ShowError(e, nameof(Form)))
        {
            await LoadAsync(id, ct);
            return Page();
        }
    }

    private async Task SaveAsync(Guid id, CancellationToken ct)
    {
        var plan = await store.GetAsync(id, Actor, ct);
        await store.UpdateAsync(id, Form.Subject ?? "", Form.DocumentType, Form.ToFields(plan.Fields), Actor, ct);
    }

    private async Task LoadAsync(Guid id, CancellationToken ct)
    {
        Plan = await store.GetAsync(id, Actor, ct);
        Warnings = Plan.Fields.Warnings;
        Editable = Plan.CreatedBy == Actor.UserName && Plan.Status is PlanStatus.Draft or PlanStatus.Returned;
        ReturnComment = (await store.HistoryAsync(id, ct)).LastOrDefault(h => h.Outcome == "return" && h.Comment is not null);
        if (ReturnComment is not null) ReturnedBy = (await people.NamesAsync([ReturnComment.Who], ct))[ReturnComment.Who];
    }
}
